import ActionModel
import ActionStore
import ArgumentParser
import Foundation

struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List, show, create, edit, delete, export, import and lint actions.",
        subcommands: [List.self, Show.self, Create.self, Edit.self, Delete.self, Export.self, Import.self, Lint.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the actions in the store.",
            discussion: "--json prints a JSON array of action documents (docs/json.md), oldest first.")

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("Only actions of this kind: \(ActionKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
        var kind: String?
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() throws {
            var kindFilter: ActionKind?
            if let kind {
                guard let parsed = ActionKind(rawValue: kind) else { throw CLIError.invalid(ActionKindArgument.unknown(kind)) }
                kindFilter = parsed
            }
            let opened = try store.open()
            if json {
                // The documents carry every field, so they need the full actions.
                let (all, damaged) = try opened.readableActions()
                let actions = all.filter { kindFilter == nil || $0.kind == kindFilter }
                output(JSONValue.array(actions.map(ActionDocument.json)).prettyText)
                for row in damaged { errorOutput(row.warning) }
            } else {
                // The table needs only the list fields, which load without decoding schemas.
                let (summaries, damaged) = try opened.readableSummaries()
                output(ActionTable.render(summaries.filter { kindFilter == nil || $0.kind == kindFilter }))
                for row in damaged { errorOutput(row.warning) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one action by ID, function name or name.")

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The action's ID (act_…), function name or name as listed (any case).", valueName: "action"))
        var reference: String
        @Flag(help: "Print the action document as JSON.") var json = false
        @Option(help: ArgumentHelp("Check its {{env.…}} and {{secret.…}} references against this environment (default: the active one).", valueName: "name"))
        var env: String?

        func run() throws {
            let opened = try store.open()
            let action = try opened.action(reference: reference)
            if json { output(ActionDocument.json(action).prettyText); return }
            let templates = action.templateReferences.isEmpty && env == nil ? nil : try opened.templateContext(environment: env)
            output(ActionDetails.render(action, templates: templates))
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an action.",
            discussion: """
                Examples:
                  switchboard actions create --kind custom-input --name "Create CRM lead" \\
                    --url https://api.example.com/leads --speak-on-send "One moment." \\
                    --speak-on-receive "Done, your lead number is {{result.lead_id}}." \\
                    --property 'email:string(email):required:The caller'"'"'s email address' \\
                    --property 'plan:enum(basic|pro):optional:The plan they want'
                  switchboard actions create --kind transfer-calls --name "Transfer to sales" --phone-number +14155550100
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("custom-input (a Custom External Action), end-conversation, transfer-calls, dtmf or warm-transfer.", valueName: "kind"))
        var kind: String
        @OptionGroup var fields: ActionFieldOptions
        @Flag(help: "Print the created action as JSON.") var json = false

        func run() throws {
            guard let kind = ActionKind(rawValue: kind) else { throw CLIError.invalid(ActionKindArgument.unknown(kind)) }
            guard let name = fields.name else { throw CLIError.invalid("--name is required: give the action a name, e.g. --name \"Create CRM lead\"") }
            var action = Action(name: name, configuration: .empty(kind))
            try fields.apply(to: &action, readStandardInput: readAllStandardInput)
            try checkIssues(action)
            let opened = try store.open()
            if fields.functionName == nil {
                // A derived name another action already has (two names that read
                // the same in Latin letters) gets a suffix rather than a refusal.
                action.functionName = FunctionName.unique(action.functionName, taken: Set(try opened.allSummaries().map(\.functionName)))
            }
            let stored = try opened.insert(action)
            if json {
                output(ActionDocument.json(stored).prettyText)
            } else {
                var line = "Created \(stored.kind.title) action '\(stored.name)' (\(stored.id), function \(stored.functionName))."
                if stored.customInput?.needsURL == true { line += " It needs a URL before calls can use it: --url." }
                output(line)
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change an action; only the options given change.",
            discussion: """
                Examples:
                  switchboard actions edit create_crm_lead --property 'phone:string:optional:A callback number'
                  switchboard actions edit act_… --remove-property plan --timeout 20
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The action's ID (act_…), function name or name as listed (any case).", valueName: "action"))
        var reference: String
        @OptionGroup var fields: ActionFieldOptions
        @Flag(help: "Print the changed action as JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            var action = try opened.action(reference: reference)
            let before = action
            try fields.apply(to: &action, readStandardInput: readAllStandardInput)
            if action == before {
                // Nothing to write: a new version would tell other editors it changed.
                if json { output(ActionDocument.json(before).prettyText); return }
                output("No change: '\(before.name)' (\(before.id)) already is as asked (no options given, or the same values); nothing was written, still version \(before.version).")
                return
            }
            if fields.functionName == nil, action.functionName != before.functionName {
                // Renamed, and the function name followed: keep it clear of the others'.
                let others = try opened.allSummaries().filter { $0.id != action.id }.map(\.functionName)
                action.functionName = FunctionName.unique(action.functionName, taken: Set(others))
            }
            try checkIssues(action)
            let stored = try opened.update(action)
            output(json ? ActionDocument.json(stored).prettyText : "Saved '\(stored.name)' (\(stored.id)), now version \(stored.version).")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an action. Its ID is never reused.")

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The action's ID (act_…), function name or name as listed (any case).", valueName: "action"))
        var reference: String

        func run() throws {
            let opened = try store.open()
            guard let action = try Self.readable(opened, reference) else {
                // The row can't be read (`actions list` names it): it can still be deleted by its exact ID.
                let id = ActionID(reference)!
                try opened.delete(id: id)
                output("Deleted the damaged action \(id).")
                return
            }
            try opened.delete(id: action.id, expectedVersion: action.version)
            output("Deleted '\(action.name)' (\(action.id)).")
        }

        /// The action `reference` names; nil when it is an exact ID whose row is damaged.
        static func readable(_ store: ActionStore, _ reference: String) throws(StoreError) -> Action? {
            do {
                return try store.action(reference: reference)
            } catch {
                if case let .corrupt(path, _) = error, path.isEmpty, ActionID(reference) != nil { return nil }
                throw error
            }
        }
    }
}

enum ActionKindArgument {
    static func unknown(_ text: String) -> String {
        "--kind: '\(text)' is not a kind; use one of \(ActionKind.allCases.map(\.rawValue).joined(separator: ", "))"
    }
}

/// Refuses an action with field problems before it reaches the store, listing them all.
func checkIssues(_ action: Action) throws {
    let issues = action.issues
    if !issues.isEmpty { throw CLIError.invalid(issues.map(\.description).joined(separator: "\n")) }
}

func readAllStandardInput() -> String? {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return String(data: data, encoding: .utf8)
}
