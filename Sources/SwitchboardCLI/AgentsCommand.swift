import ActionModel
import ActionStore
import ArgumentParser
import CallDriver
import Foundation
import Screen

struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "List, show, create, edit and delete the agents simulated calls use.",
        discussion: "Every store has a default agent that uses every action; it can be edited, not deleted.",
        subcommands: [List.self, Show.self, Create.self, Edit.self, Delete.self]
    )

    struct AgentFields: ParsableArguments {
        @Option(help: ArgumentHelp("The agent's name, unique in the store.", valueName: "text")) var name: String?
        @Option(help: ArgumentHelp("What the agent says when it answers.", valueName: "text")) var greeting: String?
        @Option(help: ArgumentHelp("The agent's prompt (instructions).", valueName: "text")) var prompt: String?
        @Option(help: ArgumentHelp("An action the agent may use, by ID, function name or name (repeatable; replaces the list in edit).", valueName: "action"))
        var action: [String] = []
        @Flag(help: "The agent may use every action, including ones created later.") var allActions = false
        @Option(help: ArgumentHelp("The engine: `rules` (the rule-based agent, offline) or a model's name (`switchboard models list`).", valueName: "name"))
        var model: String?

        func apply(to agent: inout Agent, store: ActionStore) throws {
            if let name { agent.name = name }
            if let greeting { agent.greeting = greeting }
            if let prompt { agent.prompt = prompt }
            if allActions && !action.isEmpty { throw CLIError.invalid("--all-actions and --action contradict each other; use one") }
            if allActions { agent.actionIDs = nil }
            if !action.isEmpty { agent.actionIDs = try action.map { try store.action(reference: $0).id } }
            if let model {
                // Stored under the record's own spelling; `rules` is no record.
                agent.model = model.lowercased() == ModelRecord.rulesEngineName ? nil : try store.model(named: model).name
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the agents.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let agents = try store.open().allAgents()
            if json { output(JSONValue.array(agents.map(AgentDocument.json)).prettyText); return }
            output(TextTable.render(
                headers: ["ID", "NAME", "ENGINE", "ACTIONS", "GREETING"],
                rows: agents.map { [$0.id.rawValue, $0.name + ($0.isDefault ? " (default)" : ""), $0.engineName,
                                    $0.actionIDs.map { "\($0.count)" } ?? "all", $0.greeting] },
                caps: [24, 32, 24, 8, 60]))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one agent by ID or name.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The agent's ID (agt_…) or name.", valueName: "id-or-name")) var reference: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            let agent = try opened.agent(reference: reference)
            if json { output(AgentDocument.json(agent).prettyText); return }
            let actions = try opened.actions(for: agent)
            var lines = ["ID        \(agent.id)", "Name      \(agent.name)\(agent.isDefault ? " (default)" : "")",
                         "Greeting  \(agent.greeting)", "Prompt    \(agent.prompt)",
                         "Engine    \(agent.model.map { "model \($0)" } ?? "rules (the rule-based agent)")",
                         "Actions   \(agent.usesEveryAction ? "every action (\(actions.count) now)" : "\(actions.count)")"]
            lines += actions.map { "  \($0.functionName)  \($0.name) (\($0.id))" }
            output(lines.joined(separator: "\n"))
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an agent.",
            discussion: "Example: switchboard agents create --name \"Front desk\" --greeting \"Acme, how can I help?\" --action create_crm_lead")
        @OptionGroup var store: StoreOptions
        @OptionGroup var fields: AgentFields
        @Flag(help: "Print the agent as JSON.") var json = false

        func run() throws {
            guard let name = fields.name else { throw CLIError.invalid("--name is required: give the agent a name, e.g. --name \"Front desk\"") }
            let opened = try store.open()
            var agent = Agent(name: name)
            try fields.apply(to: &agent, store: opened)
            let stored = try opened.insert(agent)
            output(json ? AgentDocument.json(stored).prettyText : "Created agent '\(stored.name)' (\(stored.id)).")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change an agent; only the options given change.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The agent's ID (agt_…) or name.", valueName: "id-or-name")) var reference: String
        @OptionGroup var fields: AgentFields
        @Flag(help: "Print the agent as JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            var agent = try opened.agent(reference: reference)
            if agent.isDefault && !fields.action.isEmpty {
                throw CLIError.invalid("--action: the default agent uses every action; create another agent for a subset")
            }
            try fields.apply(to: &agent, store: opened)
            let stored = try opened.update(agent)
            output(json ? AgentDocument.json(stored).prettyText : "Saved agent '\(stored.name)' (\(stored.id)), now version \(stored.version).")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an agent (not the default one).")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The agent's ID (agt_…) or name.", valueName: "id-or-name")) var reference: String

        func run() throws {
            let opened = try store.open()
            let agent = try opened.agent(reference: reference)
            try opened.delete(agent: agent)
            output("Deleted agent '\(agent.name)' (\(agent.id)).")
        }
    }
}

struct CallsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "The log of simulated calls: transcripts and action timelines.",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List calls, newest first.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let calls = try store.open().allCalls()
            if json {
                output(JSONValue.array(calls.map { summary in
                    var object = CallDocument.json(summary.call, events: nil).objectValue!
                    object["event_count"] = .integer(summary.eventCount)
                    object["action_ids"] = .array(summary.actionIDs.map { .string($0.rawValue) })
                    return .object(object)
                }).prettyText)
                return
            }
            if calls.isEmpty { output("No calls yet. Start one with `switchboard simulate --action … --say …` or in the console."); return }
            output(TextTable.render(
                headers: ["ID", "STARTED", "AGENT", "EVENTS", "ENDED"],
                rows: calls.map { [$0.call.id.rawValue, Timestamp.format($0.call.startedAt), $0.call.agentName, "\($0.eventCount)",
                                   $0.call.endReason ?? "live or interrupted"] },
                caps: [25, 24, 32, 8, 24]))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a call's transcript and action timeline.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The call's ID (call_…).", valueName: "id")) var reference: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            guard let id = CallID(reference) else { throw CLIError.invalid("'\(reference)' is not a call ID (call_ and 16 characters); `switchboard calls list` shows them") }
            let (call, events) = try store.open().call(id: id)
            if json {
                var document = CallDocument.json(call, events: events).objectValue!
                if let totals = ModelTurnTotals(events) { document["model_totals"] = totals.json }
                output(JSONValue.object(document).prettyText)
                return
            }
            var lines = ["Call \(call.id) with \(call.agentName), started \(Timestamp.format(call.startedAt))"
                         + (call.endReason.map { ", ended: \($0)" } ?? ", not ended")]
            for event in events {
                let clock = String(Timestamp.format(event.time).dropFirst(11).prefix(12))
                lines.append("\(clock)  \(TextWidth.fit(event.type, to: 18)) \(event.text)")
            }
            if let totals = ModelTurnTotals(events) { lines.append(totals.summary) }
            output(lines.joined(separator: "\n"))
        }
    }
}
