import ActionModel
@testable import ActionStore
@testable import Console
import Foundation
import XCTest
@testable import ConsoleRuntime

/// The runtime's store side, on a real SQLite file: each effect and the
/// message it sends back, and how store errors reach the console.
final class ConsoleRuntimeTests: XCTestCase {
    var directory: URL!
    var store: ActionStore!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try ActionStore.open(path: directory.appendingPathComponent("s.sqlite").path)
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: directory)
    }

    func sample(_ name: String = "End the call") -> Action {
        Action(name: name, configuration: .endConversation(EndConversationConfiguration(goodbye: "Goodbye!")))
    }

    func testLoadInsertUpdateDelete() throws {
        XCTAssertEqual(ConsoleRuntime.perform(.actions(.load), on: store), .actions(.loaded([])))

        guard case let .actions(.saved(saved))? = ConsoleRuntime.perform(.actions(.insert(sample())), on: store) else {
            return XCTFail("insert did not answer .saved")
        }
        XCTAssertEqual(saved.version, 1)

        var changed = saved
        changed.description = "Says goodbye"
        guard case let .actions(.saved(updated))? = ConsoleRuntime.perform(.actions(.update(changed)), on: store) else {
            return XCTFail("update did not answer .saved")
        }
        XCTAssertEqual(updated.version, 2)
        XCTAssertEqual(updated.description, "Says goodbye")

        guard case let .actions(.loaded(list))? = ConsoleRuntime.perform(.actions(.load), on: store) else { return XCTFail() }
        let all = list.summaries
        XCTAssertEqual(all.map(\.id), [saved.id])

        XCTAssertEqual(ConsoleRuntime.perform(.actions(.delete(saved.id, expectedVersion: 2)), on: store), .actions(.deleted(saved.id)))
        XCTAssertEqual(ConsoleRuntime.perform(.actions(.load), on: store), .actions(.loaded([])))
        XCTAssertNil(ConsoleRuntime.perform(.quit, on: store))
    }

    func testOpenEditorReadsTheFullActionOrSaysItIsGone() throws {
        let saved = try store.insert(sample())
        guard case let .actions(.loaded(list))? = ConsoleRuntime.perform(.actions(.load), on: store) else { return XCTFail() }
        let summaries = list.summaries
        XCTAssertEqual(summaries.map(\.id), [saved.id])
        XCTAssertEqual(summaries.first?.detail, "Goodbye!")

        guard case let .actions(.opened(opened))? = ConsoleRuntime.perform(.actions(.open(saved.id)), on: store) else {
            return XCTFail("open did not answer .opened")
        }
        XCTAssertEqual(opened.id, saved.id)
        XCTAssertEqual(opened.configuration, saved.configuration)
        XCTAssertEqual(opened.version, 1)

        try store.delete(id: saved.id)
        guard case let .actions(.failed(gone))? = ConsoleRuntime.perform(.actions(.open(saved.id)), on: store) else { return XCTFail() }
        XCTAssertEqual(gone.reason, .notFound)
        XCTAssertEqual(gone.actionID, saved.id)
    }

    /// One action row damaged by hand (unreadable trigger and configuration):
    /// the others still load, the console names it; a row whose configuration
    /// alone is damaged lists, and opening it says which row and how to remove it.
    func testADamagedActionRowIsNamedWhileTheRestLoad() throws {
        let good = try store.insert(sample("Good one"))
        let bad = try store.insert(sample("Bad one"))
        let halfBad = try store.insert(sample("Half bad"))
        try store.database.write { db in
            try db.execute(sql: "UPDATE action SET configuration = '{not json', trigger = '{' WHERE id = ?", arguments: [bad.id.rawValue])
            try db.execute(sql: "UPDATE action SET configuration = '{not json' WHERE id = ?", arguments: [halfBad.id.rawValue])
        }
        guard case let .actions(.loaded(list))? = ConsoleRuntime.perform(.actions(.load), on: store) else {
            return XCTFail("one damaged row made the whole list fail")
        }
        XCTAssertEqual(Set(list.summaries.map(\.id)), [good.id, halfBad.id])
        XCTAssertEqual(list.damaged.map(\.id), [bad.id.rawValue])

        var console = ConsoleState(width: 100, height: 30, storeDescription: "s.sqlite", readOnly: false, notice: nil)
        _ = Console.update(&console, .actions(.loaded(list)))
        let status = try XCTUnwrap(console.status?.text)
        XCTAssertTrue(status.hasPrefix("Action \(bad.id.rawValue) is damaged and was left out ("), status)
        XCTAssertTrue(status.hasSuffix("`switchboard actions delete \(bad.id.rawValue)` removes it"), status)

        guard case let .actions(.failed(failure))? = ConsoleRuntime.perform(.actions(.open(halfBad.id)), on: store) else {
            return XCTFail("a damaged configuration opened")
        }
        XCTAssertEqual(failure.actionID, halfBad.id)
        XCTAssertTrue(failure.message.hasPrefix("Can't open: action \(halfBad.id.rawValue) is damaged"), failure.message)
        XCTAssertTrue(failure.message.hasSuffix("`switchboard actions delete \(halfBad.id.rawValue)` removes it"), failure.message)
        XCTAssertFalse(failure.message.contains("--store"), "the row is damaged, not the file: " + failure.message)
    }

    func testAStaleUpdateIsAConflictCarryingTheCurrentAction() throws {
        let saved = try store.insert(sample())
        var theirs = saved
        theirs.description = "changed elsewhere"
        let current = try store.update(theirs)

        var mine = saved  // still version 1
        mine.description = "my change"
        guard case let .actions(.failed(failure))? = ConsoleRuntime.perform(.actions(.update(mine)), on: store) else { return XCTFail() }
        // (Compared field by field: dates come back from SQLite rounded.)
        guard case let .conflict(stored?) = failure.reason else { return XCTFail("\(failure.reason)") }
        XCTAssertEqual(stored.id, current.id)
        XCTAssertEqual(stored.version, 2)
        XCTAssertEqual(stored.description, "changed elsewhere")
        XCTAssertEqual(failure.actionID, saved.id)
        XCTAssertTrue(failure.message.contains("changed elsewhere since you read it"), failure.message)
    }

    func testDeletingSomethingChangedOrGone() throws {
        let saved = try store.insert(sample())
        var theirs = saved
        theirs.description = "x"
        _ = try store.update(theirs)
        guard case let .actions(.failed(stale))? = ConsoleRuntime.perform(.actions(.delete(saved.id, expectedVersion: 1)), on: store) else { return XCTFail() }
        guard case .conflict(current: .some) = stale.reason else { return XCTFail("\(stale.reason)") }

        try store.delete(id: saved.id)
        guard case let .actions(.failed(gone))? = ConsoleRuntime.perform(.actions(.delete(saved.id, expectedVersion: 2)), on: store) else { return XCTFail() }
        XCTAssertEqual(gone.reason, .notFound)
        XCTAssertEqual(gone.actionID, saved.id)
        guard case let .actions(.failed(updateGone))? = ConsoleRuntime.perform(.actions(.update(saved)), on: store) else { return XCTFail() }
        XCTAssertEqual(updateGone.reason, .conflict(current: nil))
    }

    func testDuplicateFunctionName() throws {
        let first = try store.insert(sample("Hang up"))
        guard case let .actions(.failed(failure))? = ConsoleRuntime.perform(.actions(.insert(sample("Hang up"))), on: store) else { return XCTFail() }
        XCTAssertEqual(failure.reason, .duplicateFunctionName)
        XCTAssertTrue(failure.message.contains("hang_up"), failure.message)
        XCTAssertNotEqual(failure.actionID, first.id)  // the one being saved
    }

    func testReadOnlyStore() throws {
        let path = store.path
        store = nil
        let readOnly = try ActionStore.open(path: path, readOnly: true)
        guard case let .actions(.failed(failure))? = ConsoleRuntime.perform(.actions(.insert(sample())), on: readOnly) else { return XCTFail() }
        XCTAssertEqual(failure.reason, .readOnly)
        XCTAssertEqual(ConsoleRuntime.perform(.actions(.load), on: readOnly), .actions(.loaded([])))
    }

    func testFailureMapping() {
        let id = ActionID.generate()
        XCTAssertEqual(ConsoleRuntime.failure(for: .invalid([])).reason, .invalid)
        XCTAssertEqual(ConsoleRuntime.failure(for: .io(path: "/x", detail: "disk full")).reason, .other)
        XCTAssertEqual(ConsoleRuntime.failure(for: .io(path: "/x", detail: "disk full")).message, "can't open /x: disk full")
        XCTAssertEqual(ConsoleRuntime.failure(for: .conflict(id: id, name: "n", current: nil)).actionID, id)
        XCTAssertEqual(ConsoleRuntime.failure(for: .readOnly(path: "/x", reason: "r")).reason, .readOnly)
    }
}
