import ActionHTTP
import ActionModel
import CallSimulation
import Foundation
import SampleBackend

/// HTTP figures, all on 127.0.0.1 in this process:
/// (a) "all fields collected" (an InvocationRequest in hand) to the request's
///     first byte read by the server, over a warm keep-alive connection;
/// (b) request round trip through ActionInvoker against the sample backend,
///     next to `curl` against the same endpoint in the same run.
func runHTTPBenchmarks() {
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        await httpBenchmarks()
        done.signal()
    }
    done.wait()
}

private func nanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

private func summary(_ samples: [Double]) -> (median: Double, p95: Double, max: Double) {
    let sorted = samples.sorted()
    return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))], sorted.last!)
}

private func show(_ label: String, _ samples: [Double]) {
    let s = summary(samples)
    line(label, String(format: "median %8.3f ms   p95 %8.3f ms   max %8.3f ms   (%d runs)", s.median, s.p95, s.max, samples.count))
}

private func leadRequest(_ url: String, index: Int) -> InvocationRequest {
    let action = Action(
        name: "Create CRM lead", description: "Creates a lead",
        configuration: .customInput(CustomInputConfiguration(
            url: url, headers: [HTTPHeader(name: "Authorization", value: "Bearer bench-token")],
            signatureSecret: SampleBackend.demoSecret)))
    let arguments = JSONObject([
        (key: "email", value: .string("caller\(index)@example.com")), (key: "name", value: "Ada Lovelace"),
        (key: "plan", value: "pro"), (key: "seats", value: 12),
    ])
    return InvocationRequest(action: action, arguments: arguments, callID: "bench-call-\(index)")
}

private func httpBenchmarks() async {
    print("http (ActionInvoker on AsyncHTTPClient, servers on 127.0.0.1 in-process):")
    let runs = 200

    // (a) Request in hand → on the wire.
    let buildSamples = (0..<runs).map { index -> Double in
        let request = leadRequest("http://127.0.0.1:1/crm/leads", index: index)
        let start = nanos()
        _ = try? WireRequest.build(request)
        return Double(nanos() - start) / 1_000_000
    }
    show("WireRequest.build (body, headers, HMAC)", buildSamples)

    guard let recorder = try? await SampleBackend.startRecorder(respond: { _ in (200, #"{"result":{"ok":true}}"#) }) else {
        print("  could not start the recorder"); return
    }
    var invoker = ActionInvoker()
    for index in 0..<10 { _ = await invoker.invoke(leadRequest(recorder.baseURL + "/crm/leads", index: index)) }  // warm up
    var toWire: [Double] = []
    for index in 0..<runs {
        let request = leadRequest(recorder.baseURL + "/crm/leads", index: index)
        let start = nanos()
        _ = await invoker.invoke(request)
        if let seen = await recorder.recorder.last, seen.firstByteNanoseconds > start {
            toWire.append(Double(seen.firstByteNanoseconds - start) / 1_000_000)
        }
    }
    show("request in hand -> first byte read by server (warm)", toWire)
    // A cold connection: a fresh client each time.
    var coldToWire: [Double] = []
    for index in 0..<20 {
        await invoker.shutdown()
        invoker = ActionInvoker()
        let start = nanos()
        _ = await invoker.invoke(leadRequest(recorder.baseURL + "/crm/leads", index: index))
        if let seen = await recorder.recorder.last, seen.firstByteNanoseconds > start {
            coldToWire.append(Double(seen.firstByteNanoseconds - start) / 1_000_000)
        }
    }
    show("  same, new connection each time (TCP connect incl.)", coldToWire)
    await recorder.stop()

    // (b) Round trip vs curl, against the Hummingbird sample backend.
    guard let backend = try? await SampleBackend.start(host: "127.0.0.1", port: 0, secret: SampleBackend.demoSecret) else {
        print("  could not start the sample backend"); return
    }
    let url = backend.baseURL + "/crm/leads"
    for index in 0..<10 { _ = await invoker.invoke(leadRequest(url, index: index)) }
    var roundTrips: [Double] = []
    var failures = 0
    for index in 0..<runs {
        let request = leadRequest(url, index: index)
        let start = nanos()
        let outcome = await invoker.invoke(request)
        roundTrips.append(Double(nanos() - start) / 1_000_000)
        if case .failure = outcome { failures += 1 }
    }
    show("ActionInvoker round trip, POST /crm/leads (warm)", roundTrips)
    if failures > 0 { line("  failures", "\(failures)") }

    // Like curl, a new connection each time (a fresh client; its start-up is outside the timing).
    var coldRoundTrips: [Double] = []
    for index in 0..<50 {
        let fresh = ActionInvoker()
        let start = nanos()
        _ = await fresh.invoke(leadRequest(url, index: index))
        coldRoundTrips.append(Double(nanos() - start) / 1_000_000)
        await fresh.shutdown()
    }
    show("ActionInvoker round trip, new connection each time", coldRoundTrips)

    let body = (try? WireRequest.build(leadRequest(url, index: 0))).map { String(decoding: $0.requestBody, as: UTF8.self) } ?? "{}"
    var curlWall: [Double] = []
    var curlOwn: [Double] = []
    for _ in 0..<50 {
        let start = nanos()
        let own = runProcess("/usr/bin/curl", [
            "-s", "--noproxy", "*", "-o", "/dev/null", "-w", "%{time_total}", "-X", "POST",
            "-H", "Content-Type: application/json", "--data", body, url,
        ])
        curlWall.append(Double(nanos() - start) / 1_000_000)
        if let seconds = own.flatMap(Double.init) { curlOwn.append(seconds * 1000) }
    }
    var spawn: [Double] = []
    for _ in 0..<50 {
        let start = nanos()
        _ = runProcess("/bin/true", [])
        spawn.append(Double(nanos() - start) / 1_000_000)
    }
    show("curl, wall clock incl. process spawn", curlWall)
    if !curlOwn.isEmpty { show("curl's own -w %{time_total} (new connection)", curlOwn) }
    show("spawning /bin/true (process cost alone)", spawn)
    let ours = summary(roundTrips).median
    line("ratio ActionInvoker / curl wall clock", String(format: "%.3f", ours / summary(curlWall).median))
    if !curlOwn.isEmpty {
        line("ratio ActionInvoker / curl time_total", String(format: "%.3f", ours / summary(curlOwn).median))
        line("ratio ActionInvoker (new connection) / curl time_total",
             String(format: "%.3f", summary(coldRoundTrips).median / summary(curlOwn).median))
    }
    await invoker.shutdown()
    await backend.stop()
}

/// Runs a program to completion and returns what it wrote to stdout.
private func runProcess(_ path: String, _ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
