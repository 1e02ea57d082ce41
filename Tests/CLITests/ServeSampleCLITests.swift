import ActionModel
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `serve-sample` as a user starts it: the scripted model's flags reach the server.
final class ServeSampleCLITests: XCTestCase {
    func testScriptedModelServedWithTheKeyItWasGiven() async throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve-sample", "--port", "0", "--model-api-key", "sk-cli-test", "--chunk-delay-ms", "1"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        // The second line names the model's base URL (the port is chosen at start).
        var printed = ""
        let deadline = Date().addingTimeInterval(20)
        while !printed.contains("/v1, model"), Date() < deadline {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        let line = try XCTUnwrap(printed.split(separator: "\n").first { $0.hasPrefix("Scripted OpenAI-compatible model:") }, printed)
        XCTAssertTrue(line.hasSuffix("model switchboard-scripted (send Authorization: Bearer <your --model-api-key>)"), String(line))
        let base = try XCTUnwrap(line.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",")) })
        XCTAssertTrue(base.hasSuffix("/v1"), base)

        var models = URLRequest(url: try XCTUnwrap(URL(string: base + "/models")))
        let (_, refused) = try await URLSession.shared.data(for: models)
        XCTAssertEqual((refused as? HTTPURLResponse)?.statusCode, 401)
        models.setValue("Bearer sk-cli-test", forHTTPHeaderField: "Authorization")
        let (listed, accepted) = try await URLSession.shared.data(for: models)
        XCTAssertEqual((accepted as? HTTPURLResponse)?.statusCode, 200)
        XCTAssertEqual(try JSONValue(parsing: [UInt8](listed)).value(atPath: "data")?.arrayValue?.first?.value(atPath: "id"), "switchboard-scripted")

        var chat = URLRequest(url: try XCTUnwrap(URL(string: base + "/chat/completions")))
        chat.httpMethod = "POST"
        chat.setValue("Bearer sk-cli-test", forHTTPHeaderField: "Authorization")
        chat.setValue("application/json", forHTTPHeaderField: "Content-Type")
        chat.httpBody = Data(#"{"model":"switchboard-scripted","stream":true,"messages":[{"role":"user","content":"hello"}]}"#.utf8)
        let (streamed, response) = try await URLSession.shared.data(for: chat)
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
        XCTAssertEqual((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type"), "text/event-stream")
        let text = String(decoding: streamed, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("data: {"), text)
        XCTAssertTrue(text.hasSuffix("data: [DONE]\n\n"), text)
    }

    func testBadModelFlagsAreRefusedBeforeListening() throws {
        let delay = try CLI.run(["serve-sample", "--chunk-delay-ms", "20000"])
        XCTAssertNotEqual(delay.status, 0)
        XCTAssertTrue(delay.stderr.contains("--chunk-delay-ms must be 0 to 10000 (got 20000)"), delay.stderr)
        let key = try CLI.run(["serve-sample", "--model-api-key", "sk with spaces"])
        XCTAssertNotEqual(key.status, 0)
        XCTAssertTrue(key.stderr.contains("--model-api-key must be one word with no spaces"), key.stderr)
    }
}
