// switchboard-bench: prints the figures the issues ask for. Build in release:
//   swift build -c release && .build/release/switchboard-bench [store] [console] [http] [webhooks] [understanding] [platforms] [llm]
//   switchboard-bench store-postgres --postgres postgres://USER:PASSWORD@127.0.0.1:PORT/postgres   (the team store;
//   SWITCHBOARD_BENCH_POSTGRES works too; scripts/test-postgres.sh start makes a local server)
import Foundation

if CommandLine.arguments.dropFirst().first == "understand" {
    explainUnderstanding(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
var arguments = Array(CommandLine.arguments.dropFirst())
var postgresServer = ProcessInfo.processInfo.environment["SWITCHBOARD_BENCH_POSTGRES"]
if let flag = arguments.firstIndex(of: "--postgres"), flag + 1 < arguments.count {
    postgresServer = arguments[flag + 1]
    arguments.removeSubrange(flag...(flag + 1))
}
let requested = Set(arguments)
let runAll = requested.isEmpty

print("switchboard-bench on \(ProcessInfo.processInfo.activeProcessorCount) cores")
if runAll || requested.contains("store") { runStoreBenchmarks() }
if requested.contains("store-postgres") {
    guard let postgresServer else {
        print("store-postgres needs a server: --postgres postgres://USER:PASSWORD@HOST:PORT/postgres (or SWITCHBOARD_BENCH_POSTGRES)")
        exit(2)
    }
    await runPostgresStoreBenchmarks(server: postgresServer)
}
if runAll || requested.contains("console") { runConsoleBenchmarks() }
if runAll || requested.contains("http") {
    runHTTPBenchmarks()
    await runCallBenchmarks()
}
if runAll || requested.contains("webhooks") { await runWebhookBenchmarks() }
if runAll || requested.contains("understanding") { runUnderstandingBenchmarks(showMisses: requested.contains("misses")) }
if runAll || requested.contains("platforms") { runPlatformBenchmarks() }
if runAll || requested.contains("llm") { runLLMBenchmarks() }
