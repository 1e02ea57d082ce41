import Foundation
import XCTest

/// A PostgreSQL cluster of one test's own (`scripts/test-postgres.sh` with its
/// own `SWITCHBOARD_PG_DIR`), so stopping its server can't hurt other tests.
/// Every step of the script is bounded by a timeout: a stuck server fails the
/// test, never hangs it.
final class ThrowawayPostgres {
    let folder: String
    /// The URL of the cluster's `postgres` database (with the made-up password).
    private(set) var url = ""

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/test-postgres.sh").path

    /// Starts the cluster, or skips the test (saying why) where there is no
    /// PostgreSQL to run: the team-store tests run when `SWITCHBOARD_TEST_POSTGRES`
    /// is set (CI sets it), and this one needs the server's programs on this machine too.
    init() throws {
        guard let server = ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_POSTGRES"], !server.isEmpty else {
            throw XCTSkip("the PostgreSQL restart test is skipped: SWITCHBOARD_TEST_POSTGRES is not set (eval \"$(scripts/test-postgres.sh start)\" starts a server and sets it)")
        }
        // Beside the shared test cluster's folder (the server's user must reach it).
        let shared = ProcessInfo.processInfo.environment["SWITCHBOARD_PG_DIR"] ?? "/var/tmp/switchboard-test-pg"
        folder = shared + "-restart-" + UUID().uuidString.prefix(8).lowercased()
        let (status, output) = try run("start", timeout: 60)
        if status != 0, output.contains("no PostgreSQL server found") {
            throw XCTSkip("the PostgreSQL restart test is skipped: it starts a server of its own and none is installed here (\(output))")
        }
        guard status == 0, let start = output.range(of: "SWITCHBOARD_TEST_POSTGRES='"),
              let end = output[start.upperBound...].firstIndex(of: "'") else {
            throw Failure("scripts/test-postgres.sh start failed (exit \(status)): \(output)")
        }
        url = String(output[start.upperBound..<end])
    }

    /// Stops the server, keeping its data and port.
    func pause() throws { try step("pause") }
    /// Starts it again on the same port.
    func resume() throws { try step("resume") }
    /// Stops it and removes its folder, and the secrets folder of stores opened on it (`dataFolder`).
    func stop() {
        _ = try? run("stop", timeout: 60)
        try? FileManager.default.removeItem(atPath: dataFolder)
    }

    /// Where stores opened on this cluster keep their secret values (`XDG_DATA_HOME`).
    var dataFolder: String { folder + "-data" }

    private func step(_ command: String) throws {
        let (status, output) = try run(command, timeout: 60)
        guard status == 0 else { throw Failure("scripts/test-postgres.sh \(command) failed (exit \(status)): \(output)") }
    }

    /// Runs the script with `command`; its output goes through a file (the
    /// server it starts may keep a pipe open long after the script ends).
    private func run(_ command: String, timeout: TimeInterval) throws -> (Int32, String) {
        let log = folder + "-\(command).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script, command]
        var environment = ProcessInfo.processInfo.environment
        environment["SWITCHBOARD_PG_DIR"] = folder
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            throw Failure("scripts/test-postgres.sh \(command) did not finish within \(Int(timeout)) s")
        }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
