import GRDB

/// A plain SQLite file written by "another program".
enum DatabaseQueueFactory {
    static func plain(_ path: String) throws -> DatabaseQueue { try DatabaseQueue(path: path) }
}
