import ActionModel
import Foundation
import XCTest

final class PlatformsCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }

    func createLookup(_ extra: [String] = []) throws {
        let result = try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Order lookup", "--url", "https://api.example.com/orders",
                                  "--property", "order_id:integer:required:The order number", "--property", "note:string:optional"] + extra, store: store)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testCreateWithAPlatformAndExportToEveryPlatform() throws {
        try createLookup(["--platform", "retell"])
        let shown = try JSONValue(parsing: CLI.run(["actions", "show", "order_lookup", "--json"], store: store).stdout)
        XCTAssertEqual(shown.value(atPath: "platform"), "retell")
        XCTAssertTrue(try CLI.run(["actions", "show", "order_lookup"], store: store).stdout.contains("Retell"))

        let all = try CLI.run(["actions", "export", "--platform", "all"], store: store)
        XCTAssertEqual(all.status, 0, all.stderr)
        let document = try JSONValue(parsing: all.stdout)
        XCTAssertEqual(document.objectValue?.keys, ["fluents", "vapi", "retell", "elevenlabs", "bland", "openai"])
        XCTAssertEqual(document.value(atPath: "retell")?.arrayValue?.first?.value(atPath: "type"), "custom")
        XCTAssertTrue(all.stderr.contains("note: elevenlabs: order_lookup: property 'note' has no description"), all.stderr)

        let bad = try CLI.run(["actions", "export", "--platform", "zoom"], store: store)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("'zoom' is not a platform"), bad.stderr)

        let toVapi = try CLI.run(["actions", "edit", "order_lookup", "--platform", "Vapi"], store: store)
        XCTAssertEqual(toVapi.status, 0, toVapi.stderr)
        XCTAssertEqual(try JSONValue(parsing: CLI.run(["actions", "show", "order_lookup", "--json"], store: store).stdout).value(atPath: "platform"), "vapi")
        let shownVapi = try CLI.run(["actions", "show", "order_lookup"], store: store).stdout
        XCTAssertTrue(shownVapi.contains("Body format       set by Vapi: Vapi's tool-calls message"), shownVapi)

        // A Retell API key is no Fluents (base64) key: the move says so and changes nothing.
        let keyed = try CLI.run(["actions", "edit", "order_lookup", "--platform", "retell", "--signature-secret-stdin"], store: store, stdin: "key_abc_retell")
        XCTAssertEqual(keyed.status, 0, keyed.stderr)
        let toFluents = try CLI.run(["actions", "edit", "order_lookup", "--platform", "fluents"], store: store)
        XCTAssertEqual(toFluents.status, 1)
        XCTAssertTrue(toFluents.stderr.contains("Signature secret: the signing secret must be base64"), toFluents.stderr)
        XCTAssertEqual(try JSONValue(parsing: CLI.run(["actions", "show", "order_lookup", "--json"], store: store).stdout).value(atPath: "platform"), "retell")

        let edited = try CLI.run(["actions", "edit", "order_lookup", "--platform", "nope"], store: store)
        XCTAssertEqual(edited.status, 1)
        XCTAssertTrue(edited.stderr.contains("fluents, vapi, retell, elevenlabs or bland"), edited.stderr)
    }

    func testImportDetectsTheFormatAndListsDroppedFields() throws {
        let retell = """
            [{"type":"custom","name":"get_user","description":"Finds the caller","url":"https://api.example.com/users","method":"GET",
              "parameters":{"type":"object","properties":{"phone":{"type":"string","description":"Phone"}},"required":["phone"]},
              "response_variables":{"name":"data.name"},"timeout_ms":8000}]
            """
        try retell.write(toFile: path("retell.json"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["actions", "import", path("retell.json")], store: store)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Imported 1 action."), result.stdout)
        XCTAssertTrue(result.stderr.contains("dropped: get_user: method: 'GET': Switchboard sends POST"), result.stderr)
        XCTAssertTrue(result.stderr.contains("dropped: get_user: response_variables:"), result.stderr)
        let shown = try JSONValue(parsing: CLI.run(["actions", "show", "get_user", "--json"], store: store).stdout)
        XCTAssertEqual(shown.value(atPath: "platform"), "retell")
        XCTAssertEqual(shown.value(atPath: "custom_input.timeout_seconds"), 8)
    }

    func testLintExitsOneOnAnError() throws {
        try createLookup()
        let own = try CLI.run(["actions", "lint"], store: store)
        XCTAssertEqual(own.status, 0, own.stdout + own.stderr)
        XCTAssertTrue(own.stdout.contains("1 action checked for each action's own platform: 0 errors"), own.stdout)

        let eleven = try CLI.run(["actions", "lint", "--platform", "elevenlabs"], store: store)
        XCTAssertEqual(eleven.status, 1)
        XCTAssertTrue(eleven.stdout.contains("elevenlabs: error [described-properties] 'note' has no description"), eleven.stdout)

        let json = try CLI.run(["actions", "lint", "--platform", "all", "--json"], store: store)
        let findings = try JSONValue(parsing: json.stdout).arrayValue ?? []
        XCTAssertTrue(findings.contains { $0.value(atPath: "rule") == "described-properties" && $0.value(atPath: "severity") == "error" })
    }

    func testSignAndVerifyACapturedRequest() throws {
        let body = #"{"name":"get_user","call":{"call_id":"c1"},"args":{"phone":"+14155550100"}}"#
        try body.write(toFile: path("body.json"), atomically: true, encoding: .utf8)
        let signed = try CLI.run(["signatures", "sign", "--platform", "retell", "--secret-stdin", "--time", "1767225600", path("body.json")],
                                 store: nil, stdin: "key_retell_api_123\n")
        XCTAssertEqual(signed.status, 0, signed.stderr)
        // Python: hmac.new(b"key_retell_api_123", body + b"1767225600000", sha256).hexdigest()
        let expected = "X-Retell-Signature: v=1767225600000,d=" + python(body: body)
        XCTAssertEqual(signed.stdout.trimmingCharacters(in: .newlines), expected)

        let captured = "POST /tools HTTP/1.1\nContent-Type: application/json\n\(expected)\n\n\(body)"
        try captured.write(toFile: path("request.txt"), atomically: true, encoding: .utf8)
        let valid = try CLI.run(["signatures", "verify", "--platform", "retell", "--secret-stdin", "--time", "1767225660", path("request.txt")],
                                store: nil, stdin: "key_retell_api_123")
        XCTAssertEqual(valid.status, 0, valid.stdout + valid.stderr)
        XCTAssertEqual(valid.stdout, "X-Retell-Signature: valid\n")

        let expired = try CLI.run(["signatures", "verify", "--platform", "retell", "--secret-stdin", "--time", "1767226000", path("request.txt")],
                                  store: nil, stdin: "key_retell_api_123")
        XCTAssertEqual(expired.status, 1)
        XCTAssertTrue(expired.stdout.contains("expired: signed 400 s ago"), expired.stdout)

        try captured.replacingOccurrences(of: "+14155550100", with: "+14155550199").write(toFile: path("tampered.txt"), atomically: true, encoding: .utf8)
        let tampered = try CLI.run(["signatures", "verify", "--platform", "retell", "--secret-stdin", "--time", "1767225660", path("tampered.txt")],
                                   store: nil, stdin: "key_retell_api_123")
        XCTAssertEqual(tampered.status, 1)
        XCTAssertTrue(tampered.stdout.contains("tampered"), tampered.stdout)

        let vapi = try CLI.run(["signatures", "verify", "--platform", "vapi", "--secret-stdin", path("request.txt")], store: nil, stdin: "k")
        XCTAssertEqual(vapi.status, 1)
        XCTAssertTrue(vapi.stderr.contains("Vapi signs nothing"), vapi.stderr)
    }

    /// `switchboard demo` has one order-status action per platform, and each
    /// answers offline: the call goes to the embedded sample backend in that
    /// platform's contract and the agent reads the answer back.
    func testTheDemoHasOneActionPerPlatformAndEachAnswersOffline() throws {
        let demo = try CLI.run(["demo"], store: store)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let listed = try JSONValue(parsing: CLI.run(["actions", "list", "--json"], store: store).stdout).arrayValue ?? []
        let platforms = listed.compactMap { $0.value(atPath: "platform")?.stringValue }
        for platform in ["fluents", "vapi", "retell", "elevenlabs", "bland"] {
            XCTAssertTrue(platforms.contains(platform), "no demo action for \(platform): \(platforms)")
        }
        for platform in ["vapi", "retell", "elevenlabs", "bland"] {
            let result = try CLI.run(["simulate", "--action", "order_status_\(platform)", "--say", "order number 1002", "--json"], store: store)
            XCTAssertEqual(result.status, 0, result.stderr)
            let events = try XCTUnwrap(JSONValue(parsing: result.stdout).value(atPath: "events")?.arrayValue)
            let response = try XCTUnwrap(events.first { $0.value(atPath: "type") == "response" }, "\(platform): \(events)")
            XCTAssertEqual(response.value(atPath: "data.status"), 200, "\(platform): \(response)")
            XCTAssertEqual(response.value(atPath: "data.result.status"), "shipped", "\(platform): \(response)")
            let said = events.filter { $0.value(atPath: "type") == "agent_said" }.compactMap { $0.value(atPath: "text")?.stringValue }
            XCTAssertTrue(said.contains("Order 1002 is shipped."), "\(platform): \(said)")
        }
    }

    /// The expected digest, computed by Python's hmac (skipped where python3 is missing).
    func python(body: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import hmac,hashlib,sys; print(hmac.new(b'key_retell_api_123', sys.stdin.buffer.read() + b'1767225600000', hashlib.sha256).hexdigest())"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        guard (try? process.run()) != nil else { return "python3 unavailable" }
        input.fileHandleForWriting.write(Data(body.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
