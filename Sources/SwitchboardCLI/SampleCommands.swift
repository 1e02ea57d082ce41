import ActionModel
import ActionStore
import ArgumentParser
import CallDriver
import Foundation
import SampleBackend

struct ServeSampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-sample",
        abstract: "Serve the sample backend on 127.0.0.1: endpoints that speak the Custom External Action contract.",
        discussion: """
            POST /crm/leads, /accounts/status, /appointments, /support/tickets answer like a real backend; \
            /faults/slow?ms=N, /faults/500, /faults/not-json, /faults/no-result, /faults/result-not-object, \
            /faults/401, /faults/404, /faults/redirect?times=N&code=307, /faults/huge and /faults/agent-message \
            let you try every way a request can go wrong. Stop it with Ctrl-C.

            The same server is a scripted OpenAI-compatible model: base URL http://127.0.0.1:PORT/v1, model \
            switchboard-scripted (POST /v1/chat/completions, GET /v1/models). It picks the tool the caller's words \
            match, fills its arguments from them, asks for what is missing, and streams in small chunks; the same \
            request always gets the same reply. With --model-api-key it asks for `Authorization: Bearer KEY`.
            """)

    @Option(parsing: .unconditional, help: ArgumentHelp("The port (default: a free one).", valueName: "port")) var port = 0

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0 (a free one) to 65535 (got \(port))") }
        if !(0...10_000).contains(chunkDelayMs) { throw ValidationError("--chunk-delay-ms must be 0 to 10000 (got \(chunkDelayMs))") }
        if let modelAPIKey, modelAPIKey.isEmpty || modelAPIKey.contains(where: { $0.isWhitespace }) {
            throw ValidationError("--model-api-key must be one word with no spaces (got '\(modelAPIKey)')")
        }
    }
    @Flag(help: "Check x-vocode-signature with the demo secret (the demo actions sign with it).") var checkSignatures = false
    @Option(help: ArgumentHelp("Make the scripted model ask for `Authorization: Bearer KEY` (default: no key needed).", valueName: "key"))
    var modelAPIKey: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Wait this long before each streamed chunk of the scripted model, to watch words arrive.", valueName: "ms"))
    var chunkDelayMs = 0

    func run() async throws {
        guard (0...65535).contains(port) else { throw CLIError.invalid("--port: \(port) is not a port; use 1-65535 (or 0 for a free one)") }
        let backend: RunningSampleBackend
        do {
            backend = try await SampleBackend.start(host: "127.0.0.1", port: port, secret: checkSignatures ? SampleBackend.demoSecret : nil,
                                                    modelAPIKey: modelAPIKey, modelChunkDelay: .milliseconds(chunkDelayMs))
        } catch {
            throw CLIError("can't listen on 127.0.0.1:\(port): \(error)", exitCode: 2)
        }
        output("Sample backend on \(backend.baseURL) — try: curl -s -X POST \(backend.baseURL)/crm/leads -H 'Content-Type: application/json' -d '{\"call_id\":\"c1\",\"payload\":{\"email\":\"jo@example.com\"}}'")
        output("Scripted OpenAI-compatible model: base URL \(backend.baseURL)/v1, model \(ScriptedModel.modelID)"
               + (modelAPIKey == nil ? " (no API key needed)" : " (send Authorization: Bearer <your --model-api-key>)"))
        while !Task.isCancelled { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Add the demo workspace: actions that call the embedded sample backend, and an agent that uses them.",
        discussion: """
            Demo actions point at http://sample.localhost/…; any call that uses one starts the sample backend \
            in-process on a free loopback port, so they work with no setup. Running it again adds only what is missing.
            """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        let created = try DemoWorkspace.create(in: try store.open())
        var lines = ["Demo workspace ready: \(created.actions.count) action\(created.actions.count == 1 ? "" : "s") added"
                     + (created.alreadyThere.isEmpty ? "" : ", \(created.alreadyThere.count) already there") + ", agent '\(created.agent.name)'."]
        lines.append("Try: switchboard simulate --agent \"\(created.agent.name)\" --say \"I'd like to open a support ticket\" --say \"jo at example dot com\" --say \"my internet is down\"")
        output(lines.joined(separator: "\n"))
    }
}
