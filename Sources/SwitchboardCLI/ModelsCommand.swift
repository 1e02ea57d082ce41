import ActionHTTP
import ActionModel
import ActionStore
import ArgumentParser
import CallDriver
import CallSimulation
import Foundation

/// `switchboard models …`: the OpenAI-compatible endpoints agents can use as their engine.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Create, list, show, edit, delete and test the language models agents can use.",
        discussion: """
            A model is an OpenAI-compatible Chat Completions endpoint. Its API key is a reference to a \
            named secret, never the key itself:

              switchboard secrets set OPENAI_API_KEY
              switchboard models create gpt-4o-mini --base-url https://api.openai.com/v1 --model gpt-4o-mini \\
                --api-key '{{secret.OPENAI_API_KEY}}'
              switchboard models test gpt-4o-mini
              switchboard agents edit "Front desk" --model gpt-4o-mini
            """,
        subcommands: [List.self, Show.self, Create.self, Edit.self, Delete.self, Test.self]
    )

    struct Fields: ParsableArguments {
        @Option(help: ArgumentHelp("Up to the version path; /chat/completions is added (https://api.openai.com/v1, http://127.0.0.1:11434/v1).", valueName: "url"))
        var baseURL: String?
        @Option(help: ArgumentHelp("The model id the server expects (gpt-4o-mini, llama3.1).", valueName: "id")) var model: String?
        @Option(help: ArgumentHelp("'{{secret.NAME}}': sent as `Authorization: Bearer …`; `none` removes it.", valueName: "reference")) var apiKey: String?
        @Option(help: ArgumentHelp("An extra header 'Name: value' (repeatable; replaces the list in edit; values may use {{secret.…}}).", valueName: "header"))
        var header: [String] = []
        @Option(help: ArgumentHelp("A query item 'name=value' added to the URL, e.g. api-version=2024-06-01 (repeatable; replaces the list in edit).", valueName: "item"))
        var query: [String] = []
        // Unconditional: "-1" is a (wrong) value to explain, not an option name.
        @Option(parsing: .unconditional, help: ArgumentHelp("0 to 2; `default` leaves it to the server.", valueName: "number")) var temperature: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The most tokens a reply may have; `default` leaves it to the server.", valueName: "count")) var maxTokens: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Seconds one model turn may take, first byte to last (1 to 600; default 30).", valueName: "seconds")) var timeout: Int?

        func apply(to record: inout ModelRecord) throws {
            if let baseURL { record.baseURL = baseURL }
            if let model { record.modelID = model }
            if let apiKey { record.apiKey = apiKey.lowercased() == "none" ? nil : apiKey }
            if !header.isEmpty { record.headers = try header.map(Self.header) }
            if !query.isEmpty { record.query = try query.map(Self.queryItem) }
            if let temperature {
                if temperature == "default" { record.temperature = nil } else {
                    guard let value = Double(temperature) else { throw CLIError.invalid("--temperature: '\(temperature)' is not a number (0 to 2, or `default`)") }
                    record.temperature = value
                }
            }
            if let maxTokens {
                if maxTokens == "default" { record.maxTokens = nil } else {
                    guard let value = Int(maxTokens) else { throw CLIError.invalid("--max-tokens: '\(maxTokens)' is not a whole number (or `default`)") }
                    record.maxTokens = value
                }
            }
            if let timeout { record.timeoutSeconds = timeout }
        }

        static func header(_ text: String) throws -> HTTPHeader {
            try ModelRecord.header(text).mapError { CLIError.invalid("--header \($0.message)") }.get()
        }

        static func queryItem(_ text: String) throws -> HTTPHeader {
            try ModelRecord.queryItem(text).mapError { CLIError.invalid("--query \($0.message)") }.get()
        }
    }

    static func json(_ record: ModelRecord) -> JSONValue {
        [
            "name": .string(record.name), "base_url": .string(record.baseURL), "model": .string(record.modelID),
            "api_key": record.apiKey.map { .string($0) } ?? .null,
            "headers": .array(record.headers.map { ["name": .string($0.name), "value": .string($0.value)] }),
            "query": .array(record.query.map { ["name": .string($0.name), "value": .string($0.value)] }),
            "temperature": record.temperature.map { .number($0) } ?? .null, "max_tokens": record.maxTokens.map { .integer($0) } ?? .null,
            "timeout_seconds": .integer(record.timeoutSeconds), "url": .string(record.completionsURL),
            "created_at": .string(Timestamp.format(record.createdAt)), "updated_at": .string(Timestamp.format(record.updatedAt)),
            "version": .integer(record.version),
        ]
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the models.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            let models = try opened.allModels()
            if json { output(JSONValue.array(models.map(ModelsCommand.json)).prettyText); return }
            if models.isEmpty { output("No models yet. Add one with `switchboard models create NAME --base-url URL --model ID`."); return }
            let agents = try opened.allAgents()
            output(TextTable.render(
                headers: ["NAME", "MODEL", "URL", "API KEY", "AGENTS"],
                rows: models.map { model in
                    [model.name, model.modelID, model.completionsURL, model.apiKey ?? "none",
                     "\(agents.filter { $0.model?.lowercased() == model.name.lowercased() }.count)"]
                },
                caps: [24, 24, 56, 32, 6]))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one model.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The model's name.", valueName: "name")) var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            let record = try opened.model(named: name)
            if json { output(ModelsCommand.json(record).prettyText); return }
            let users = try opened.allAgents().filter { $0.model?.lowercased() == record.name.lowercased() }.map(\.name)
            var lines = ["Name         \(record.name)", "Model        \(record.modelID)", "URL          POST \(record.completionsURL)",
                         "API key      \(record.apiKey ?? "none")"]
            lines += record.headers.map { "Header       \($0.name): \($0.value)" }
            lines += ["Temperature  \(record.temperature.map { String($0) } ?? "server default")",
                      "Max tokens   \(record.maxTokens.map(String.init) ?? "server default")", "Timeout      \(record.timeoutSeconds) s",
                      "Agents       \(users.isEmpty ? "none" : users.joined(separator: ", "))", "Version      \(record.version)"]
            output(lines.joined(separator: "\n"))
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a model.",
            discussion: "Example: switchboard models create gpt-4o-mini --base-url https://api.openai.com/v1 --model gpt-4o-mini --api-key '{{secret.OPENAI_API_KEY}}'")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The model's name, as agents name it.", valueName: "name")) var name: String
        @OptionGroup var fields: Fields
        @Flag(help: "Print the model as JSON.") var json = false

        func run() throws {
            guard fields.baseURL != nil else { throw CLIError.invalid("--base-url is required, e.g. --base-url https://api.openai.com/v1") }
            guard fields.model != nil else { throw CLIError.invalid("--model is required: the model id the server expects, e.g. --model gpt-4o-mini") }
            var record = ModelRecord(name: name, baseURL: "", modelID: "")
            try fields.apply(to: &record)
            let opened = try store.open()
            let stored = try opened.insert(record)
            output(json ? ModelsCommand.json(stored).prettyText : "Created model '\(stored.name)'. Try it: `switchboard models test \(stored.name)`.")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a model; only the options given change.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The model's name.", valueName: "name")) var name: String
        @Option(help: ArgumentHelp("A new name (agents using it follow).", valueName: "name")) var rename: String?
        @OptionGroup var fields: Fields
        @Flag(help: "Print the model as JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            var record = try opened.model(named: name)
            let previous = record.name
            if let rename { record.name = rename }
            try fields.apply(to: &record)
            let stored = try opened.update(record, previousName: previous)
            output(json ? ModelsCommand.json(stored).prettyText : "Saved model '\(stored.name)', now version \(stored.version).")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a model no agent uses.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The model's name.", valueName: "name")) var name: String

        func run() throws {
            try store.open().delete(model: name)
            output("Deleted model '\(name)'.")
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Send one short completion: prints the latency and the model id the server echoed, or the exact error.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The model's name.", valueName: "name")) var name: String
        @Option(help: ArgumentHelp("The environment whose secrets fill in the key (default: the active one).", valueName: "name")) var env: String?

        func run() async throws {
            let opened = try store.open()
            let record = try opened.model(named: name)
            let templates = try opened.templateContext(environment: env)
            let result = await ModelCheck.run(record, templates: templates)
            guard result.succeeded else { throw CLIError(result.headline, exitCode: 1) }
            output(result.headline)
            for line in result.details { output("  " + line) }
        }
    }
}
