import ActionModel
import Foundation
import SampleBackend
import XCTest

/// Plants a distinctive secret, runs every command that writes output, and
/// checks that none of it — stdout, stderr, the SQLite files — holds the
/// value, while the request on the wire does.
final class SecretsLeakCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }
    var outputs: [(command: String, text: String)] = []

    /// Runs a command and keeps everything it wrote for the leak check.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        let result = try CLI.run(arguments, store: store, stdin: stdin, environment: environment)
        outputs.append((arguments.joined(separator: " "), result.stdout + result.stderr))
        return result
    }

    func testNoOutputAndNoStoreFileEverHoldsASecretValue() async throws {
        let planted = "sk_leak_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let signingKey = Data("leak-test-signing-key-\(UUID().uuidString)".utf8).base64EncodedString()
        // A careless backend that echoes the credential back in its answer.
        let recorder = try await SampleBackend.startRecorder { request in
            let echoed = request.header("Authorization") ?? ""
            return (200, #"{"result":{"lead_id":"L-7","echo":"\#(echoed)"},"agent_message":"Saved with \#(echoed)."}"#)
        }
        defer { Task { await recorder.stop() } }

        XCTAssertEqual(try run(["environments", "create", "staging", "--use"]).status, 0)
        XCTAssertEqual(try run(["environments", "set", "staging", "BASE_URL", recorder.baseURL]).status, 0)
        XCTAssertEqual(try run(["secrets", "set", "API_KEY"], stdin: planted + "\n").status, 0)
        XCTAssertEqual(try run(["secrets", "set", "SIGNING_KEY"], stdin: signingKey).status, 0)
        let created = try run([
            "actions", "create", "--kind", "custom-input", "--name", "Create lead",
            "--url", "{{env.BASE_URL}}/hooks/lead?token={{secret.API_KEY}}",
            "--header", "Authorization: Bearer {{secret.API_KEY}}", "--header", "X-Env: {{env.BASE_URL}}",
            "--property", "email:string(email):required:The caller's email",
            "--speak-on-receive", "Your lead is {{result.lead_id}}.", "--signature-secret-stdin",
        ], stdin: "{{secret.SIGNING_KEY}}")
        XCTAssertEqual(created.status, 0, created.stderr)
        // Error paths: a malformed reference is refused; a URL that is nothing
        // but the secret is invalid once filled in.
        XCTAssertEqual(try run(["actions", "create", "--kind", "custom-input", "--name", "Broken", "--url", "https://x.example.com/{{secret.API-KEY}}",
                                "--property", "email:string(email):required"]).status, 1)
        XCTAssertEqual(try run(["actions", "create", "--kind", "custom-input", "--name", "Bare", "--url", "{{secret.API_KEY}}",
                                "--property", "email:string(email):required"]).status, 0)

        // A webhook told about every event, signed with the same named secret: what it is
        // sent (and what its delivery log keeps) must not carry the value either.
        let hooks = try await SampleBackend.startRecorder { _ in (200, "{}") }
        defer { Task { await hooks.stop() } }
        let webhook = try run(["webhooks", "create", "--label", "Everything", "--url", hooks.baseURL + "/events",
                               "--event", WebhookEventType.subscribable.map(\.rawValue).joined(separator: ","), "--secret", "SIGNING_KEY"])
        XCTAssertEqual(webhook.status, 0, webhook.stderr)

        // A value with a control character is refused (the HTTP client would quote it,
        // escaped, where masking can't see it); one read from the environment at call
        // time is stopped before sending.
        for control in ["\u{0}", "\u{1}", "\u{7f}"] {
            let refused = try run(["secrets", "set", "CTRL_KEY"], stdin: planted + control + "tail")
            XCTAssertEqual(refused.status, 1, refused.stderr)
            XCTAssertTrue(refused.stderr.contains("has a control character"), refused.stderr)
        }
        XCTAssertEqual(try run(["secrets", "set", "CTRL_ENV", "--from-env", "SB_LEAK_CTRL"]).status, 0)
        XCTAssertEqual(try run(["actions", "create", "--kind", "custom-input", "--name", "Ctrl", "--url", recorder.baseURL + "/ctrl",
                                "--header", "X-Api-Key: {{secret.CTRL_ENV}}", "--property", "email:string(email):required"]).status, 0)
        for arguments in [["simulate", "--action", "ctrl", "--say", "jo at example dot com"], ["simulate", "--action", "ctrl", "--say", "jo at example dot com", "--json"]] {
            let stopped = try run(arguments, environment: ["SB_LEAK_CTRL": planted + "\u{1}x"])
            XCTAssertTrue((stopped.stdout + stopped.stderr).contains("has a control character (U+0001) once filled in"), stopped.stdout + stopped.stderr)
        }

        // A redirect to another origin: the secret header and the signature stay behind.
        // No secret: the redirect route must not answer 401 to a request signed with another key.
        let backend = try await SampleBackend.start(host: "127.0.0.1", port: 0, secret: nil)
        defer { Task { await backend.stop() } }
        let landing = try await SampleBackend.startRecorder { _ in (200, #"{"result":{"ok":true}}"#) }
        defer { Task { await landing.stop() } }
        let hop = backend.baseURL + "/faults/redirect?code=307&to=" + (landing.baseURL + "/landing").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        XCTAssertEqual(try run(["actions", "create", "--kind", "custom-input", "--name", "Hop", "--url", hop,
                                "--header", "X-Api-Key: {{secret.API_KEY}}", "--property", "email:string(email):required",
                                "--signature-secret-stdin"], stdin: "{{secret.SIGNING_KEY}}").status, 0)
        let hopped = try run(["simulate", "--action", "hop", "--say", "jo at example dot com"])
        XCTAssertEqual(hopped.status, 0, hopped.stderr)
        XCTAssertTrue(hopped.stdout.contains("after 307 → \(landing.baseURL)/landing"), "the redirect is in the transcript: \(hopped.stdout)")
        let hoppedJSON = try run(["simulate", "--action", "hop", "--say", "jo at example dot com", "--json"])
        let response = try XCTUnwrap(JSONValue(parsing: hoppedJSON.stdout).value(atPath: "events")?.arrayValue?.first { $0.value(atPath: "type") == "response" })
        XCTAssertEqual(response.value(atPath: "data.redirects"), .array([["status": 307, "location": .string(landing.baseURL + "/landing")]]))
        let lastLanded = await landing.recorder.last
        let landed = try XCTUnwrap(lastLanded)
        XCTAssertEqual(landed.path, "/landing")
        XCTAssertNil(landed.header("X-Api-Key"), landed.rawHeadText)
        XCTAssertNil(landed.header("x-vocode-signature"), landed.rawHeadText)
        XCTAssertFalse(landed.rawHeadText.contains(planted) || landed.bodyText.contains(planted), landed.rawHeadText)

        // The call: the wire gets the value, nothing else does.
        let call = try run(["simulate", "--action", "create_lead", "--say", "jo at example dot com", "--json"])
        XCTAssertEqual(call.status, 0, call.stderr)
        let requests = await recorder.recorder.requests
        let received = try XCTUnwrap(requests.first { $0.path.hasPrefix("/hooks/lead") })
        XCTAssertEqual(received.header("Authorization"), "Bearer " + planted)
        XCTAssertEqual(received.path, "/hooks/lead?token=" + planted)
        // Signed with the key {{secret.SIGNING_KEY}} names (its bytes are checked in TemplatedRequestTests).
        XCTAssertEqual(received.header("x-vocode-signature")?.count, 44)

        let callID = try XCTUnwrap(JSONValue(parsing: call.stdout).value(atPath: "id")?.stringValue)
        let shown = try run(["calls", "show", callID, "--json"])
        let sent = try XCTUnwrap(JSONValue(parsing: shown.stdout).value(atPath: "events")?.arrayValue?.first { $0.value(atPath: "type") == "request_sent" })
        XCTAssertEqual(sent.value(atPath: "data.url"), .string(recorder.baseURL + "/hooks/lead?token={{secret.API_KEY}}"))
        XCTAssertTrue(sent.value(atPath: "data.headers")?.arrayValue?.contains(["name": "Authorization", "value": "Bearer {{secret.API_KEY}}"]) == true)
        XCTAssertTrue(shown.stdout.contains("Saved with Bearer {{secret.API_KEY}}."), "the echo is masked in what the agent said")

        // A model whose key is the same secret, behind a careless endpoint that
        // echoes the key in its words and its errors: the wire gets it, nothing else.
        let llm = try await FakeModel.start(arguments: #"{"email":"jo@example.com"}"#, tool: "bare") { request in
            "Saved, key " + (request.header("Authorization") ?? "")
        }
        defer { Task { await llm.stop() } }
        let echoing = try await SampleBackend.startRecorder { request in (401, #"{"error":{"message":"bad key \#(request.header("Authorization") ?? "")"}}"#) }
        defer { Task { await echoing.stop() } }
        XCTAssertEqual(try run(["models", "create", "llm", "--base-url", llm.baseURL + "/v1", "--model", "m", "--api-key", "{{secret.API_KEY}}",
                                "--header", "X-Org: {{secret.API_KEY}}"]).status, 0)
        XCTAssertEqual(try run(["models", "create", "echo", "--base-url", echoing.baseURL + "/v1", "--model", "m", "--api-key", "{{secret.API_KEY}}"]).status, 0)
        // `bare` fails unsent, so the model speaks after the tool result (and echoes the key).
        let modelCall = try run(["simulate", "--model", "llm", "--action", "bare", "--say", "jo@example.com please", "--json"])
        XCTAssertEqual(modelCall.status, 0, modelCall.stderr)
        XCTAssertTrue(modelCall.stdout.contains("Saved, key Bearer {{secret.API_KEY}}"), modelCall.stdout)
        let modelRequests = await llm.recorder.requests
        XCTAssertEqual(modelRequests.first?.header("Authorization"), "Bearer " + planted, "the key is filled in on the wire")
        try run(["simulate", "--model", "llm", "--action", "create_lead", "--say", "jo@example.com please"])
        try run(["simulate", "--model", "echo", "--action", "create_lead", "--say", "hello", "--json"])
        for arguments in [["models", "list"], ["models", "list", "--json"], ["models", "show", "llm"], ["models", "show", "llm", "--json"],
                          ["models", "test", "llm"], ["models", "test", "echo"]] {
            try run(arguments)
        }

        // Every other command that writes something.
        try run(["simulate", "--action", "create_lead", "--say", "jo at example dot com"])
        try run(["simulate", "--action", "bare", "--say", "jo at example dot com"])
        try run(["simulate", "--action", "bare", "--say", "jo at example dot com", "--json"])
        try run(["simulate", "--env", "nowhere", "--action", "create_lead", "--say", "x"])
        for arguments in [["actions", "list"], ["actions", "list", "--json"], ["actions", "show", "create_lead"],
                          ["actions", "show", "create_lead", "--json"], ["actions", "show", "bare"], ["actions", "export"],
                          ["actions", "export", "--strict"], ["actions", "export", "--format", "switchboard"],
                          ["calls", "list"], ["calls", "list", "--json"], ["calls", "show", callID],
                          ["secrets", "list"], ["secrets", "list", "--json"], ["environments", "list"], ["environments", "list", "--json"],
                          ["environments", "show", "staging"], ["environments", "show", "staging", "--json"],
                          ["agents", "list"], ["agents", "show", "Default agent"],
                          ["webhooks", "list"], ["webhooks", "list", "--json"], ["webhooks", "show", "Everything"],
                          ["webhooks", "show", "Everything", "--json"], ["webhooks", "deliveries", "--attempts"],
                          ["webhooks", "deliveries", "--json"], ["webhooks", "test", "Everything"],
                          ["secrets", "set", "API_KEY", "--env", "nowhere"], ["secrets", "delete", "NOPE"]] {
            try run(arguments)
        }
        let export = try XCTUnwrap(outputs.first { $0.command == "actions export --format switchboard" }?.text)
        XCTAssertTrue(export.contains("Bearer {{secret.API_KEY}}"), "exports keep the placeholders")
        XCTAssertTrue(export.contains("\"signature_secret\" : \"{{secret.SIGNING_KEY}}\"") || export.contains("\"signature_secret\": \"{{secret.SIGNING_KEY}}\""), export)
        for command in ["calls list", "secrets list"] {
            let text = try XCTUnwrap(outputs.first { $0.command == command }?.text)
            XCTAssertFalse(text.isEmpty, command)
        }
        let bareCall = try XCTUnwrap(outputs.first { $0.command.hasPrefix("simulate --action bare") && $0.command.hasSuffix("--json") }?.text)
        XCTAssertTrue(bareCall.contains("not sent: invalid URL \\\"{{secret.API_KEY}}\\\""), bareCall)

        // A secrets file opened to others is refused, and the refusal names no value.
        chmod(path("store.secrets.json"), 0o644)
        let refused = try run(["secrets", "list"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("readable by others (mode 0644); run `chmod 600"), refused.stderr)
        try run(["simulate", "--action", "create_lead", "--say", "jo at example dot com", "--json"])
        try run(["environments", "show", "staging"])
        chmod(path("store.secrets.json"), 0o600)

        // The webhook heard the call, signed, and nothing it was sent holds a value.
        let deliveries = await hooks.recorder.requests
        XCTAssertTrue(deliveries.contains { String(decoding: $0.body, as: UTF8.self).contains("\"event\":\"action\"") }, "the action event was delivered")
        XCTAssertTrue(deliveries.allSatisfy { $0.header("x-vocode-signature")?.count == 44 }, "every delivery is signed")
        for delivery in deliveries {
            let body = String(decoding: delivery.body, as: UTF8.self)
            XCTAssertFalse(body.contains(planted), "a webhook delivery carried the secret:\n\(body)")
            XCTAssertFalse(body.contains(signingKey), "a webhook delivery carried the signing key:\n\(body)")
        }

        XCTAssertGreaterThan(outputs.count, 30)
        for (command, text) in outputs {
            XCTAssertFalse(text.contains(planted), "`switchboard \(command)` wrote the secret:\n\(text)")
            XCTAssertFalse(text.contains(signingKey), "`switchboard \(command)` wrote the signing key:\n\(text)")
        }
        for suffix in ["", "-wal", "-shm"] {
            let bytes = FileManager.default.contents(atPath: store + suffix) ?? Data()
            XCTAssertNil(bytes.range(of: Data(planted.utf8)), "the secret is in \(store + suffix)")
            XCTAssertNil(bytes.range(of: Data(signingKey.utf8)), "the signing key is in \(store + suffix)")
        }
        // The check means something: the value is in the secrets file, and only there.
        let secretsFile = try String(contentsOfFile: path("store.secrets.json"), encoding: .utf8)
        XCTAssertTrue(secretsFile.contains(planted) && !secretsFile.contains(planted + "\n"), "stored without the trailing newline")
    }
}
