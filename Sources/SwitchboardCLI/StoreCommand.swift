import ActionModel
import ActionStore
import ArgumentParser
import Foundation

/// `switchboard store …`: moving a whole store between SQLite and PostgreSQL.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Whole stores: copy everything from one store to another (SQLite ↔ PostgreSQL).",
        subcommands: [Copy.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy every action, agent, call, environment, secret definition and webhook (with its delivery log) from one store to another.",
            discussion: """
                SRC and DST are each a SQLite file or a postgres:// URL. A destination that already holds anything \
                is refused unless --force, which replaces everything in it. IDs, versions and times are kept, \
                so `actions export` of the copy is byte-identical. The counts printed are read back from the \
                destination after copying. Secret values never enter a database: those in the source's secrets \
                file are written to the destination's own (0600) secrets file.
                """)

        @Option(help: ArgumentHelp("The store to copy from: a file or a postgres:// URL.", valueName: "src")) var from: String
        @Option(help: ArgumentHelp("The store to copy into: a file or a postgres:// URL.", valueName: "dst")) var to: String
        @Flag(help: "Replace everything in a destination that is not empty.") var force = false
        @Flag(help: "Print the verified counts as JSON.") var json = false

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let sourceLocation = try StoreLocation.checked(explicit: from, environment: environment)
            let destinationLocation = try StoreLocation.checked(explicit: to, environment: environment)
            let source = try ActionStore.open(path: sourceLocation, readOnly: true)
            let destination = try ActionStore.open(path: destinationLocation)
            if source.path == destination.path { throw CLIError.invalid("--from and --to are the same store (\(source.path)); name two different stores") }
            if let reason = destination.readOnlyReason { throw CLIError(StoreError.readOnly(path: destination.path, reason: reason)) }
            if !force, try !destination.isEmpty() {
                let held = try destination.contents().counts
                throw CLIError.invalid("\(destination.path) is not empty (\(held)); nothing was copied. Pass --force to replace everything in it.")
            }
            let contents = try source.contents()
            try destination.replaceContents(with: contents)
            let copied = try destination.contents().counts
            guard copied == contents.counts else {
                throw CLIError("the copy in \(destination.path) doesn't match: \(copied) were read back, \(contents.counts) were copied", exitCode: 2)
            }
            var secretNote = ""
            if source.secretsFile.exists {
                do {
                    let values = try source.secretsFile.load()
                    try destination.secretsFile.update { existing in
                        for (name, value) in values.defaults { existing.set(name, to: value, environment: nil) }
                        for (environmentName, byName) in values.byEnvironment {
                            for (name, value) in byName { existing.set(name, to: value, environment: environmentName) }
                        }
                    }
                    secretNote = "Secret values: copied to \(destination.secretsFile.path) (never into the database)."
                } catch {
                    throw CLIError("the store was copied, but the secret values weren't: \(error.message)", exitCode: 2)
                }
            }
            if json {
                var document: JSONObject = ["from": .string(source.path), "to": .string(destination.path), "verified": copied.json]
                if source.secretsFile.exists { document["secrets_file"] = .string(destination.secretsFile.path) }
                output(JSONValue.object(document).prettyText)
            } else {
                output("Copied \(source.path) → \(destination.path), verified: \(copied).")
                if !secretNote.isEmpty { output(secretNote) }
            }
        }
    }
}
