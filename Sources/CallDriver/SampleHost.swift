import Foundation
import SampleBackend

/// Demo actions point at `http://sample.localhost/…`. The first call that
/// uses one starts the sample backend in this process on a free loopback port
/// and sends the request there, so a newcomer's first call needs no setup.
public actor SampleHost {
    public static let shared = SampleHost()
    /// The host name demo actions use (`.localhost` names are loopback by RFC 6761).
    public static let demoHost = "sample.localhost"
    public static let demoBaseURL = "http://\(demoHost)"

    private var running: RunningSampleBackend?

    public init() {}

    /// The URL to call instead of `url`, or nil when `url` is not a demo URL.
    public func resolve(_ url: String) async -> String? {
        guard let components = URLComponents(string: url), components.host?.lowercased() == Self.demoHost else { return nil }
        do {
            let backend = try await start()
            var rewritten = components
            rewritten.scheme = "http"
            rewritten.host = backend.host
            rewritten.port = backend.port
            return rewritten.string
        } catch {
            return nil  // the request then fails to connect, and says so
        }
    }

    public func start() async throws -> RunningSampleBackend {
        if let running { return running }
        let backend = try await SampleBackend.start(host: "127.0.0.1", port: 0, secret: SampleBackend.demoSecret)
        running = backend
        return backend
    }

    public func stop() async {
        await running?.stop()
        running = nil
    }
}
