import ActionModel
import NIOCore
import PostgresNIO

/// The action list's rows on PostgreSQL, packed by the server into one text
/// value a row. PostgresNIO spends about 0.5 µs on every cell it hands over;
/// fourteen columns × 100,000 rows made that most of the list's load time,
/// so the server joins the fourteen (`ActionRow.summaryColumns`) into one.
///
/// Each field is its length in bytes, `:`, then its bytes (`N:` for NULL).
/// Length prefixes rather than a separator character: names and descriptions
/// are user text, and whatever they hold (control characters included) comes
/// back byte for byte with no escaping on either side. Numbers come as
/// PostgreSQL's text for them; `double precision` prints the shortest text
/// that reads back as the same value (`extra_float_digits` left at its
/// default, 1), so dates round-trip exactly.
extension PostgresBackend {
    static let packedSummaryQuery: String = {
        func text(_ column: String) -> String { "octet_length(\(column)), ':', \(column)" }
        func optionalText(_ column: String) -> String { "coalesce(octet_length(\(column))::text, 'N'), ':', \(column)" }
        func number(_ column: String) -> String { "octet_length(\(column)::text), ':', \(column)::text" }
        let fields = [
            text("id"), text("kind"), text("name"), text("function_name"), text("description"), text("trigger"),
            optionalText("phone_number"), optionalText("url"), number("created_at"), number("updated_at"), number("version"),
            number("property_count"), number("required_count"), optionalText("detail"),
        ]
        return "SELECT concat(\(fields.joined(separator: ", "))) FROM action ORDER BY created_at, id"
    }()

    /// Every action's summary, or why its row can't be read, in list order.
    /// Each row is unpacked on the event loop as it arrives (`PostgresTransaction.map`).
    func packedSummaries(in run: PostgresTransaction) throws(StoreError) -> [SummaryRow] {
        try run.map(PostgresQuery(unsafeSQL: Self.packedSummaryQuery)) { row in
            let columns: SummaryColumns
            do {
                columns = try Self.unpackSummary(try row.decode(ByteBuffer.self))
            } catch {
                return .unreadable(ActionStore.damage(error))
            }
            do {
                return .summary(try Self.decodeSummary(columns))
            } catch {
                return .damaged(DamagedRow(id: columns.0, problem: ActionStore.damage(error)))
            }
        }
    }

    /// One packed row back into the columns `ActionRow.summary` takes.
    static func unpackSummary(_ row: ByteBuffer) throws(StoreError) -> SummaryColumns {
        let unpacked = row.withUnsafeReadableBytes { bytes -> Result<SummaryColumns, StoreError> in
            var fields = PackedFields(bytes: bytes)
            do throws(StoreError) {
                return .success((
                    try fields.text(), try fields.text(), try fields.text(), try fields.text(), try fields.text(), try fields.text(),
                    try fields.optionalText(), try fields.optionalText(), try fields.double(), try fields.double(), try fields.int(),
                    try fields.int(), try fields.int(), try fields.optionalText()))
            } catch {
                return .failure(error)
            }
        }
        return try unpacked.get()
    }
}

/// One row of the action list as read.
enum SummaryRow: Sendable {
    case summary(ActionSummary)
    /// A row whose columns came back but don't make a summary (a hand-edited kind, an unreadable trigger).
    case damaged(DamagedRow)
    /// A packed value that can't be taken apart: the packing is the server's own
    /// (`packedSummaryQuery`), so the whole list can't be trusted.
    case unreadable(String)
}

extension PostgresTransaction {
    /// Each row of `query` turned into a value by `transform` on the event loop
    /// as it arrives. PostgresNIO's collect-all `query` (what `fetch` uses)
    /// copies its whole row buffer on every network read it appends, which
    /// for 100,000 rows cost about as much as reading them.
    func map<Element: Sendable>(
        _ query: PostgresQuery, _ transform: @escaping @Sendable (PostgresRow) -> Element
    ) throws(StoreError) -> [Element] {
        let collected = RowCollector<Element>()
        _ = try session.wait(connection.query(query, logger: PostgresSession.logger) { row in
            collected.elements.append(transform(row))
        }, what: "running a statement")
        return collected.elements
    }
}

/// Filled on the event loop one row at a time, read by the waiting thread once
/// the statement's future has completed (`PostgresSession.wait`'s semaphore
/// orders the accesses).
private final class RowCollector<Element>: @unchecked Sendable {
    var elements: [Element] = []
}

/// Reads `length:bytes` fields one after another from a packed row.
private struct PackedFields {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    /// The next field's bytes, nil for NULL.
    mutating func next() throws(StoreError) -> UnsafeRawBufferPointer? {
        var length = 0
        var isNull = false
        var digits = 0
        while true {
            guard offset < bytes.count else { throw damaged("a field is cut short") }
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: ":") { break }
            if byte == UInt8(ascii: "N"), digits == 0, !isNull {
                isNull = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), !isNull {
                length = length * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            } else {
                throw damaged("a field's length is unreadable")
            }
        }
        if isNull { return nil }
        guard digits > 0, length <= bytes.count - offset else { throw damaged("a field is longer than the row") }
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
    }

    mutating func optionalText() throws(StoreError) -> String? {
        guard let field = try next() else { return nil }
        return String(decoding: field, as: UTF8.self)
    }

    mutating func text() throws(StoreError) -> String {
        guard let text = try optionalText() else { throw damaged("a required field is NULL") }
        return text
    }

    mutating func double() throws(StoreError) -> Double {
        let text = try text()
        guard let value = Double(text) else { throw damaged("'\(text)' is not a number") }
        return value
    }

    mutating func int() throws(StoreError) -> Int {
        guard let field = try next(), !field.isEmpty else { throw damaged("a whole number is missing") }
        var value = 0
        let negative = field[0] == UInt8(ascii: "-")
        for byte in field.dropFirst(negative ? 1 : 0) {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw damaged("'\(String(decoding: field, as: UTF8.self))' is not a whole number")
            }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }

    private func damaged(_ detail: String) -> StoreError {
        .corrupt(path: "", detail: "a packed action row can't be read: \(detail)")
    }
}
