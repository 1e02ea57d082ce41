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

    func testTheCommandSendsTheSameBytes() {
        let command = CurlCommand.make(exchange)
        XCTAssertEqual(command, """
            curl -sS -i -X POST 'https://api.example.com/leads?src=console' \\
              -H 'Content-Type: application/json' \\
              -H 'Authorization: Bearer sk_live_1' \\
              -H 'x-vocode-signature: c2ln' \\
              --data-binary '{"call_id":"c","payload":{"name":"O'\\''Brien"}}'
            """)
    }

    func testMaskedForTheScreen() {
        let command = CurlCommand.make(exchange, masker: .standard)
        XCTAssertTrue(command.contains("-H 'Authorization: ••••••••'"), command)
        XCTAssertTrue(command.contains("-H 'x-vocode-signature: ••••••••'"), command)
        XCTAssertFalse(command.contains("sk_live"), command)
        XCTAssertTrue(command.contains("-H 'Content-Type: application/json'"), command)
    }

    /// The command really runs: sh parses the quoting back to the same words.
    func testTheQuotingSurvivesAShell() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s\\n' " + CurlCommand.quote(#"it's "quoted" $HOME `x`"#)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), #"it's "quoted" $HOME `x`"# + "\n")
    }
}
