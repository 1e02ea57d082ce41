import ActionModel
import ActionStore
import ArgumentParser
import Foundation
import Platforms

extension ActionsCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write actions as JSON to standard output, in a platform's tool format.",
            discussion: """
                --platform fluents|vapi|retell|elevenlabs|bland|openai writes that platform's tool definitions \
                (docs/platforms.md); --platform all writes {"fluents":[…],"vapi":[…],…}. What a platform has no \
                place for, and how to set each {{secret.NAME}} there, is said on standard error ("note: …"). \
                --format openai (default) writes OpenAI tools ({"type":"function","function":{…}}); --strict writes \
                them in strict mode. --format switchboard writes every field (docs/json.md), readable by `import`. \
                Signing secrets are never exported; {{secret.NAME}} placeholders stay placeholders.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("openai or switchboard.", valueName: "format")) var format: String?
        @Option(help: ArgumentHelp("\(PlatformFormat.choices), or all.", valueName: "platform")) var platform: String?
        @Flag(help: "(openai) Strict mode: closed objects, every field required, optional ones nullable.") var strict = false
        @Argument(help: ArgumentHelp("IDs, function names or names (as listed) to export (default: every action).", valueName: "action"))
        var references: [String] = []

        func run() throws {
            if format != nil && platform != nil { throw CLIError.invalid("--format and --platform contradict each other; use --platform (openai is one)") }
            let format = self.format ?? "openai"
            guard format == "openai" || format == "switchboard" else {
                throw CLIError.invalid("--format: '\(format)' is not a format; use openai or switchboard (or --platform \(PlatformFormat.choices))")
            }
            var targets: [PlatformFormat] = [.openai]
            if let platform {
                if platform.lowercased() == "all" {
                    targets = PlatformFormat.allCases
                } else {
                    guard let parsed = PlatformFormat(rawValue: platform.lowercased()) else {
                        throw CLIError.invalid("--platform: '\(platform)' is not a platform; use \(PlatformFormat.choices), or all")
                    }
                    targets = [parsed]
                }
            }
            if strict && (format != "openai" || !targets.contains(.openai)) { throw CLIError.invalid("--strict applies to openai only") }
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
            if format == "switchboard" && platform == nil {
                output(ActionDocument.export(actions).prettyText)
                if exitAfterExport != 0 { throw ExitCodeError(status: exitAfterExport) }
                return
            }
            var documents = JSONObject()
            for target in targets {
                let export = PlatformDefinitions.export(actions, to: target, strict: strict)
                if !references.isEmpty && export.definitions.isEmpty && targets.count == 1 {
                    throw CLIError.invalid("none of the actions named has a \(target.title) tool: " + export.notes.map(\.description).joined(separator: "; "))
                }
                for note in export.notes {
                    errorOutput("note: \(targets.count > 1 ? target.rawValue + ": " : "")\(note)")
                }
                documents[target.rawValue] = export.document
            }
            output(targets.count == 1 ? (documents[targets[0].rawValue] ?? .array([])).prettyText : JSONValue.object(documents).prettyText)
            if exitAfterExport != 0 { throw ExitCodeError(status: exitAfterExport) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import tool definitions (Fluents, Vapi, Retell, ElevenLabs, Bland, OpenAI) or a Switchboard export from a file (- for standard input).",
            discussion: """
                Each tool's platform is told from its keys, or given with --platform; the action keeps it as its \
                target platform (OpenAI tools: fluents). A field with no equivalent in Switchboard is dropped with a \
                line on standard error ("dropped: tool: field: why"). \
                OpenAI tools (one tool, an array, or {"tools":[…]}) become Custom Input actions. Tools carry \
                no URL: with --url every imported action calls it; without, they are kept marked "needs a URL" \
                and calls refuse them until one is set with `actions edit ID --url …`. A tool that can't be \
                imported (an invalid name, an unsupported type or keyword, a function name already in the store) \
                is refused with its reason and the rest are imported; the exit code is then 1.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The JSON file, or - for standard input.", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("The URL imported OpenAI tools call.", valueName: "url")) var url: String?
        @Option(help: ArgumentHelp("The tools' format when it can't be told from the JSON: \(PlatformFormat.choices).", valueName: "platform"))
        var platform: String?
        @Flag(help: "Print what was imported and refused as JSON.") var json = false

        func run() throws {
            var format: PlatformFormat?
            if let platform {
                guard let parsed = PlatformFormat(rawValue: platform.lowercased()) else {
                    throw CLIError.invalid("--platform: '\(platform)' is not a platform; use \(PlatformFormat.choices)")
                }
                format = parsed
            }
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
            var dropped: [DroppedField] = []
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
                let result = PlatformDefinitions.importTools(document, format: format)
                candidates = result.actions.map { action in
                    guard let url, case var .customInput(config) = action.configuration, config.needsURL else { return action }
                    var filled = action
                    config.url = url
                    filled.configuration = .customInput(config)
                    return filled
                }
                refused = result.refused
                dropped = result.dropped
            }
            // An action the store would refuse is named with its problems, not saved half-right.
            candidates = candidates.filter { action in
                let issues = action.issues
                if issues.isEmpty { return true }
                refused.append(RefusedTool(name: action.functionName, reason: issues.map(\.description).joined(separator: "; ")))
                return false
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
                    "imported": .array(imported.map { ["id": .string($0.id.rawValue), "function_name": .string($0.functionName), "platform": .string($0.platform.rawValue), "needs_url": .bool($0.customInput?.needsURL ?? false)] }),
                    "refused": .array(refused.map { ["name": .string($0.name), "reason": .string($0.reason)] }),
                    "dropped": .array(dropped.map { ["tool": .string($0.tool), "field": .string($0.path), "reason": .string($0.reason)] }),
                ]).prettyText)
            } else {
                var lines = ["Imported \(imported.count) action\(imported.count == 1 ? "" : "s")."]
                let needingURL = imported.filter { $0.customInput?.needsURL == true }.count
                if needingURL > 0 {
                    lines.append("\(needingURL) need a URL before calls can use them: `switchboard actions edit ID --url …` (or import again with --url).")
                }
                output(lines.joined(separator: "\n"))
                for field in dropped { errorOutput("dropped: \(field)") }
                for tool in refused { errorOutput("refused: \(tool.name): \(tool.reason)") }
            }
            if !refused.isEmpty { throw ExitCode(1) }
        }
    }
}
