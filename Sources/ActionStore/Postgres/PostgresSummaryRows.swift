import ActionModel
import NIOCore
import PostgresNIO

/// The action list's rows on PostgreSQL, each as one value. PostgresNIO
/// spends about 0.5 µs on every cell it hands over; fourteen columns ×
/// 100,000 rows made that most of the list's load time, so the server sends
/// the fourteen (`ActionRow.summaryColumns`) as one anonymous record,
/// `ROW(…)`, which arrives in PostgreSQL's binary format for records
/// (`record_send`): the field count, then each field's type, its length in
/// bytes (-1 for NULL) and its bytes.
///
/// Why a record rather than text the server builds (`concat` of
/// length-prefixed fields, the way before): building that text cost the
/// server more than reading the rows (every length and number printed), and
/// the client then parsed the numbers back. In a record, text fields are
/// their UTF-8 bytes exactly as stored, whatever they hold, with nothing
/// escaped, and dates are the stored `double precision`'s eight bytes, so
/// they come back exactly without being parsed.
extension PostgresBackend {
    static let summaryRecordQuery = "SELECT ROW(\(ActionRow.summaryColumns)) FROM action ORDER BY created_at, id"

    /// Every action's summary, and the rows that can't be read, in list order.
    /// Each row is unpacked on the event loop as it arrives (`PostgresTransaction.forEachRow`).
    func listedSummaries(in run: PostgresTransaction) throws(StoreError) -> ListedSummaries {
        let listed = SummaryCollector()
        try run.forEachRow(PostgresQuery(unsafeSQL: Self.summaryRecordQuery)) { row in
            guard listed.unreadable == nil else { return }
            let columns: SummaryColumns
            do {
                columns = try Self.unpackSummary(try row.decode(ByteBuffer.self))
            } catch {
                listed.unreadable = ActionStore.damage(error)
                return
            }
            do {
                listed.summaries.append(try Self.decodeSummary(columns))
            } catch {
                listed.damaged.append(DamagedRow(id: columns.0, problem: ActionStore.damage(error)))
            }
        }
        return ListedSummaries(summaries: listed.summaries, damaged: listed.damaged, unreadable: listed.unreadable)
    }

    /// One row's record back into the columns `ActionRow.summary` takes.
    static func unpackSummary(_ record: ByteBuffer) throws(StoreError) -> SummaryColumns {
        let unpacked = record.withUnsafeReadableBytes { bytes -> Result<SummaryColumns, StoreError> in
            do throws(StoreError) { return .success(try unpackSummary(bytes)) } catch { return .failure(error) }
        }
        return try unpacked.get()
    }

    static func unpackSummary(_ bytes: UnsafeRawBufferPointer) throws(StoreError) -> SummaryColumns {
        var fields = try SummaryRecordFields(bytes: bytes)
        let columns: SummaryColumns = (
            try fields.text(), try fields.text(), try fields.text(), try fields.text(), try fields.text(), try fields.trigger(),
            try fields.optionalText(), try fields.optionalText(), try fields.double(), try fields.double(), try fields.int(),
            try fields.int(), try fields.int(), try fields.optionalText())
        try fields.finish()
        return columns
    }
}

/// The action list as read: the summaries, the rows whose columns don't make a
/// summary (a hand-edited kind, an unreadable trigger), and why the list
/// can't be trusted at all when a record can't be taken apart (the records
/// are the server's own, `summaryRecordQuery`).
struct ListedSummaries {
    var summaries: [ActionSummary]
    var damaged: [DamagedRow]
    var unreadable: String?
}

/// Filled on the event loop one row at a time, read by the waiting thread once
/// the statement's future has completed (`PostgresSession.wait`'s semaphore
/// orders the accesses).
private final class SummaryCollector: @unchecked Sendable {
    var summaries: [ActionSummary] = []
    var damaged: [DamagedRow] = []
    var unreadable: String?
}

