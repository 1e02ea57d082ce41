import ActionModel
import ActionStore
import ArgumentParser
import Foundation

struct EnvironmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "environments",
        abstract: "Named environments (dev, staging, production) with variables for {{env.NAME}} and their own secret values.",
        discussion: """
            The active environment fills in {{env.NAME}} and picks each secret's value (the \
            environment's own, else the default) for every call; `--env NAME` on `simulate` \
            overrides it for one run. Actions keep the placeholders, so one definition serves \
            every environment. See docs/secrets.md.

            Examples:
              switchboard environments create staging --use
              switchboard environments set staging BASE_URL https://staging.api.example.com
              printf %s "$STAGING_KEY" | switchboard secrets set API_KEY --env staging
              switchboard actions edit create_crm_lead --url '{{env.BASE_URL}}/leads' \\
                --header 'Authorization: Bearer {{secret.API_KEY}}'
            """,
        subcommands: [List.self, Show.self, Create.self, Delete.self, Use.self, SetVariable.self, UnsetVariable.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List environments; the active one is marked.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            let environments = try opened.allEnvironments()
            let active = try opened.activeEnvironmentName()
            let values = opened.secretsFile.exists ? try loadSecretValues(opened) : SecretValues()
            func ownSecrets(_ name: String) -> [String] { values.secretNames(withOwnValueIn: name) }
            if json {
                output(JSONValue.object([
                    "active": active.map { .string($0) } ?? .null,
                    "environments": .array(environments.map { environment in
                        ["name": .string(environment.name), "active": .bool(environment.name == active),
                         "variables": .integer(environment.variables.count),
                         "own_secrets": .array(ownSecrets(environment.name).map { .string($0) })]
                    }),
                ]).prettyText)
                return
            }
            if environments.isEmpty {
                output("No environments yet. Create one with `switchboard environments create dev --use`.")
                return
            }
            output(TextTable.render(
                headers: ["", "NAME", "VARIABLES", "OWN SECRET VALUES"],
                rows: environments.map { environment in
                    let own = ownSecrets(environment.name)
                    return [environment.name == active ? "*" : "", environment.name, "\(environment.variables.count)",
                            own.isEmpty ? "-" : own.joined(separator: ", ")]
                },
                caps: [1, 40, 10, 60]) + "\n" + (active.map { "Active: \($0)" } ?? "No environment is active: `switchboard environments use NAME`."))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an environment's variables and, for each secret, where its value comes from there. Never secret values.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The environment's name.", valueName: "name")) var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            let environment = try opened.environment(named: name)
            let isActive = try opened.activeEnvironmentName() == environment.name
            let definitions = try opened.allSecretDefinitions()
            let values = opened.secretsFile.exists ? try loadSecretValues(opened) : SecretValues()
            func source(_ definition: SecretDefinition) -> String {
                if let variable = definition.fromEnvironmentVariable { return "from $\(variable)" }
                if values.secretNames(withOwnValueIn: environment.name).contains(definition.name) { return "own value" }
                return values.defaults[definition.name] != nil ? "default" : "missing"
            }
            if json {
                output(JSONValue.object([
                    "name": .string(environment.name), "active": .bool(isActive),
                    "variables": .object(JSONObject(environment.sortedVariables.map { (key: $0.name, value: .string($0.value)) })),
                    "secrets": .array(definitions.map { ["name": .string($0.name), "value": .string(source($0))] }),
                ]).prettyText)
                return
            }
            var lines = ["Environment \(environment.name)\(isActive ? " (active)" : "")", "Variables"]
            lines += environment.variables.isEmpty ? ["  none: `switchboard environments set \(environment.name) NAME VALUE`"]
                : environment.sortedVariables.map { "  \($0.name) = \($0.value)" }
            lines.append("Secrets")
            lines += definitions.isEmpty ? ["  none: `switchboard secrets set NAME --env \(environment.name)`"]
                : definitions.map { "  \($0.name): \(source($0))" }
            output(lines.joined(separator: "\n"))
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an environment.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("A name such as dev, staging or production (letters, digits, _ - .).", valueName: "name")) var name: String
        @Flag(help: "Make it the active environment too.") var use = false

        func run() throws {
            let opened = try store.open()
            let created = try opened.createEnvironment(named: name)
            if use { try opened.useEnvironment(named: created.name) }
            output("Created environment \(created.name)\(use ? " and made it active" : ""). Add variables with `switchboard environments set \(created.name) NAME VALUE`.")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an environment, its variables and its own secret values.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The environment's name.", valueName: "name")) var name: String

        func run() throws {
            let opened = try store.open()
            try requireWritable(opened)
            let environment = try opened.environment(named: name)
            let file = opened.secretsFile
            if file.exists { try withSecretsFile { try file.update { $0.removeEnvironment(environment.name) } } }
            try opened.deleteEnvironment(named: environment.name)
            output("Deleted environment \(environment.name).")
        }
    }

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "use", abstract: "Make an environment the active one (or --none).")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The environment's name.", valueName: "name")) var name: String?
        @Flag(help: "No active environment: {{env.…}} references then fail before sending.") var none = false

        func run() throws {
            if none == (name != nil) { throw CLIError("give the environment's name, or --none", exitCode: 2) }
            let opened = try store.open()
            try opened.useEnvironment(named: name)
            let active = try opened.activeEnvironmentName()
            output(active.map { "Active environment: \($0)." } ?? "No environment is active.")
        }
    }

    struct SetVariable: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set a variable of an environment ({{env.NAME}}). Variables are not secret: use `secrets set --env` for keys.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The environment's name.", valueName: "environment")) var environment: String
        @Argument(help: ArgumentHelp("The variable's name: letters, digits and _.", valueName: "name")) var variable: String
        @Argument(help: ArgumentHelp("Its value.", valueName: "value")) var value: String

        func run() throws {
            let opened = try store.open()
            try opened.setVariable(variable, to: value, inEnvironment: environment)
            output("Set {{env.\(variable)}} in \(try opened.environment(named: environment).name).")
        }
    }

    struct UnsetVariable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove a variable from an environment.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The environment's name.", valueName: "environment")) var environment: String
        @Argument(help: ArgumentHelp("The variable's name.", valueName: "name")) var variable: String

        func run() throws {
            let opened = try store.open()
            try opened.unsetVariable(variable, inEnvironment: environment)
            output("Removed {{env.\(variable)}} from \(try opened.environment(named: environment).name).")
        }
    }
}
