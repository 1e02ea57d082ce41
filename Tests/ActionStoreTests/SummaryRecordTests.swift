import Foundation
import XCTest

@testable import ActionStore

/// The PostgreSQL action list reads each row as one binary record
/// (`PostgresBackend.summaryRecordQuery`). These take records apart without a
/// server: whatever the bytes, the answer is the columns or a message naming
/// what is wrong, never a crash or a misread value.
final class SummaryRecordTests: XCTestCase {
    enum Field {
        case text(String?)
        case float8(Double)
        case int8(Int64)
        case raw(type: UInt32, bytes: [UInt8]?)
    }

    /// `record_send`'s format: the field count, then each field's type OID, length (-1 for NULL) and bytes, big-endian.
    static func record(_ fields: [Field], count: Int? = nil) -> [UInt8] {
        var bytes: [UInt8] = []
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) } }
        append(Int32(count ?? fields.count))
        for field in fields {
            let (type, body): (UInt32, [UInt8]?) = switch field {
            case let .text(text): (25, text.map { Array($0.utf8) })
            case let .float8(value): (701, withUnsafeBytes(of: value.bitPattern.bigEndian, Array.init))
            case let .int8(value): (20, withUnsafeBytes(of: value.bigEndian, Array.init))
            case let .raw(type, bytes): (type, bytes)
            }
            append(type)
            append(Int32(body?.count ?? -1))
            bytes.append(contentsOf: body ?? [])
        }
        return bytes
    }

    static let created = 1_767_225_600.123456789
    static let good: [Field] = [
        .text("act_7k2m9q4x1c8d0f3h"), .text("custom-input"), .text("Lead \u{0}\u{1F}予約 📦"), .text("lead"), .text(""),
        .text(#"{"type":"function_call"}"#), .text(nil), .text("https://x.example.com/a"), .float8(created), .float8(created.nextUp),
        .int8(3), .int8(2), .int8(1), .text(nil),
    ]

    func unpack(_ bytes: [UInt8]) throws -> PostgresBackend.SummaryColumns {
        try bytes.withUnsafeBytes { buffer in try PostgresBackend.unpackSummary(buffer) }
    }

    func testAWellFormedRecordComesBackExactly() throws {
        let columns = try unpack(Self.record(Self.good))
        XCTAssertEqual([columns.0, columns.1, columns.2, columns.3, columns.4, columns.5],
                       ["act_7k2m9q4x1c8d0f3h", "custom-input", "Lead \u{0}\u{1F}予約 📦", "lead", "", #"{"type":"function_call"}"#])
        XCTAssertNil(columns.6)
        XCTAssertEqual(columns.7, "https://x.example.com/a")
        XCTAssertEqual(columns.8.bitPattern, Self.created.bitPattern, "dates to the last bit")
        XCTAssertEqual(columns.9.bitPattern, Self.created.nextUp.bitPattern)
        XCTAssertEqual([columns.10, columns.11, columns.12], [3, 2, 1])
        XCTAssertNil(columns.13)
        let summary = try PostgresBackend.decodeSummary(columns)
        XCTAssertEqual(summary.trigger, .functionCall)
        XCTAssertEqual(summary.createdAt, Date(timeIntervalSince1970: Self.created))
    }

    func testARecordCutShortAnywhereIsRefusedNotMisread() {
        let whole = Self.record(Self.good)
        for length in 0..<whole.count {
            XCTAssertThrowsError(try unpack(Array(whole.prefix(length))), "cut to \(length) bytes") { error in
                guard case let .corrupt(_, detail) = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertTrue(detail.hasPrefix("an action list record can't be read: "), detail)
            }
        }
    }

    func testEachKindOfDamageIsNamed() {
        var wrongType = Self.good
        wrongType[10] = .raw(type: 23, bytes: [0, 0, 0, 1])  // version as an integer, not a bigint
        var nullName = Self.good
        nullName[2] = .text(nil)
        var shortDate = Self.good
        shortDate[8] = .raw(type: 701, bytes: [0, 0, 0, 0])
        var tooLong = Self.record(Self.good)
        tooLong.replaceSubrange(8..<12, with: [0x7F, 0xFF, 0xFF, 0xFF])  // the id's length
        var negative = Self.record(Self.good)
        negative.replaceSubrange(8..<12, with: [0xFF, 0xFF, 0xFF, 0xFE])
        let cases: [([UInt8], String)] = [
            (Self.record(Self.good, count: 13), "it has 13 fields, not 14"),
            (Self.record(Self.good + [.text("extra")]), "it has 15 fields, not 14"),
            (Self.record(wrongType), "its version is of type 23, not bigint"),
            (Self.record(nullName), "its name is NULL"),
            (Self.record(shortDate), "its created_at is 4 bytes, not 8"),
            (tooLong, "its id is longer than the record"),
            (negative, "its id has length -2"),
            (Self.record(Self.good) + [0], "it has 1 byte after its last field"),
        ]
        for (bytes, message) in cases {
            XCTAssertThrowsError(try unpack(bytes), message) { error in
                XCTAssertEqual(error as? StoreError, .corrupt(path: "", detail: "an action list record can't be read: " + message))
            }
        }
    }
}
