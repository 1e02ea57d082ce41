import ActionModel
import Foundation
import GRDB
import XCTest

@testable import ActionStore
import StoreTestSupport

final class ActionStoreTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        StoreBackend.cleanUp()
    }

    func storePath(_ name: String = "switchboard.sqlite") -> String { folder.appendingPathComponent(name).path }


    func sampleAction(_ name: String = "Create CRM lead") -> Action {
        Action(
            name: name, description: "Creates a lead in the CRM",
            configuration: .customInput(CustomInputConfiguration(
                url: "https://crm.example.com/leads", speakOnSend: "One moment.", speakOnReceive: "Done: {{result.lead_id}}",
                inputSchema: InputSchema(properties: [
                    SchemaProperty(name: "email", type: .string, isRequired: true, description: "The caller's email", format: .email),
                    SchemaProperty(name: "plan", type: .string, enumValues: ["basic", "pro"]),
                    SchemaProperty(name: "seats", type: .integer, minimum: 1, maximum: 500, extraKeywords: ["multipleOf": 1]),
                ]),
                headers: [HTTPHeader(name: "Authorization", value: "Bearer abc")], signatureSecret: "c2VjcmV0")))
    }

    func testCreatesFolderAndFileWithMigrationsAndApplicationID() throws {
        let path = folder.appendingPathComponent("nested/deeper/store.sqlite").path
        let store = try ActionStore.open(path: path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertFalse(store.isReadOnly)
        try store.database.read { db in
            XCTAssertEqual(try Int32.fetchOne(db, sql: "PRAGMA application_id"), ActionStore.applicationID)
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try StoreMigrations.migrator.appliedIdentifiers(db), Set(StoreMigrations.migrator.migrations))
        }
    }

    func testAnOlderStoreIsMigratedForwardKeepingItsActions() throws {
        let path = storePath()
        let pool = try DatabasePool(path: path)
        try StoreMigrations.migrator.migrate(pool, upTo: "v1-actions")
        try pool.write { db in try Self.insertV1Row(self.sampleAction(), into: db) }
        try pool.close()

        let store = try ActionStore.open(path: path)
        XCTAssertEqual(try store.allActions().map(\.name), ["Create CRM lead"])
        XCTAssertEqual(try store.defaultAgent().name, "Default agent")
    }

    /// A row as v1-actions wrote it (today's `ActionRow.insert` writes columns added later).
    static func insertV1Row(_ action: Action, into db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO action (id, kind, name, function_name, description, trigger, configuration, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [action.id.rawValue, action.kind.rawValue, action.name, action.functionName, action.description,
                        ActionRow.triggerText(action.trigger), ActionRow.configurationText(action.configuration),
                        action.createdAt.timeIntervalSince1970, action.updatedAt.timeIntervalSince1970, action.version])
    }

    func testActionsStoredBeforeV5SpeakFluentsAndThePlatformIsKept() throws {
        let path = storePath()
        let pool = try DatabasePool(path: path)
        try StoreMigrations.migrator.migrate(pool, upTo: "v4-webhooks")
        try pool.write { db in try Self.insertV1Row(self.sampleAction(), into: db) }
        try pool.close()

        let store = try ActionStore.open(path: path)
        var action = try XCTUnwrap(store.allActions().first)
        XCTAssertEqual(action.platform, .fluents, "v5-action-platform gives older actions the Fluents contract")
        action.platform = .retell
        try store.update(action)
        XCTAssertEqual(try ActionStore.open(path: path).action(id: action.id)?.platform, .retell)
        var vapi = sampleAction("Vapi lookup")
        vapi.platform = .vapi
        let stored = try store.insert(vapi)
        XCTAssertEqual(try ActionStore.open(path: path).action(id: stored.id)?.platform, .vapi)
        XCTAssertEqual(ActionDocument.json(stored).objectValue?["platform"], "vapi")
    }

    func testInsertThenReadBackEveryField() throws {
        try onEachBackend(in: folder) { _, location in
            let store = try StoreBackend.open(location, folder: folder)
            let original = sampleAction()
            let stored = try store.insert(original)
            XCTAssertEqual(stored.version, 1)
            let reopened = try StoreBackend.open(location, folder: folder)
            let loaded = try XCTUnwrap(reopened.action(id: stored.id))
            XCTAssertEqual(loaded.name, original.name)
            XCTAssertEqual(loaded.functionName, "create_crm_lead")
            XCTAssertEqual(loaded.configuration, original.configuration)
            XCTAssertEqual(loaded.createdAt.timeIntervalSince1970, original.createdAt.timeIntervalSince1970, accuracy: 0.001)
            XCTAssertEqual(try reopened.action(reference: "create_crm_lead").id, stored.id)
            XCTAssertEqual(try reopened.action(reference: stored.id.rawValue.uppercased()).id, stored.id)
            XCTAssertEqual(try reopened.allActions().map(\.id), [stored.id])
        }
    }

    func testEveryKindRoundTrips() throws {
        try onEachBackend(in: folder) { _, location in
            let store = try StoreBackend.open(location, folder: folder)
            let actions = [
                Action(name: "Goodbye", configuration: .endConversation(.init(goodbye: "Thanks for calling!"))),
                Action(name: "Transfer to sales", trigger: .phrases(["talk to sales", "Sales team"]),
                       configuration: .transferCalls(.init(phoneNumber: "+14155550100"))),
                Action(name: "Press one", configuration: .dtmf(.init(buttons: "1#"))),
                Action(name: "Warm handoff", configuration: .warmTransfer(.init(phoneNumber: "+442071838750", summary: "Caller wants a refund"))),
            ]
            try store.insert(actions)
            let loaded = try store.allActions()
            XCTAssertEqual(loaded.map(\.configuration), actions.map(\.configuration))
            XCTAssertEqual(loaded.map(\.trigger), actions.map(\.trigger))
        }
    }

    /// A summary equals `action.summary`, the dates to the millisecond (the
    /// store keeps seconds since 1970 as a double).
    func assertSummary(_ summary: ActionSummary?, matches action: Action, file: StaticString = #filePath, line: UInt = #line) {
        guard var summary else { return XCTFail("no summary for \(action.name)", file: file, line: line) }
        let expected = action.summary
        XCTAssertEqual(summary.createdAt.timeIntervalSince1970, expected.createdAt.timeIntervalSince1970, accuracy: 0.001, file: file, line: line)
        XCTAssertEqual(summary.updatedAt.timeIntervalSince1970, expected.updatedAt.timeIntervalSince1970, accuracy: 0.001, file: file, line: line)
        summary.createdAt = expected.createdAt
        summary.updatedAt = expected.updatedAt
        XCTAssertEqual(summary, expected, file: file, line: line)
    }

    func testSummariesMatchTheActionsAfterInsertAndUpdate() throws {
        try onEachBackend(in: folder) { _, location in
            let store = try StoreBackend.open(location, folder: folder)
            let actions = [
                sampleAction(),
                Action(name: "No URL yet", configuration: .customInput(CustomInputConfiguration())),
                Action(name: "Goodbye", configuration: .endConversation(.init(goodbye: "Thanks for calling!"))),
                Action(name: "Short goodbye", configuration: .endConversation(.init(goodbye: "Bye"))),
                Action(name: "Transfer to sales", trigger: .phrases(["talk to sales"]),
                       configuration: .transferCalls(.init(phoneNumber: "+14155550100"))),
                Action(name: "Press one", configuration: .dtmf(.init(buttons: "1#"))),
                Action(name: "Warm handoff", configuration: .warmTransfer(.init(phoneNumber: "+442071838750", summary: "Caller wants a refund"))),
            ]
            var stored = try store.insert(Array(actions.prefix(3)))
            stored.append(try store.insert(actions[3]))
            for outcome in try store.insertEach(Array(actions.dropFirst(4))) { stored.append(try outcome.get()) }
            XCTAssertEqual(stored.count, actions.count)

            var summaries = Dictionary(uniqueKeysWithValues: try store.allSummaries().map { ($0.id, $0) })
            XCTAssertEqual(summaries.count, actions.count)
            for action in stored { assertSummary(summaries[action.id], matches: action) }
            let crm = try XCTUnwrap(summaries[stored[0].id])
            XCTAssertEqual([crm.propertyCount, crm.requiredCount], [3, 1])
            XCTAssertNil(crm.detail)
            XCTAssertEqual(summaries[stored[5].id]?.detail, "1#")
            XCTAssertEqual(summaries[stored[3].id]?.detail, "Bye")
            XCTAssertNil(summaries[stored[4].id]?.detail, "Transfer Calls has only its phone number")
            XCTAssertEqual(summaries[stored[4].id]?.phoneNumber, "+14155550100")

            // Updates change the copied columns too, including a change of kind.
            var crmEdit = stored[0]
            guard case var .customInput(config) = crmEdit.configuration else { return XCTFail() }
            config.inputSchema.properties.removeLast()
            config.inputSchema.properties[1].isRequired = true
            config.url = "https://crm.example.com/v2/leads"
            crmEdit.configuration = .customInput(config)
            var pressEdit = stored[5]
            pressEdit.configuration = .dtmf(.init(buttons: "2*"))
            var goodbyeEdit = stored[2]
            goodbyeEdit.configuration = .warmTransfer(.init(phoneNumber: "+14155550101", summary: "Wants a human"))
            let updated = [try store.update(crmEdit), try store.update(pressEdit), try store.update(goodbyeEdit)]

            summaries = Dictionary(uniqueKeysWithValues: try store.allSummaries().map { ($0.id, $0) })
            for action in updated { assertSummary(summaries[action.id], matches: action) }
            XCTAssertEqual([summaries[crmEdit.id]?.propertyCount, summaries[crmEdit.id]?.requiredCount], [2, 2])
            XCTAssertEqual(summaries[goodbyeEdit.id]?.kind, .warmTransfer)
            XCTAssertEqual(summaries[goodbyeEdit.id]?.detail, "Wants a human")
            XCTAssertEqual(summaries[goodbyeEdit.id]?.phoneNumber, "+14155550101")
            for action in try store.allActions() { assertSummary(summaries[action.id], matches: action) }
        }
    }

    /// The list reads each row as one packed value on PostgreSQL (length-prefixed
    /// fields): text that looks like the packing, control characters, empty text,
    /// NULLs and dates to the last bit come back exactly as written, on both backends.
    func testSummariesKeepAnyTextAndExactDates() throws {
        try onEachBackend(in: folder) { store, _ in
            let created = Date(timeIntervalSince1970: 1_767_225_600.123456789)
            let tricky = "12:N:3:\u{1F}unit\u{1E}record\ttab\nline 予約 📦 ::"
            let actions = [
                Action(name: "N:", functionName: "n_colon", description: tricky, trigger: .phrases(["0:", tricky]),
                       configuration: .endConversation(.init(goodbye: tricky)), createdAt: created,
                       updatedAt: created.addingTimeInterval(0.000_001)),
                Action(name: "4:abcd", functionName: "four_abcd", description: "",
                       configuration: .customInput(CustomInputConfiguration()), createdAt: created.addingTimeInterval(1e-3),
                       updatedAt: created.addingTimeInterval(1e-3)),
            ]
            let stored = try store.insert(actions)
            let summaries = try store.allSummaries()
            // Exactly the seconds since 1970 written (a `Date` made from them again:
            // the conversion itself may move the last bit).
            let expected = stored.map { action in
                var summary = action.summary
                summary.createdAt = Date(timeIntervalSince1970: action.createdAt.timeIntervalSince1970)
                summary.updatedAt = Date(timeIntervalSince1970: action.updatedAt.timeIntervalSince1970)
                return summary
            }
            XCTAssertEqual(summaries, expected, "list order, text, NULLs and dates exactly")
            XCTAssertEqual(summaries.first?.detail, tricky)
            XCTAssertNil(summaries.last?.url)
            XCTAssertEqual(try store.readableSummaries().summaries, summaries)
            XCTAssertEqual(try store.readableSummaries().damaged, [])
        }
    }

    /// A row whose columns don't make a summary (edited by hand, outside
    /// Switchboard) is named and left out of the readable list; the strict
    /// list refuses, naming it; the other rows still come back whole.
    func testADamagedRowIsNamedAndTheOthersStillList() throws {
        try onEachBackend(in: folder) { store, _ in
            let stored = try store.insert([sampleAction("First"), sampleAction("Second"), sampleAction("Third")])
            let bad = stored[1].id
            if let postgres = store.postgres {
                try postgres.write { run throws(StoreError) in try run.execute("UPDATE action SET kind = 'teleport' WHERE id = \(bad.rawValue)") }
            } else {
                try store.database.write { db in try db.execute(sql: "UPDATE action SET kind = 'teleport' WHERE id = ?", arguments: [bad.rawValue]) }
            }
            let (summaries, damaged) = try store.readableSummaries()
            XCTAssertEqual(summaries.map(\.id), [stored[0].id, stored[2].id])
            XCTAssertEqual(summaries.map(\.name), ["First", "Third"])
            XCTAssertEqual(damaged.map(\.id), [bad.rawValue])
            XCTAssertTrue(damaged.first?.problem.contains("teleport") == true, "\(damaged)")
            XCTAssertThrowsError(try store.allSummaries()) { error in
                guard case let .corrupt(_, detail) = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertTrue(detail.contains(bad.rawValue) && detail.contains("teleport"), detail)
            }
        }
    }

    func testInvalidActionIsRefusedWithFieldMessages() throws {
        try onEachBackend(in: folder) { _, location in
            let store = try StoreBackend.open(location, folder: folder)
            let bad = Action(name: "Transfer", configuration: .transferCalls(.init(phoneNumber: "555-1234")))
            XCTAssertThrowsError(try store.insert(bad)) { error in
                guard case let .invalid(issues) = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertEqual(issues.map(\.field), [.phoneNumber])
                XCTAssertTrue(issues[0].message.contains("E.164"), issues[0].message)
            }
            XCTAssertEqual(try store.count(), 0)
        }
    }

    func testInsertEachKeepsTheGoodOnesAndSaysWhyOthersWereRefused() throws {
        try onEachBackend(in: folder) { _, location in
            let store = try StoreBackend.open(location, folder: folder)
            try store.insert(sampleAction("Existing"))
            let batch = [
                sampleAction("First"),
                Action(name: "Bad number", configuration: .transferCalls(.init(phoneNumber: "12"))),
                sampleAction("Existing"),
                sampleAction("Second"),
            ]
            let outcomes = try store.insertEach(batch)
            XCTAssertEqual(outcomes.count, 4)
            guard case .success = outcomes[0], case .failure(.invalid) = outcomes[1],
                  case .failure(.duplicateFunctionName("existing", _)) = outcomes[2], case .success = outcomes[3]
            else { return XCTFail("\(outcomes)") }
            XCTAssertEqual(Set(try store.allSummaries().map(\.name)), ["Existing", "First", "Second"])
        }
    }

    func testFunctionNamesAreUnique() throws {
        try onEachBackend(in: folder) { _, location in
            let store = try StoreBackend.open(location, folder: folder)
            let first = try store.insert(sampleAction())
            XCTAssertThrowsError(try store.insert(sampleAction())) { error in
                XCTAssertEqual(error as? StoreError, .duplicateFunctionName("create_crm_lead", existing: first.id))
            }
        }
    }

    func testUpdateFromTwoHandlesOnOneFileNeverOverwritesSilently() throws {
        try onEachBackend(in: folder) { _, location in
            let consoleA = try StoreBackend.open(location, folder: folder)
            let consoleB = try StoreBackend.open(location, folder: folder)
            let stored = try consoleA.insert(sampleAction())

            var fromA = try XCTUnwrap(consoleA.action(id: stored.id))
            var fromB = try XCTUnwrap(consoleB.action(id: stored.id))
            fromA.description = "A's change"
            fromB.description = "B's change"

            let savedA = try consoleA.update(fromA)
            XCTAssertEqual(savedA.version, 2)
            XCTAssertThrowsError(try consoleB.update(fromB)) { error in
                guard case let .conflict(id, name, current) = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertEqual(id, stored.id)
                XCTAssertEqual(name, "Create CRM lead")
                XCTAssertEqual(current?.description, "A's change")
                XCTAssertEqual(current?.version, 2)
                XCTAssertTrue((error as! StoreError).message.contains("'Create CRM lead'"))
            }
            XCTAssertEqual(try consoleB.action(id: stored.id)?.description, "A's change")

            // B reloads, reapplies, and wins fairly.
            fromB = try XCTUnwrap(consoleB.action(id: stored.id))
            fromB.description = "B's change"
            XCTAssertEqual(try consoleB.update(fromB).version, 3)
        }
    }

    func testUpdateOfDeletedActionIsAConflictWithNoCurrent() throws {
        try onEachBackend(in: folder) { _, location in
            let store = try StoreBackend.open(location, folder: folder)
            let stored = try store.insert(sampleAction())
            try store.delete(id: stored.id)
            XCTAssertThrowsError(try store.update(stored)) { error in
                XCTAssertEqual(error as? StoreError, .conflict(id: stored.id, name: stored.name, current: nil))
            }
        }
    }

    func testDeleteChecksVersionAndRetiresTheID() throws {
        try onEachBackend(in: folder) { _, location in
            let store = try StoreBackend.open(location, folder: folder)
            let stored = try store.insert(sampleAction())
            XCTAssertThrowsError(try store.delete(id: stored.id, expectedVersion: 7))
            try store.delete(id: stored.id, expectedVersion: 1)
            XCTAssertNil(try store.action(id: stored.id))
            XCTAssertThrowsError(try store.delete(id: stored.id)) { error in
                XCTAssertTrue((error as? StoreError)?.isInputProblem == true)
            }
            // Re-inserting with the retired ID gets a fresh one.
            var again = sampleAction()
            again.id = stored.id
            let reinserted = try store.insert(again)
            XCTAssertNotEqual(reinserted.id, stored.id)
        }
    }

    // MARK: Files that are not ours

    func assertRefusedUntouched(_ path: String, file: StaticString = #filePath, line: UInt = #line,
                                _ check: (StoreError) -> Void) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ActionStore.open(path: path), file: file, line: line) { error in
            guard let storeError = error as? StoreError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertFalse(storeError.isInputProblem, file: file, line: line)
            check(storeError)
        }
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(before, after, "the file must be left byte for byte untouched", file: file, line: line)
    }

    func testTextFileIsRefusedAndLeftUntouched() throws {
        let path = storePath("notes.txt")
        try Data("just some notes\n".utf8).write(to: URL(fileURLWithPath: path))
        try assertRefusedUntouched(path) { error in
            guard case .notSwitchboardDatabase = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.message.contains("not an SQLite database"), error.message)
        }
    }

    func testCorruptSQLiteIsRefusedAndLeftUntouched() throws {
        let path = storePath()
        _ = try ActionStore.open(path: path).insert(sampleAction())
        // Checkpoint the WAL into the main file, then damage the pages after the header.
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        for index in 100..<min(data.count, 8192) { data[index] = UInt8(truncatingIfNeeded: index &* 31) }
        try data.write(to: URL(fileURLWithPath: path))
        try assertRefusedUntouched(path) { error in
            switch error {
            case .corrupt, .notSwitchboardDatabase: break
            default: XCTFail("expected corrupt, got \(error)")
            }
        }
    }

    func testAnotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
        let path = storePath("other.sqlite")
        let queue = try DatabaseQueueFactory.plain(path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi')") }
        try queue.close()
        try assertRefusedUntouched(path) { error in
            guard case .notSwitchboardDatabase = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.message.contains("another program"), error.message)
        }
    }

    func testNewerSchemaIsRefusedAndLeftUntouched() throws {
        let path = storePath()
        let store = try ActionStore.open(path: path)
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try store.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try assertRefusedUntouched(path) { error in
            XCTAssertEqual(error, .newerSchema(path: path, unknownMigrations: ["v99-from-the-future"]))
            XCTAssertTrue(error.message.contains("newer Switchboard"))
        }
    }

    func testEmptyFileBecomesAStore() throws {
        let path = storePath()
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try ActionStore.open(path: path)
        XCTAssertEqual(try store.insert(sampleAction()).version, 1)
    }

    func testFolderPathIsRefusedWithAHint() throws {
        XCTAssertThrowsError(try ActionStore.open(path: folder.path)) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("is a folder") == true, "\(error)")
        }
    }

    func testFIFOIsRefusedNotWaitedOn() throws {
        let path = storePath("pipe.sqlite")
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        XCTAssertThrowsError(try ActionStore.open(path: path)) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("a FIFO (named pipe), not a file") == true, "\(error)")
        }
    }

    func testNewStoreAndItsSideFilesArePrivate() throws {
        let path = folder.appendingPathComponent("fresh/switchboard.sqlite").path
        let store = try ActionStore.open(path: path)
        _ = try store.insert(sampleAction())
        func mode(_ path: String) throws -> Int {
            try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        XCTAssertEqual(try mode(path), 0o600)
        // The pool is still open, so its WAL and shared-memory files are there.
        XCTAssertEqual(try mode(path + "-wal"), 0o600)
        XCTAssertEqual(try mode(path + "-shm"), 0o600)
        XCTAssertEqual(try mode((path as NSString).deletingLastPathComponent), 0o700)
    }

    func testRefusedWALDatabaseGetsNoSideFiles() throws {
        let path = storePath("other.sqlite")
        do {
            let other = try DatabaseQueue(path: path)
            try other.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "CREATE TABLE notes (text TEXT)")
            }
            try other.close()
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
        XCTAssertThrowsError(try ActionStore.open(path: path)) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("left untouched") == true, "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"), "a refused store is left as it was")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-shm"), "a refused store is left as it was")
    }

    // MARK: Read-only

    func testReadOnlyStoreListsAndShowsButRefusesWrites() throws {
        let path = storePath()
        let stored = try ActionStore.open(path: path).insert(sampleAction())
        let readOnly = try ActionStore.open(path: path, readOnly: true)
        XCTAssertTrue(readOnly.isReadOnly)
        XCTAssertEqual(try readOnly.allActions().map(\.id), [stored.id])
        XCTAssertEqual(try readOnly.action(id: stored.id)?.name, "Create CRM lead")
        for write in [
            { _ = try readOnly.insert(self.sampleAction("Other")) },
            { _ = try readOnly.update(stored) },
            { try readOnly.delete(id: stored.id) },
        ] {
            XCTAssertThrowsError(try write()) { error in
                guard case let .readOnly(_, reason) = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertEqual(reason, "it was opened read-only")
                XCTAssertTrue((error as! StoreError).message.contains("Listing and showing still work"))
            }
        }
    }

    func testUnwritableFileOpensReadOnly() throws {
        guard getuid() != 0 else { throw XCTSkip("running as root: file permissions don't stop root from writing") }
        let path = storePath()
        _ = try ActionStore.open(path: path).insert(sampleAction())
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let store = try ActionStore.open(path: path)
        XCTAssertTrue(store.isReadOnly)
        XCTAssertEqual(try store.count(), 1)
    }

    // MARK: Location

    func testStoreLocationPrecedence() {
        let env = ["HOME": "/home/ada", "XDG_DATA_HOME": "/data", "SWITCHBOARD_STORE": "/env/store.sqlite"]
        XCTAssertEqual(StoreLocation.resolve(explicit: "/flag.sqlite", environment: env), "/flag.sqlite")
        XCTAssertEqual(StoreLocation.resolve(explicit: nil, environment: env), "/env/store.sqlite")
        XCTAssertEqual(StoreLocation.resolve(explicit: nil, environment: ["HOME": "/home/ada", "XDG_DATA_HOME": "/data"]),
                       "/data/switchboard/switchboard.sqlite")
        XCTAssertEqual(StoreLocation.resolve(explicit: nil, environment: ["HOME": "/home/ada"]),
                       "/home/ada/.local/share/switchboard/switchboard.sqlite")
        XCTAssertEqual(StoreLocation.resolve(explicit: "~/s.sqlite", environment: ["HOME": "/home/ada"]), "/home/ada/s.sqlite")
    }

    func testUnusableStoreLocationsAreRefused() throws {
        let home = ["HOME": folder.path]
        func refusal(_ explicit: String?, _ environment: [String: String]) -> String {
            do {
                let path = try StoreLocation.checked(explicit: explicit, environment: environment)
                return "accepted \(path)"
            } catch {
                return error.message
            }
        }
        XCTAssertTrue(refusal("", home).hasPrefix("--store is empty"), refusal("", home))
        XCTAssertTrue(refusal(nil, home.merging(["SWITCHBOARD_STORE": ""]) { $1 }).hasPrefix("SWITCHBOARD_STORE is empty"))
        // PostgreSQL URLs are team stores; their parameters are checked before anything connects.
        XCTAssertEqual(refusal("postgres://db.example.com/switchboard", home), "accepted postgres://db.example.com/switchboard")
        XCTAssertEqual(refusal(nil, ["SWITCHBOARD_STORE": "postgresql://u@h/d?sslmode=require"]), "accepted postgresql://u@h/d?sslmode=require")
        XCTAssertEqual(refusal("postgres://u:hunter2@h/d?sslmode=sometimes", home),
                       "sslmode 'sometimes' in postgres://u:***@h/d?sslmode=sometimes is not one of disable, allow, prefer, require, verify-ca, verify-full.")
        XCTAssertTrue(refusal(nil, ["SWITCHBOARD_STORE": "s3://bucket/x"]).contains("SWITCHBOARD_STORE 's3://bucket/x' is a s3:// URL"))
        let missing = folder.appendingPathComponent("no/such/folder/s.sqlite").path
        XCTAssertTrue(refusal(missing, home).contains("doesn't exist; create it first"), refusal(missing, home))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("no").path))
        // What is usable passes, and the default location's folders are still made on first use.
        XCTAssertEqual(try StoreLocation.checked(explicit: storePath(), environment: home), storePath())
        XCTAssertEqual(try StoreLocation.checked(explicit: "relative.sqlite", environment: home), "relative.sqlite")
        XCTAssertEqual(try StoreLocation.checked(explicit: nil, environment: home),
                       folder.path + "/.local/share/switchboard/switchboard.sqlite")
    }
}
