import ActionModel
import ActionStore
import Foundation
import SampleBackend
import Webhooks

/// The team store's figures on a PostgreSQL server (`switchboard-bench
/// store-postgres`, the server from `--postgres URL` or
/// `SWITCHBOARD_BENCH_POSTGRES`; `scripts/test-postgres.sh start` makes a
/// local one). Each run works in a scratch database it creates and drops.
func runPostgresStoreBenchmarks(server: String) async {
    let name = "sw_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    let url = try! PostgresDatabases.create(String(name), on: server)
    defer { try? PostgresDatabases.drop(String(name), on: server) }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-pgbench-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = ["XDG_DATA_HOME": folder.path]
    func open() -> ActionStore { try! ActionStore.openPostgres(url: PostgresURL.parse(url), environment: environment) }

    print("store on PostgreSQL (PostgresNIO, \(try! PostgresURL.parse(url).redacted)):")
    let store = open()
    report("one round trip (count of an empty table)", runs: 200) { _ = try! store.count() }

    let actions = (0..<100_000).map(benchmarkAction)
    let insertMs = milliseconds { _ = try! store.insert(actions) }
    line("insert 100,000 actions in one transaction", String(format: "%.0f ms", insertMs))

    var summaries: [ActionSummary] = []
    report("load 100,000 actions for the list (target ≤ 500 ms)", runs: 7) { summaries = try! store.allSummaries() }
    precondition(summaries.count == 100_000)

    var current = try! store.action(id: summaries[0].id)!
    report("save one action (target ≤ 5 ms median)", runs: 200) {
        current.description = "Edited at \(DispatchTime.now().uptimeNanoseconds)"
        current = try! store.update(current)
    }

    // A change seen by another handle (its own connections, as another console's).
    let other = open()
    let seen = StoreChangeWaiter()
    let subscription = other.subscribeToChanges { change in
        if case let .changed(tables) = change { seen.note(tables) }
    }
    try? await Task.sleep(for: .milliseconds(300))  // LISTEN is in place
    var visible: [Double] = []
    for _ in 0..<50 {
        seen.reset()
        let start = DispatchTime.now().uptimeNanoseconds
        current.description = "Edited at \(start)"
        current = try! store.update(current)
        seen.wait(for: "action")
        visible.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    subscription?.cancel()
    visible.sort()
    line("a save visible in another console (target ≤ 200 ms)", String(
        format: "median %.3f ms   p95 %.3f ms   max %.3f ms   (%d saves: save + NOTIFY + LISTEN wake-up)",
        visible[visible.count / 2], visible[Int(Double(visible.count) * 0.95)], visible.last!, visible.count))

    // One delivery queue, drained by 1 sender and by 3 (each its own store handle).
    let recorder = try! await SampleBackend.startRecorder(respond: { _ in (200, "{}") })
    for senders in [1, 3] {
        let hooks = (0..<4).map { index in
            try! store.insert(Webhook(label: "Bench \(senders)-\(index)", url: recorder.baseURL + "/hooks/\(index)", events: WebhookEventType.subscribable))
        }
        let deliveries = (0..<1_000).map { index in
            WebhookDelivery(webhookID: hooks[index % hooks.count].id, event: .message, callID: nil, body: "{\"index\":\(index)}")
        }
        try! store.enqueue(deliveries)
        let policy = RetryPolicy(timeout: .seconds(5), backoffBase: .milliseconds(50), maxRetries: 1)
        let dispatchers = (0..<senders).map { _ in WebhookDispatcher(store: open(), policy: policy, resolveSecret: { _ in "" }) }
        let start = DispatchTime.now().uptimeNanoseconds
        for dispatcher in dispatchers { await dispatcher.start() }
        while (try? store.pendingDeliveryCount()) ?? 1 > 0 { try? await Task.sleep(for: .milliseconds(5)) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
        for dispatcher in dispatchers { await dispatcher.stop() }
        for hook in hooks { try! store.delete(webhook: hook) }
        line("1,000 deliveries drained by \(senders) sender\(senders == 1 ? "" : "s")",
             String(format: "%.2f s   %.0f deliveries/s", seconds, 1_000 / seconds))
    }
    await recorder.stop()
}

/// Waits for a change notification naming a table.
final class StoreChangeWaiter: @unchecked Sendable {
    private let condition = NSCondition()
    private var tables: Set<String> = []

    func note(_ changed: Set<String>) {
        condition.lock()
        tables.formUnion(changed)
        condition.broadcast()
        condition.unlock()
    }

    func reset() {
        condition.lock()
        tables = []
        condition.unlock()
    }

    func wait(for table: String) {
        condition.lock()
        while !tables.contains(table) {
            if !condition.wait(until: Date().addingTimeInterval(5)) { print("  (no notification within 5 s)"); break }
        }
        condition.unlock()
    }
}
