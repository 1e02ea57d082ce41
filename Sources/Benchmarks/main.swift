// switchboard-bench: prints the figures the issues ask for. Build in release:
//   swift build -c release && .build/release/switchboard-bench [store] [console] [http] [webhooks] [understanding] [platforms] [llm]
import Foundation

if CommandLine.arguments.dropFirst().first == "understand" {
    explainUnderstanding(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
let requested = Set(CommandLine.arguments.dropFirst())
let runAll = requested.isEmpty

print("switchboard-bench on \(ProcessInfo.processInfo.activeProcessorCount) cores")
if runAll || requested.contains("store") { runStoreBenchmarks() }
if runAll || requested.contains("console") { runConsoleBenchmarks() }
if runAll || requested.contains("http") {
    runHTTPBenchmarks()
    await runCallBenchmarks()
}
if runAll || requested.contains("webhooks") { await runWebhookBenchmarks() }
if runAll || requested.contains("understanding") { runUnderstandingBenchmarks(showMisses: requested.contains("misses")) }
if runAll || requested.contains("platforms") { runPlatformBenchmarks() }
if runAll || requested.contains("llm") { runLLMBenchmarks() }
