import ActionModel
import CallSimulation
import Foundation
import XCTest
@testable import ActionHTTP

final class CurlCommandTests: XCTestCase {
    let exchange = HTTPExchange(
        url: "https://api.example.com/leads?src=console",
        requestHeaders: [HTTPHeader(name: "Content-Type", value: "application/json"),
                         HTTPHeader(name: "Authorization", value: "Bearer sk_live_1"),
                         HTTPHeader(name: "x-vocode-signature", value: "c2ln")],
        requestBody: Array(#"{"call_id":"c","payload":{"name":"O'Brien"}}"#.utf8))

    func testTheCommandSendsTheSameBytes() throws {
        let command = try curlCommand(for: exchange)
        XCTAssertEqual(command, """
            curl -X POST 'https://api.example.com/leads?src=console' \\
              -H 'Content-Type: application/json' \\
              -H 'Authorization: Bearer sk_live_1' \\
              -H 'x-vocode-signature: c2ln' \\
              --data-binary '{"call_id":"c","payload":{"name":"O'\\''Brien"}}'
            """)
    }

    func testMaskedForTheScreen() throws {
        let command = try curlCommand(for: exchange, masker: .standard)
        XCTAssertTrue(command.contains("-H 'Authorization: ••••••••'"), command)
        XCTAssertTrue(command.contains("-H 'x-vocode-signature: ••••••••'"), command)
        XCTAssertFalse(command.contains("sk_live"), command)
        XCTAssertTrue(command.contains("-H 'Content-Type: application/json'"), command)
    }

    /// A placeholder says where a credential comes from without showing it:
    /// the screen keeps it readable, and only an explicit ask fills it in.
    func testPlaceholdersStayVisibleAndAreFilledOnlyWhenAsked() throws {
        let templated = HTTPExchange(url: "https://api.example.com/leads",
                                     requestHeaders: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.CRM_TOKEN}}")],
                                     requestBody: [])
        let templates = TemplateContext(secrets: ["CRM_TOKEN": "tok_live_123456"])
        let screen = try curlCommand(for: templated, templates: templates, masker: .standard)
        XCTAssertTrue(screen.contains("-H 'Authorization: Bearer {{secret.CRM_TOKEN}}'"), screen)
        let placeholders = try curlCommand(for: templated, templates: templates)
        XCTAssertFalse(placeholders.contains("tok_live_123456"), placeholders)
        let full = try curlCommand(for: templated, includeSecrets: true, templates: templates)
        XCTAssertTrue(full.contains("-H 'Authorization: Bearer tok_live_123456'"), full)
    }

    /// The command really runs: sh parses the quoting back to the same words.
    func testTheQuotingSurvivesAShell() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s\\n' " + shellQuoted(#"it's "quoted" $HOME `x`"#)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), #"it's "quoted" $HOME `x`"# + "\n")
    }
}
