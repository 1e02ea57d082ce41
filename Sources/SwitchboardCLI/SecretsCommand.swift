import ActionModel
import ActionStore
import ArgumentParser
import Foundation

struct SecretsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Named secrets for {{secret.NAME}} in action URLs and headers: list, set, delete. Values are never shown.",
        discussion: """
            A secret's value is kept in a file beside the store that only you may read \
            (switchboard.sqlite → switchboard.secrets.json, mode 0600), or read from an environment \
            variable at call time (--from-env). Values are never printed, exported or logged; the \
            call log and the inspector show {{secret.NAME}} instead. See docs/secrets.md.
            """,
        subcommands: [List.self, SetValue.self, Delete.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List secrets by name: where each value comes from and which environments have one. Never values.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            let definitions = try opened.allSecretDefinitions()
            let values = try loadSecretValues(opened)
            let actions = try opened.allActions()
            func usedBy(_ name: String) -> [String] {
                actions.filter { $0.templateReferences.contains(TemplateReference(.secret, name)) }.map(\.functionName)
            }
            if json {
                output(JSONValue.array(definitions.map { definition in
                    var object: JSONObject = ["name": .string(definition.name)]
                    object["source"] = .string(definition.fromEnvironmentVariable == nil ? "file" : "environment_variable")
                    if let variable = definition.fromEnvironmentVariable { object["environment_variable"] = .string(variable) }
                    object["has_default"] = .bool(values.defaults[definition.name] != nil)
                    object["environments"] = .array(values.environments(having: definition.name).map { .string($0) })
                    object["used_by"] = .array(usedBy(definition.name).map { .string($0) })
                    return .object(object)
                }).prettyText)
                return
            }
            if definitions.isEmpty {
                output("No secrets yet. Add one with `printf %s \"$TOKEN\" | switchboard secrets set API_KEY`, then use {{secret.API_KEY}} in a URL or header.")
                return
            }
            output(TextTable.render(
                headers: ["NAME", "SOURCE", "VALUES", "USED BY"],
                rows: definitions.map { definition in
                    var where_ = values.environments(having: definition.name)
                    if values.defaults[definition.name] != nil { where_.insert("default", at: 0) }
                    let valueText = definition.fromEnvironmentVariable != nil ? "(from the process)" : (where_.isEmpty ? "none set" : where_.joined(separator: ", "))
                    let users = usedBy(definition.name)
                    return [definition.name, definition.sourceLabel, valueText, users.isEmpty ? "-" : users.joined(separator: ", ")]
                },
                caps: [40, 28, 40, 60]))
        }
    }

    struct SetValue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a secret's value from standard input (never from an argument).",
            discussion: """
                The value is read from standard input; one trailing newline is dropped. On a terminal \
                it is asked for without echo. --env keeps a value used only in that environment (it \
                overrides the default there). --from-env reads the value from that environment variable \
                whenever a call runs, instead of keeping it in the file.

                Examples:
                  printf %s "$STRIPE_KEY" | switchboard secrets set STRIPE_KEY
                  switchboard secrets set API_KEY --env production < prod-key.txt
                  switchboard secrets set CI_TOKEN --from-env CI_TOKEN
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The secret's name, as in {{secret.NAME}}: letters, digits and _, not starting with a digit.", valueName: "name"))
        var name: String
        @Option(help: ArgumentHelp("Keep the value for this environment only.", valueName: "environment")) var env: String?
        @Option(help: ArgumentHelp("Read the value from this environment variable at call time instead of standard input.", valueName: "variable"))
        var fromEnv: String?

        func run() throws {
            if let problem = TemplateNames.problem(name, what: "secret") { throw CLIError.invalid(problem) }
            if env != nil && fromEnv != nil {
                throw CLIError.invalid("--env and --from-env can't go together: a secret read from an environment variable has the same value in every environment")
            }
            let opened = try store.open()
            try requireWritable(opened)
            let environment = try env.map { try opened.environment(named: $0).name }
            let file = opened.secretsFile
            _ = try loadSecretValues(opened)  // refuse a too-open file before asking for anything

            if let fromEnv {
                try opened.defineSecret(SecretDefinition(name: name, fromEnvironmentVariable: fromEnv))
                try withSecretsFile { try file.update { $0.remove(name, environment: nil) } }
                output("Secret \(name) now comes from the environment variable \(fromEnv) when a call runs (any value kept in the file was removed). Use it as {{secret.\(name)}}.")
                return
            }
            let value = try SecretInput.read(name: name)
            try opened.defineSecret(SecretDefinition(name: name))
            try withSecretsFile { try file.update { $0.set(name, to: value, environment: environment) } }
            var line = "Secret \(name) set" + (environment.map { " for environment \($0)" } ?? " (default for every environment)")
            line += " in \(file.path) (mode 0600). Use it as {{secret.\(name)}}."
            output(line)
            if value.count < TemplateContext.minimumMaskedLength {
                errorOutput("note: values shorter than \(TemplateContext.minimumMaskedLength) characters are not masked if a server echoes them back; requests themselves are always shown with {{secret.\(name)}}")
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a secret and every value it has (or, with --env, only that environment's value).")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The secret's name.", valueName: "name")) var name: String
        @Option(help: ArgumentHelp("Remove only this environment's value; the default stays.", valueName: "environment")) var env: String?

        func run() throws {
            let opened = try store.open()
            try requireWritable(opened)
            guard try opened.secretDefinition(named: name) != nil else {
                throw CLIError(StoreError.notFound("secret '\(name)'; `switchboard secrets list` shows them"))
            }
            let file = opened.secretsFile
            if let env {
                let environment = try opened.environment(named: env).name
                guard try loadSecretValues(opened).environments(having: name).contains(where: { $0.caseInsensitiveCompare(environment) == .orderedSame }) else {
                    throw CLIError.invalid("secret \(name) has no value of its own in environment \(environment); nothing to delete")
                }
                try withSecretsFile { try file.update { $0.remove(name, environment: environment) } }
                output("Removed the \(environment) value of secret \(name); \(environment) now uses the default, if there is one.")
                return
            }
            if file.exists { try withSecretsFile { try file.update { $0.remove(name, environment: nil) } } }
            try opened.deleteSecretDefinition(named: name)
            output("Deleted secret \(name) and its values. Actions that use {{secret.\(name)}} will fail before sending until it is set again.")
        }
    }
}

/// Reads a secret's value: from a pipe or file (one trailing newline dropped),
/// or asked for without echo on a terminal.
enum SecretInput {
    static func read(name: String) throws -> String {
        var value: String
        if isatty(STDIN_FILENO) == 1 {
            guard let typed = getpass("Value for \(name) (not shown): ") else {
                throw CLIError.invalid("no value was typed for \(name)")
            }
            value = String(cString: typed)
        } else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let text = String(data: data, encoding: .utf8) else { throw CLIError.invalid("standard input is not UTF-8 text") }
            value = text
            if value.hasSuffix("\r\n") { value.removeLast(1) } else if value.hasSuffix("\n") { value.removeLast() }
        }
        if value.isEmpty {
            throw CLIError.invalid("standard input was empty: pipe the value in, e.g. `printf %s \"$TOKEN\" | switchboard secrets set \(name)` (it is never taken from an argument)")
        }
        if value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            throw CLIError.invalid("the value has a line break inside; a secret must be one line, since it goes into URLs and headers")
        }
        if let problem = SecretValueRules.problem(value, name: name) { throw CLIError.invalid(problem + "; nothing was saved") }
        return value
    }
}

/// Refuses at once on a read-only store, before the secrets file is touched:
/// the file and the store change together or not at all.
func requireWritable(_ store: ActionStore) throws {
    if let reason = store.readOnlyReason { throw CLIError(StoreError.readOnly(path: store.path, reason: reason)) }
}

/// The store's secret values, or the secrets file's refusal as a CLI error (exit 2).
func loadSecretValues(_ store: ActionStore) throws -> SecretValues {
    try withSecretsFile { try store.secretsFile.load() }
}

func withSecretsFile<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as SecretsFileError { throw CLIError(error.message, exitCode: 2) }
}
