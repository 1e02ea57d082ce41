import ActionModel
import ActionStore
import ArgumentParser
import Foundation

extension ActionsCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write actions as JSON to standard output.",
            discussion: """
                --format openai (default) writes an array of OpenAI tools \
                ({"type":"function","function":{name, description, parameters}}); --strict writes them in \
                strict mode and explains on standard error what keeps a schema from it. --format switchboard \
                writes every field (docs/json.md), readable by `import`. Signing secrets are never exported.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("openai or switchboard.", valueName: "format")) var format = "openai"
        @Flag(help: "(openai) Strict mode: closed objects, every field required, optional ones nullable.") var strict = false
        @Argument(help: ArgumentHelp("IDs, function names or names (as listed) to export (default: every action).", valueName: "action"))
        var references: [String] = []

        func run() throws {
            guard format == "openai" || format == "switchboard" else {
                throw CLIError.invalid("--format: '\(format)' is not a format; use openai or switchboard")
            }
            if strict && format != "openai" { throw CLIError.invalid("--strict applies to --format openai only") }
            let opened = try store.open()
            var actions: [Action] = []
            var exitAfterExport: Int32 = 0
            if references.isEmpty {
                // The healthy ones are exported; a damaged row is named, and the exit code says so.
                let (readable, damaged) = try opened.readableActions()
                actions = readable
                for row in damaged { errorOutput(row.warning) }
                if !damaged.isEmpty { exitAfterExport = 2 }
            } else {
                for reference in references { actions.append(try opened.action(reference: reference)) }
            }
            if format == "switchboard" {
                output(ActionDocument.export(actions).prettyText)
                if exitAfterExport != 0 { throw ExitCodeError(status: exitAfterExport) }
                return
            }
            let tools = actions.filter { $0.kind == .customInput }
            let skipped = actions.count - tools.count
            if skipped > 0 && !references.isEmpty {
                throw CLIError.invalid("only Custom Input actions are OpenAI tools; \(skipped) of the actions named are phone behaviours (use --format switchboard)")
            }
            if strict {
                for action in tools {
                    guard let schema = action.customInput?.inputSchema else { continue }
                    for note in StrictMode.lint(schema) {
                        errorOutput("note: \(action.functionName): \(note)")
                    }
                }
            }
            output(OpenAITool.export(tools, strict: strict).prettyText)
            if exitAfterExport != 0 { throw ExitCodeError(status: exitAfterExport) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import OpenAI tools or a Switchboard export from a file (- for standard input).",
            discussion: """
                OpenAI tools (one tool, an array, or {"tools":[…]}) become Custom Input actions. Tools carry \
                no URL: with --url every imported action calls it; without, they are kept marked "needs a URL" \
                and calls refuse them until one is set with `actions edit ID --url …`. A tool that can't be \
                imported (an invalid name, an unsupported type or keyword, a function name already in the store) \
                is refused with its reason and the rest are imported; the exit code is then 1.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The JSON file, or - for standard input.", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("The URL imported OpenAI tools call.", valueName: "url")) var url: String?
        @Flag(help: "Print what was imported and refused as JSON.") var json = false

        func run() throws {
            if let url, let problem = FieldRules.url(url) { throw CLIError.invalid("--url: \(problem)") }
            let text: String
            if file == "-" {
                text = readAllStandardInput() ?? ""
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CLIError.invalid("can't read \(file): no such file, or not readable")
                }
                guard let decoded = String(data: data, encoding: .utf8) else { throw CLIError.invalid("\(file) is not UTF-8 text") }
                text = decoded
            }
            let document: JSONValue
            do { document = try JSONValue(parsing: text) } catch {
                throw CLIError.invalid("\(file == "-" ? "standard input" : file): \(error)")
            }

            var candidates: [Action] = []
            var refused: [RefusedTool] = []
            if ActionDocument.isExport(document) {
                let source = file == "-" ? "standard input" : file
                // A newer format may mean something else by the same keys: import nothing rather than guess.
                if let version = document.objectValue?["version"]?.integerValue, version != ActionDocument.exportFormatVersion {
                    throw CLIError.invalid("\(source) is a Switchboard export of format version \(version); this switchboard reads version \(ActionDocument.exportFormatVersion). Nothing was imported; upgrade switchboard (or export again with this one).")
                }
                guard document.objectValue?["actions"]?.arrayValue != nil else {
                    throw CLIError.invalid("\(source) is a Switchboard export without an \"actions\" list; nothing was imported.")
                }
                for (index, entry) in (document.objectValue?["actions"]?.arrayValue ?? []).enumerated() {
                    do {
                        var action = try ActionDocument.action(from: entry, keepIdentity: true)
                        if let url, case var .customInput(config) = action.configuration { config.url = url; action.configuration = .customInput(config) }
                        candidates.append(action)
                    } catch {
                        let name = entry.objectValue?["name"]?.stringValue ?? "action \(index + 1)"
                        refused.append(RefusedTool(name: name, reason: error.description))
                    }
                }
            } else {
                let result = OpenAITool.importTools(document, url: url)
                candidates = result.actions
                refused = result.refused
            }

            let opened = try store.open()
            var imported: [Action] = []
            for (action, outcome) in zip(candidates, try opened.insertEach(candidates)) {
                switch outcome {
                case let .success(stored): imported.append(stored)
                case let .failure(error): refused.append(RefusedTool(name: action.functionName, reason: error.message.replacingOccurrences(of: "\n", with: "; ")))
                }
            }

            if json {
                output(JSONValue.object([
                    "imported": .array(imported.map { ["id": .string($0.id.rawValue), "function_name": .string($0.functionName), "needs_url": .bool($0.customInput?.needsURL ?? false)] }),
                    "refused": .array(refused.map { ["name": .string($0.name), "reason": .string($0.reason)] }),
                ]).prettyText)
            } else {
                var lines = ["Imported \(imported.count) action\(imported.count == 1 ? "" : "s")."]
                let needingURL = imported.filter { $0.customInput?.needsURL == true }.count
                if needingURL > 0 {
                    lines.append("\(needingURL) need a URL before calls can use them: `switchboard actions edit ID --url …` (or import again with --url).")
                }
                output(lines.joined(separator: "\n"))
                for tool in refused { errorOutput("refused: \(tool.name): \(tool.reason)") }
            }
            if !refused.isEmpty { throw ExitCode(1) }
        }
    }
}
