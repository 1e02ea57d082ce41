import ActionModel
import ActionStore
import Foundation

/// A realistic Custom Input action: three properties, a header, spoken lines.
func benchmarkAction(_ index: Int) -> Action {
    Action(
        name: "Create CRM lead \(index)", description: "Creates a lead in the CRM with the caller's details (\(index))",
        configuration: .customInput(CustomInputConfiguration(
            url: "https://api.example.com/leads/\(index)", speakOnSend: "One moment while I save that.",
            speakOnReceive: "Done, your lead number is {{result.lead_id}}.",
            inputSchema: InputSchema(properties: [
                SchemaProperty(name: "email", type: .string, isRequired: true, description: "The caller's email address", format: .email),
                SchemaProperty(name: "plan", type: .string, description: "The plan they want", enumValues: ["basic", "pro", "enterprise"]),
                SchemaProperty(name: "seats", type: .integer, isRequired: true, description: "How many seats", minimum: 1, maximum: 500),
            ]),
            headers: [HTTPHeader(name: "Authorization", value: "Bearer token-\(index)")])))
}

func runStoreBenchmarks() {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("bench.sqlite").path

    print("store (SQLite through GRDB, WAL, synchronous=FULL):")
    let store = try! ActionStore.open(path: path)
    let actions = (0..<100_000).map(benchmarkAction)
    let insertMs = milliseconds { _ = try! store.insert(actions) }
    line("insert 100,000 actions in one transaction", String(format: "%.0f ms", insertMs))
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    line("store file size", "\(size / 1024 / 1024) MiB (+ WAL)")

    var summaries: [ActionSummary] = []
    report("load 100,000 actions for the list (target ≤ 300 ms)", runs: 7) { summaries = try! store.allSummaries() }
    precondition(summaries.count == 100_000)
    var loaded: [Action] = []
    report("load 100,000 full actions (schemas decoded)", runs: 3) { loaded = try! store.allActions() }
    precondition(loaded.count == 100_000)

    var current = try! store.action(id: loaded[0].id)!
    report("save one action, durable (target ≤ 5 ms median)", runs: 200) {
        current.description = "Edited at \(DispatchTime.now().uptimeNanoseconds)"
        current = try! store.update(current)
    }

    var exported = ""
    report("export 100,000 as Switchboard JSON", runs: 3) { exported = ActionDocument.export(loaded).prettyText }
    line("  size", "\(exported.utf8.count / 1024 / 1024) MiB")
}

func runDecodeProbe() {
    let actions = (0..<100_000).map(benchmarkAction)
    let texts = actions.map { ActionDocument.configurationJSON($0.configuration, includeSecrets: true).compactText }
    print("bytes per config", texts[0].utf8.count)
    var parsed: [JSONValue] = []
    report("parse 100k config JSON", runs: 3) { parsed = texts.map { try! JSONValue(parsing: $0) } }
    report("decode 100k configs from JSON", runs: 3) { _ = parsed.map { try! ActionDocument.configuration(.customInput, from: $0, path: "c") } }
    report("serialize 100k configs", runs: 3) { _ = actions.map { ActionDocument.configurationJSON($0.configuration, includeSecrets: true).compactText } }
}
