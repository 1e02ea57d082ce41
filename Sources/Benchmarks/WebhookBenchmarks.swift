import ActionHTTP
import ActionModel
import ActionStore
import CallDriver
import CallSimulation
import Foundation
import SampleBackend
import Webhooks

/// Webhook figures, everything on 127.0.0.1 in this process:
/// (a) the cost on the call's path: what LiveCall does per timeline item when
///     webhooks are on (map the item to events, `submit` them), timed directly;
/// (b) the conversation's step timings (start, each caller line, hang up) with
///     webhooks off, then on while 1,000 deliveries go to a loopback server;
/// (c) delivery throughput: those 1,000 during the calls, and 1,000 in one burst.
func runWebhookBenchmarks() async {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-webhookbench-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try! ActionStore.open(path: folder.appendingPathComponent("webhooks.sqlite").path)
    let demo = try! DemoWorkspace.create(in: store)
    let booking = try! store.action(functionName: "book_appointment")!
    let lines = ["Ada Lovelace", "tomorrow", "half past ten in the morning"]
    let invoker = ActionInvoker()
    let server = try! await SampleBackend.startRecorder(respond: { _ in (200, "{}") })

    print("webhooks (AsyncHTTPClient → recorder on 127.0.0.1, store fsync on every commit):")

    /// Runs `count` Book appointment calls; returns every step's duration (ms) and one call's timeline.
    func calls(_ count: Int, webhooks: WebhookDispatcher?) async -> (steps: [Double], timeline: [CallTimelineItem]) {
        var steps: [Double] = []
        var timeline: [CallTimelineItem] = []
        for _ in 0..<count {
            let record = CallRecord(agentID: demo.agent.id, agentName: demo.agent.name, startedFromAction: booking.id, origin: "headless")
            let agent = MockAgent(agent: demo.agent, actions: [booking], callID: record.id.rawValue, startedFrom: booking)
            let call = LiveCall(agent: agent, record: record, store: store, invoker: invoker, webhooks: webhooks)
            func step(_ body: () async -> Void) async {
                let start = DispatchTime.now().uptimeNanoseconds
                await body()
                steps.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            }
            await step { await call.start() }
            for line in lines { await step { await call.say(line) } }
            await step { await call.hangUp() }
            timeline = await call.timeline
        }
        return (steps, timeline)
    }

    _ = await calls(5, webhooks: nil)  // warm: sample backend, connections, SQLite
    let callCount = 30
    let (offSteps, timeline) = await calls(callCount, webhooks: nil)

    // (a) The call's path: map each item and submit, as LiveCall.note does.
    let webhookCount = 2
    for index in 0..<webhookCount {
        try! store.insert(Webhook(label: "Bench \(index)", url: server.baseURL + "/hooks/\(index)", events: WebhookEventType.subscribable,
                                  secretName: "BENCH"))
    }
    let record = CallRecord(agentID: demo.agent.id, agentName: demo.agent.name, origin: "headless")
    var eventsPerCall = 1
    var mapper = CallWebhookEvents(record: record)
    for item in timeline { eventsPerCall += mapper.events(for: item).count }

    let policy = RetryPolicy(timeout: .seconds(10), backoffBase: .milliseconds(100), maxRetries: 3)
    let secret = SampleBackend.demoSecret
    let dispatcher = WebhookDispatcher(store: store, invoker: invoker, policy: policy, resolveSecret: { _ in secret })
    await dispatcher.start()

    // (b) + (c): calls with webhooks on, plus filler events so 1,000 deliveries in all go out while they run.
    let fromCalls = callCount * eventsPerCall * webhookCount
    let fillerEvents = max(0, (1000 - fromCalls) / webhookCount)
    let total = (fromCalls + fillerEvents * webhookCount)
    await server.recorder.clear()
    let started = DispatchTime.now().uptimeNanoseconds
    let filler = Task.detached {
        for index in 0..<fillerEvents {
            dispatcher.submit(WebhookEvent(type: .message, callID: "call_bench", data: ["speaker": "caller", "text": .string("filler \(index)")]))
            if index % 10 == 9 { try? await Task.sleep(for: .milliseconds(2)) }
        }
    }
    let (onSteps, _) = await calls(callCount, webhooks: dispatcher)
    await filler.value
    let callsDone = DispatchTime.now().uptimeNanoseconds
    let left = await dispatcher.drain(timeout: .seconds(120))
    let finished = DispatchTime.now().uptimeNanoseconds
    let received = await server.recorder.requests.count

    var submitSamples: [Double] = []
    for _ in 0..<200 {
        var fresh = CallWebhookEvents(record: record)
        let start = DispatchTime.now().uptimeNanoseconds
        dispatcher.submit(fresh.connected(at: Date()))
        submitSamples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
        for item in timeline {
            let start = DispatchTime.now().uptimeNanoseconds
            for event in fresh.events(for: item) { dispatcher.submit(event) }
            submitSamples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
        }
    }
    _ = await dispatcher.drain(timeout: .seconds(120))
    submitSamples.sort()
    line("call path: map a timeline item + submit (µs)", String(format: "median %.1f   p99 %.1f   max %.1f   (%d items)",
        submitSamples[submitSamples.count / 2], submitSamples[submitSamples.count * 99 / 100], submitSamples.last!, submitSamples.count))

    func stats(_ samples: [Double]) -> (median: Double, p95: Double, max: Double) {
        let sorted = samples.sorted()
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 95 / 100)], sorted.last!)
    }
    let off = stats(offSteps), on = stats(onSteps)
    line("call steps, webhooks off (ms)", String(format: "median %.3f   p95 %.3f   max %.3f   (%d steps)", off.median, off.p95, off.max, offSteps.count))
    line("call steps, webhooks on + 1,000 deliveries (ms)", String(format: "median %.3f   p95 %.3f   max %.3f   (%d steps)", on.median, on.p95, on.max, onSteps.count))
    line("step time added (on − off)", String(format: "median %+.3f ms   p95 %+.3f ms   max %+.3f ms", on.median - off.median, on.p95 - off.p95, on.max - off.max))
    let seconds = Double(finished - started) / 1e9
    line("deliveries during the calls", String(format: "%d sent, %d received, %d left; %.2f s from first event (calls took %.2f s) → %.0f deliveries/s",
        total, received, left, seconds, Double(callsDone - started) / 1e9, Double(total) / seconds))

    // (c) A burst: 1,000 deliveries submitted at once, one webhook, signed.
    await server.recorder.clear()
    for webhook in try! store.allWebhooks() { try! store.delete(webhook: webhook) }
    let burstHook = try! store.insert(Webhook(label: "Burst", url: server.baseURL + "/burst", events: [.error], secretName: "BENCH"))
    let burstStart = DispatchTime.now().uptimeNanoseconds
    for index in 0..<1000 { dispatcher.submit(WebhookEvent(type: .error, callID: "call_burst", data: ["index": .integer(index)])) }
    let burstLeft = await dispatcher.drain(timeout: .seconds(120))
    let burstSeconds = Double(DispatchTime.now().uptimeNanoseconds - burstStart) / 1e9
    let burstReceived = await server.recorder.requests.filter { $0.path == "/burst" }.count
    line("1,000 in one burst to one webhook (one lane, in order)", String(format: "%d received, %d left in %.2f s → %.0f deliveries/s",
        burstReceived, burstLeft, burstSeconds, Double(burstReceived) / burstSeconds))
    _ = burstHook

    await dispatcher.stop()
    await invoker.shutdown()
    await server.stop()
    await SampleHost.shared.stop()
}
