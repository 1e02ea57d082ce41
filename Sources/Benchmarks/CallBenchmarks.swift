import ActionHTTP
import ActionModel
import ActionStore
import CallDriver
import CallSimulation
import Foundation

/// A whole simulated call of a three-field action (Book appointment) against
/// the sample backend: in-process with the backend warm, and as a user runs it
/// (`switchboard simulate`, a new process that starts the backend itself).
func runCallBenchmarks() async {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-callbench-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("calls.sqlite").path
    let store = try! ActionStore.open(path: path)
    let demo = try! DemoWorkspace.create(in: store)
    let booking = try! store.action(functionName: "book_appointment")!
    let lines = ["Ada Lovelace", "tomorrow", "half past ten in the morning"]

    print("simulated calls (Book appointment: name, date, time → sample backend):")
    let invoker = ActionInvoker()
    var samples: [Double] = []
    for run in 0..<31 {
        let record = CallRecord(agentID: demo.agent.id, agentName: demo.agent.name, startedFromAction: booking.id, origin: "headless")
        let agent = MockAgent(agent: demo.agent, actions: [booking], callID: record.id.rawValue, startedFrom: booking)
        let start = DispatchTime.now().uptimeNanoseconds
        let call = LiveCall(agent: agent, record: record, store: store, invoker: invoker)
        await call.start()
        for line in lines { await call.say(line) }
        await call.hangUp()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        let completed = await call.timeline.contains { $0.kind == .event(.actionCompleted(booking.id)) }
        precondition(completed, "the benchmark call must complete")
        if run > 0 { samples.append(elapsed) }  // the first run starts the backend
    }
    samples.sort()
    line("whole call in-process, store log included (warm)", String(format: "median %.2f ms   max %.2f ms   (%d runs)", samples[samples.count / 2], samples.last!, samples.count))
    await invoker.shutdown()
    await SampleHost.shared.stop()

    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("switchboard")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        line("`switchboard simulate` as a process", "skipped: build the switchboard product in the same configuration first")
        return
    }
    var walls: [Double] = []
    for _ in 0..<10 {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["simulate", "--store", path, "--action", "book_appointment"] + lines.flatMap { ["--say", $0] }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try! process.run()
        process.waitUntilExit()
        walls.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    walls.sort()
    line("`switchboard simulate` process wall (target ≤ 100 ms)", String(format: "median %.1f ms   max %.1f ms   (%d runs)", walls[walls.count / 2], walls.last!, walls.count))
}
