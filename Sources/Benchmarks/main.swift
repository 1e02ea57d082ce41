// switchboard-bench: prints the figures the issues ask for. Build in release:
//   swift run -c release switchboard-bench [store] [console]
import Foundation

let requested = Set(CommandLine.arguments.dropFirst())
let runAll = requested.isEmpty

print("switchboard-bench on \(ProcessInfo.processInfo.activeProcessorCount) cores")
if runAll || requested.contains("store") { runStoreBenchmarks() }
if runAll || requested.contains("console") { runConsoleBenchmarks() }