extension PostgresTransaction {
    /// Hands each row of `query` to `body` on the event loop as it arrives.
    /// PostgresNIO's collect-all `query` (what `fetch` uses) copies its whole
    /// row buffer on every network read it appends, which for 100,000 rows
    /// cost about as much as reading them.
    func forEachRow(_ query: PostgresQuery, _ body: @escaping @Sendable (PostgresRow) -> Void) throws(StoreError) {
        _ = try session.wait(connection.query(query, logger: PostgresSession.logger, body), what: "running a statement")
    }
}

/// Reads the fields of one summary record (`summaryRecordQuery`) in order,
/// checking each field's type, so a changed column type is named rather than misread.
struct SummaryRecordFields {
    private static let names = ActionRow.summaryColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    private static let textType: UInt32 = 25
    private static let float8Type: UInt32 = 701
    private static let int8Type: UInt32 = 20
    private static let functionCallTrigger = Array(ActionRow.functionCallTrigger.utf8)

    private let bytes: UnsafeRawBufferPointer
    private var offset = 4
    private var field = 0

    init(bytes: UnsafeRawBufferPointer) throws(StoreError) {
        self.bytes = bytes
        guard bytes.count >= 4 else { throw Self.damaged("it is cut short") }
        let count = Int32(bigEndian: bytes.loadUnaligned(as: Int32.self))
        guard count == Self.names.count else { throw Self.damaged("it has \(count) fields, not \(Self.names.count)") }
    }

    /// The next field's bytes, nil for NULL. (Its column name is looked up only for a message.)
    private mutating func next(_ type: UInt32, _ typeName: String) throws(StoreError) -> UnsafeRawBufferPointer? {
        guard field < Self.names.count else { throw Self.damaged("it has more fields than the \(Self.names.count) asked for") }
        field += 1
        guard bytes.count - offset >= 8 else { throw Self.damaged("its \(currentName) is cut short") }
        let actualType = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        let length = Int(Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: Int32.self)))
        offset += 8
        guard actualType == type else { throw Self.damaged("its \(currentName) is of type \(actualType), not \(typeName)") }
        if length == -1 { return nil }
        guard length >= 0 else { throw Self.damaged("its \(currentName) has length \(length)") }
        guard length <= bytes.count - offset else { throw Self.damaged("its \(currentName) is longer than the record") }
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
    }

    /// The column of the field just read.
    private var currentName: String { Self.names[field - 1] }

    private mutating func required(_ type: UInt32, _ typeName: String) throws(StoreError) -> UnsafeRawBufferPointer {
        guard let bytes = try next(type, typeName) else { throw Self.damaged("its \(currentName) is NULL") }
        return bytes
    }

    mutating func optionalText() throws(StoreError) -> String? {
        try next(Self.textType, "text").map { String(decoding: $0, as: UTF8.self) }
    }

    mutating func text() throws(StoreError) -> String {
        String(decoding: try required(Self.textType, "text"), as: UTF8.self)
    }

    /// The trigger's text; the common one (a function call) shares one String
    /// rather than allocating one a row.
    mutating func trigger() throws(StoreError) -> String {
        let bytes = try required(Self.textType, "text")
        if bytes.elementsEqual(Self.functionCallTrigger) { return ActionRow.functionCallTrigger }
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func double() throws(StoreError) -> Double {
        let bytes = try required(Self.float8Type, "double precision")
        guard bytes.count == 8 else { throw Self.damaged("its \(currentName) is \(bytes.count) bytes, not 8") }
        return Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)))
    }

    mutating func int() throws(StoreError) -> Int {
        let bytes = try required(Self.int8Type, "bigint")
        guard bytes.count == 8 else { throw Self.damaged("its \(currentName) is \(bytes.count) bytes, not 8") }
        return Int(Int64(bigEndian: bytes.loadUnaligned(as: Int64.self)))
    }

    /// Every field read, and nothing after the last.
    func finish() throws(StoreError) {
        guard field == Self.names.count else { throw Self.damaged("only \(field) of its \(Self.names.count) fields were read") }
        let extra = bytes.count - offset
        guard extra == 0 else { throw Self.damaged("it has \(extra) byte\(extra == 1 ? "" : "s") after its last field") }
    }

    private static func damaged(_ detail: String) -> StoreError {
        .corrupt(path: "", detail: "an action list record can't be read: \(detail)")
    }
}
