import ActionModel
import Foundation
import GRDB
import XCTest

@testable import ActionStore
import StoreTestSupport

final class EnvironmentStoreTests: XCTestCase {
    var folder: URL!
    var store: ActionStore!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-env-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try ActionStore.open(path: folder.appendingPathComponent("s.sqlite").path)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        StoreBackend.cleanUp()
    }

    func testMigrationAddsTheTablesOnTopOfAnOlderStore() throws {
        // A store made by the version before: only v1 and v2 applied.
        let path = folder.appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: "v2-agents-calls")
        try queue.close()
        let opened = try ActionStore.open(path: path)
        let applied = try opened.read { db in try StoreMigrations.migrator.appliedIdentifiers(db) }
        XCTAssertTrue(applied.contains("v3-environments"), "\(applied)")
        let tables = try opened.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        for table in ["environment", "environment_variable", "secret", "setting"] { XCTAssertTrue(tables.contains(table), "\(tables)") }
        // No column anywhere can hold a secret value.
        let secretColumns = try opened.read { db in try db.columns(in: "secret").map(\.name) }
        XCTAssertEqual(secretColumns, ["name", "from_environment_variable", "created_at"])
    }

    func testEnvironmentsVariablesAndTheActiveOne() throws {
        try onEachBackend(in: folder) { store, location in
            try store.createEnvironment(named: "dev")
            try store.createEnvironment(named: "production")
            XCTAssertThrowsError(try store.createEnvironment(named: "DEV")) { XCTAssertTrue("\($0)".contains("already exists"), "\($0)") }
            XCTAssertThrowsError(try store.createEnvironment(named: "my env")) { XCTAssertEqual(($0 as? StoreError)?.isInputProblem, true) }

            try store.setVariable("BASE_URL", to: "https://dev.example.com", inEnvironment: "Dev")
            try store.setVariable("BASE_URL", to: "https://dev2.example.com", inEnvironment: "dev")
            try store.setVariable("REGION", to: "eu", inEnvironment: "dev")
            XCTAssertThrowsError(try store.setVariable("BAD-NAME", to: "x", inEnvironment: "dev"))
            XCTAssertThrowsError(try store.setVariable("A", to: "two\nlines", inEnvironment: "dev"))
            XCTAssertThrowsError(try store.setVariable("A", to: "x", inEnvironment: "nowhere")) { error in
                XCTAssertTrue("\(error)".contains("`switchboard environments list`"), "\(error)")
            }
            XCTAssertEqual(try store.environment(named: "DEV").variables, ["BASE_URL": "https://dev2.example.com", "REGION": "eu"])
            try store.unsetVariable("REGION", inEnvironment: "dev")
            XCTAssertThrowsError(try store.unsetVariable("REGION", inEnvironment: "dev"))
            XCTAssertEqual(try store.allEnvironments().map(\.name), ["dev", "production"])

            XCTAssertNil(try store.activeEnvironmentName())
            try store.useEnvironment(named: "DEV")
            XCTAssertEqual(try store.activeEnvironmentName(), "dev")
            XCTAssertEqual(try StoreBackend.open(location, folder: folder).activeEnvironmentName(), "dev", "shared by every process")
            try store.deleteEnvironment(named: "dev")
            XCTAssertNil(try store.activeEnvironmentName(), "deleting the active environment leaves none active")
            try store.createEnvironment(named: "dev")
            XCTAssertEqual(try store.environment(named: "dev").variables, [:], "its variables went with it")
        }
    }

    func testSecretDefinitionsHoldNamesAndSourcesOnly() throws {
        try onEachBackend(in: folder) { store, location in
            try store.defineSecret(SecretDefinition(name: "API_KEY"))
            try store.defineSecret(SecretDefinition(name: "CI_TOKEN", fromEnvironmentVariable: "MY_CI_TOKEN"))
            try store.defineSecret(SecretDefinition(name: "API_KEY", fromEnvironmentVariable: "VAULT_KEY"))
            XCTAssertEqual(try store.allSecretDefinitions().map(\.sourceLabel), ["$VAULT_KEY", "$MY_CI_TOKEN"])
            XCTAssertThrowsError(try store.defineSecret(SecretDefinition(name: "api-key")))
            XCTAssertThrowsError(try store.defineSecret(SecretDefinition(name: "OK", fromEnvironmentVariable: "NOT OK")))
            try store.deleteSecretDefinition(named: "CI_TOKEN")
            XCTAssertThrowsError(try store.deleteSecretDefinition(named: "CI_TOKEN")) { XCTAssertEqual(($0 as? StoreError)?.isInputProblem, true) }
        }
    }

    func testTemplateContextUsesTheEnvironmentsOwnValueElseTheDefault() throws {
        try onEachBackend(in: folder) { store, location in
            try store.createEnvironment(named: "staging")
            try store.createEnvironment(named: "production")
            try store.setVariable("BASE_URL", to: "https://staging.example.com", inEnvironment: "staging")
            try store.defineSecret(SecretDefinition(name: "API_KEY"))
            try store.defineSecret(SecretDefinition(name: "ONLY_PROD"))
            try store.defineSecret(SecretDefinition(name: "CI_TOKEN", fromEnvironmentVariable: "MY_CI_TOKEN"))
            try store.secretsFile.update { values in
                values.set("API_KEY", to: "default-key-value", environment: nil)
                values.set("API_KEY", to: "production-key-value", environment: "production")
                values.set("ONLY_PROD", to: "prod-only-value", environment: "PRODUCTION")
            }

            let none = try store.templateContext(processEnvironment: [:])
            XCTAssertNil(none.environmentName)
            XCTAssertEqual(none.secrets, ["API_KEY": "default-key-value"])
            XCTAssertTrue(none.unavailableSecrets["CI_TOKEN"]?.contains("MY_CI_TOKEN") == true)
            XCTAssertTrue(none.unavailableSecrets["ONLY_PROD"]?.contains("switchboard secrets set ONLY_PROD") == true)

            try store.useEnvironment(named: "staging")
            let staging = try store.templateContext(processEnvironment: ["MY_CI_TOKEN": "from-the-process"])
            XCTAssertEqual(staging.environmentName, "staging")
            XCTAssertEqual(staging.variables, ["BASE_URL": "https://staging.example.com"])
            XCTAssertEqual(staging.secrets, ["API_KEY": "default-key-value", "CI_TOKEN": "from-the-process"])

            let production = try store.templateContext(environment: "Production", processEnvironment: [:])
            XCTAssertEqual(production.environmentName, "production")
            XCTAssertEqual(production.secrets["API_KEY"], "production-key-value")
            XCTAssertEqual(production.secrets["ONLY_PROD"], "prod-only-value")
            XCTAssertThrowsError(try store.templateContext(environment: "qa")) { XCTAssertEqual(($0 as? StoreError)?.isInputProblem, true) }

            // Another environment's value is masked too (never sent): an echo of the
            // production key during a staging call stays out of the log.
            XCTAssertEqual(staging.otherValues["API_KEY"], ["production-key-value"])
            XCTAssertEqual(staging.otherValues["ONLY_PROD"], ["prod-only-value"])
            XCTAssertEqual(staging.mask("echo production-key-value and default-key-value"),
                           "echo {{secret.API_KEY}} and {{secret.API_KEY}}")
            XCTAssertNil(production.otherValues["ONLY_PROD"], "its own value is not listed again")

            // Values never reach the store: not the SQLite file, not any table of the shared database.
            let values = ["default-key-value", "production-key-value", "prod-only-value"]
            if let postgres = store.postgres {
                XCTAssertTrue(store.secretsFile.path.hasPrefix(folder.path + "/switchboard/postgres-"), store.secretsFile.path)
                let everything = try postgres.read { run throws(StoreError) in
                    try run.column("""
                        SELECT coalesce((SELECT string_agg(t::text, '|') FROM secret t), '') || (SELECT string_agg(t::text, '|') FROM environment_variable t)
                          || coalesce((SELECT string_agg(t::text, '|') FROM setting t), '')
                        """, as: String.self)
                }.joined()
                XCTAssertTrue(everything.contains("staging.example.com"), "the query sees the tables: \(everything)")
                for value in values { XCTAssertFalse(everything.contains(value), "\(value) found in the database") }
            } else {
                for suffix in ["", "-wal", "-shm"] {
                    let bytes = FileManager.default.contents(atPath: store.path + suffix) ?? Data()
                    for value in values {
                        XCTAssertNil(bytes.range(of: Data(value.utf8)), "\(value) found in \(store.path + suffix)")
                    }
                }
            }
        }
    }

    func testATooOpenSecretsFileMakesItsSecretsUnavailableNotTheCall() throws {
        try onEachBackend(in: folder) { store, location in
            try store.defineSecret(SecretDefinition(name: "API_KEY"))
            try store.secretsFile.update { $0.set("API_KEY", to: "default-key-value", environment: nil) }
            chmod(store.secretsFile.path, 0o644)
            let context = try store.templateContext(processEnvironment: [:])
            XCTAssertEqual(context.secrets, [:])
            XCTAssertTrue(context.unavailableSecrets["API_KEY"]?.contains("chmod 600") == true, "\(context.unavailableSecrets)")
        }
    }
}
