import ActionModel
import CallDriver
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// The demo model record's address reaches the scripted model: `sample.localhost/v1`
/// resolves to the in-process sample backend, which answers as an OpenAI-compatible server.
final class DemoModelEndpointTests: XCTestCase {
    func testDemoModelURLResolvesToTheScriptedModel() async throws {
        let host = SampleHost()
        let resolved = await host.resolve(DemoWorkspace.modelBaseURL + "/models")
        let url = try XCTUnwrap(resolved.flatMap(URL.init(string:)))
        XCTAssertEqual(url.host, "127.0.0.1")
        let (body, response) = try await URLSession.shared.data(from: url)
        await host.stop()
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
        XCTAssertEqual(try JSONValue(parsing: [UInt8](body)).value(atPath: "data")?.arrayValue?.first?.value(atPath: "id"),
                       .string(DemoWorkspace.modelID))
    }
}
