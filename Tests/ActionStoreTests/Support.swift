import GRDB

/// A plain SQLite file written by "another program".
enum DatabaseQueueFactory {
    static func plain(_ path: String) throws -> DatabaseQueue { try DatabaseQueue(path: path) }
}

import ActionStore
import StoreTestSupport
import XCTest

extension XCTestCase {
    /// Runs a repository test on every backend (`StoreBackend.available`),
    /// each on a new empty store; `location` opens it again (another process's handle).
    func onEachBackend(in folder: URL, _ body: (_ store: ActionStore, _ location: String) throws -> Void) throws {
        for backend in StoreBackend.available {
            do {
                let (store, location) = try backend.makeStore(in: folder, name: backend.rawValue)
                try body(store, location)
            } catch {
                throw BackendFailure(backend: backend, error: error)
            }
        }
    }
}

/// A repository test that failed on one backend: names it.
struct BackendFailure: Error, CustomStringConvertible {
    var backend: StoreBackend
    var error: any Error
    var description: String { "on the \(backend) store: \(error)" }
}
