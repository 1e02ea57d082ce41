import ActionModel
import Foundation
import Screen

/// A row of the agent form that can hold the focus.
enum AgentFormField: Hashable, Sendable, CaseIterable {
    case name, greeting, prompt
    /// `rules` or one of the store's models, picked with ← → or Space.
    case engine
    /// "Every action" or "only the ones ticked".
    case scope
    /// The checklist of the store's actions (only while the scope is "chosen").
    case actions

    var label: String {
        switch self {
        case .name: return "Name"
        case .greeting: return "Greeting"
        case .prompt: return "Prompt"
        case .engine: return "Engine"
        case .scope: return "Actions it may use"
        case .actions: return ""
        }
    }

    var placeholder: String {
        switch self {
        case .name: return "e.g. Front desk"
        case .greeting: return "what the agent says when it answers"
        case .prompt: return "how the agent behaves (Enter starts a new line)"
        default: return ""
        }
    }
}

/// One row of the actions checklist.
struct AgentActionChoice: Equatable, Sendable {
    var id: ActionID
    var name: String
    var functionName: String
    /// Named by the agent but no longer in the store.
    var missing = false
}

/// A model the engine picker offers: what it is, beside its name.
struct EngineChoice: Equatable, Sendable {
    var name: String
    var modelID: String
    var baseURL: String

    init(_ model: ModelRecord) {
        name = model.name
        modelID = model.modelID
        baseURL = model.baseURL
    }
}

/// A question the form waits on; every other key waits with it.
typealias AgentFormQuestion = RecordFormQuestion<Agent>

extension Agent: VersionedRecord {
    var displayName: String { name }
}

/// What the form asks of the page after a key.
typealias AgentFormOutcome = RecordFormOutcome<Agent>

/// The form that creates or edits one agent, as a plain value.
struct AgentFormState: Equatable, Sendable {
    /// The stored agent being edited; nil while creating.
    var original: Agent?
    var draftID: AgentID
    var createdAt: Date
    /// The version the form was read at (what an update must carry).
    var version: Int
    var name: TextField
    var greeting: TextField
    var prompt: TextField
    /// The model the agent talks through; nil: the rule-based engine.
    var engine: String?
    /// The store's models, in the Models page's order; nil until they are known.
    var engines: [EngineChoice]?
    var usesEveryAction: Bool
    /// The ticked actions, in the agent's order (new ticks go last).
    var chosen: [ActionID]
    var choices: [AgentActionChoice]
    var listCursor = 0
    var focus: AgentFormField = .name
    var errors: [AgentFormField: String] = [:]
    var question: AgentFormQuestion?
    /// What a list reload said about the stored record since the form read it.
    var elsewhere: ChangedElsewhere?
    /// A store failure or notice, shown until the next key.
    var message: String?
    /// The save under way, if any: edits made meanwhile survive it, and a
    /// second Ctrl-S waits for it.
    var saving = SaveInFlight<Content>()
    /// Other agents' names, lowercased (a name must be unique).
    var takenNames: Set<String>
    var baseline: Content

    struct Content: Equatable {
        var texts: [String]
        var engine: String?
        var usesEveryAction: Bool
        var chosen: [ActionID]
    }

    var content: Content {
        Content(texts: [name.text, greeting.text, prompt.text], engine: engine, usesEveryAction: usesEveryAction, chosen: chosen)
    }

    var title: String { original.map { "Edit agent: \($0.name)" } ?? "New agent" }

    /// `choices` are the store's actions in the order the checklist shows them.
    init(creating choices: [AgentActionChoice], takenNames: Set<String>, engines: [EngineChoice]? = nil) {
        original = nil
        draftID = AgentID.generate()
        createdAt = Date()
        version = 1
        name = TextField()
        greeting = TextField(Agent.defaultGreeting)
        prompt = TextField(Agent.defaultPrompt, allowsNewlines: true)
        engine = nil
        self.engines = engines
        usesEveryAction = true
        chosen = []
        self.choices = choices
        self.takenNames = takenNames
        baseline = Content(texts: [], engine: nil, usesEveryAction: true, chosen: [])
        baseline = content
    }

    init(editing agent: Agent, choices offered: [AgentActionChoice], takenNames: Set<String>, engines: [EngineChoice]? = nil) {
        original = agent
        draftID = agent.id
        createdAt = agent.createdAt
        version = agent.version
        name = TextField(agent.name)
        greeting = TextField(agent.greeting)
        prompt = TextField(agent.prompt, allowsNewlines: true)
        engine = agent.model
        self.engines = engines
        usesEveryAction = agent.usesEveryAction
        chosen = agent.actionIDs ?? []
        var choices = offered.filter { !$0.missing }
        // Actions the agent names that are gone from the store stay visible
        // (ticked, marked) so they can be unticked rather than vanish unseen.
        let known = Set(choices.map(\.id))
        for id in chosen where !known.contains(id) {
            choices.insert(AgentActionChoice(id: id, name: id.rawValue, functionName: "", missing: true), at: 0)
        }
        self.choices = choices
        self.takenNames = takenNames
        baseline = Content(texts: [], engine: nil, usesEveryAction: true, chosen: [])
        baseline = content
    }

    var fieldOrder: [AgentFormField] {
        usesEveryAction ? [.name, .greeting, .prompt, .engine, .scope] : [.name, .greeting, .prompt, .engine, .scope, .actions]
    }

    /// True while printable keys belong to the form (a text field has the focus).
    var capturesTextInput: Bool { question != nil || [.name, .greeting, .prompt].contains(focus) }

    /// The agent the form describes now, as it would be saved.
    var draftAgent: Agent {
        Agent(id: draftID, name: name.text.trimmingCharacters(in: .whitespacesAndNewlines),
              greeting: greeting.text.trimmingCharacters(in: .whitespacesAndNewlines),
              prompt: prompt.text.trimmingCharacters(in: .whitespacesAndNewlines),
              actionIDs: usesEveryAction ? nil : chosen, isDefault: original?.isDefault ?? false,
              createdAt: createdAt, updatedAt: original?.updatedAt, version: version, model: engine)
    }

    // MARK: The engine picker

    /// The engine's model as the store has it; nil for rules, an unknown list, or a missing model.
    var engineChoice: EngineChoice? {
        guard let engine else { return nil }
        return engines?.first { $0.name.lowercased() == engine.lowercased() }
    }

    /// The agent names a model the store (as last read) doesn't have.
    var engineIsMissing: Bool { engine != nil && engines != nil && engineChoice == nil }

    /// What ← → and Space go through: rules, each model, and a missing model
    /// the agent was saved with (so it can be picked back, not lost by a key).
    var engineOptions: [String?] {
        var options: [String?] = [nil] + (engines ?? []).map(\.name)
        if let saved = original?.model, !options.contains(where: { $0?.lowercased() == saved.lowercased() }) { options.append(saved) }
        if let engine, !options.contains(where: { $0?.lowercased() == engine.lowercased() }) { options.append(engine) }
        return options
    }

    /// The next (or previous) engine.
    mutating func cycleEngine(by step: Int) {
        let options = engineOptions
        let at = options.firstIndex { $0?.lowercased() == engine?.lowercased() } ?? 0
        engine = options[(at + step + options.count) % options.count]
        if errors[.engine] != nil { errors[.engine] = problem(for: .engine) }
    }

    // MARK: Validation

    func problem(for field: AgentFormField) -> String? {
        switch field {
        case .name:
            let trimmed = name.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return "give the agent a name, e.g. \"Front desk\"" }
            if takenNames.contains(trimmed.lowercased()) { return "an agent named '\(trimmed)' already exists; pick another name" }
            return nil
        case .greeting:
            if greeting.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return "enter what the agent says when it answers, e.g. \"Acme, how can I help?\""
            }
            return nil
        case .actions, .scope:
            guard !usesEveryAction, field == .actions || !fieldOrder.contains(.actions) else { return nil }
            if chosen.isEmpty { return "tick at least one action (Space), or choose every action" }
            let missing = choices.filter { $0.missing && chosen.contains($0.id) }
            if let first = missing.first {
                return "\(first.id) is no longer in the store; untick it (Space) to save"
            }
            return nil
        case .engine:
            guard engineIsMissing, let engine else { return nil }
            return "no model named '\(engine)' in the store: pick rules or a model (← →), or add it on the Models page (F8)"
        case .prompt:
            return nil
        }
    }

    // MARK: The record form's own parts (`RecordForm` does the rest)

    var draft: Agent { draftAgent }

    func reopened(on agent: Agent) -> AgentFormState {
        AgentFormState(editing: agent, choices: choices, takenNames: takenNames, engines: engines)
    }

    mutating func takeDraftID(_ id: AgentID?) { draftID = id ?? AgentID.generate() }

    mutating func changeText(of field: AgentFormField, _ change: (inout TextField) -> Void) -> Bool {
        switch field {
        case .name: change(&name)
        case .greeting: change(&greeting)
        case .prompt: change(&prompt)
        case .engine, .scope, .actions: return false
        }
        return true
    }

    func fieldError(in failure: String) -> (field: AgentFormField, error: String)? {
        if failure.contains("agent named") { return (.name, failure) }
        if failure.contains("model '") { return (.engine, failure) }
        return nil
    }

    /// The action list's cursor stays where it was (on a row that still exists).
    mutating func keepPlace(from before: AgentFormState) {
        listCursor = min(before.listCursor, max(0, choices.count - 1))
    }

    // MARK: Keys

    /// What a key does in the form.
    enum KeyCommand: Equatable, Sendable {
        case nextField, previousField, fieldUp, fieldDown, newLine, nextEngine, previousEngine, toggleScope,
             actionUp, actionDown, actionPageUp, actionPageDown, firstAction, lastAction, toggleAction, save, close
    }

    typealias Keys = KeyRow<AgentFormState, KeyCommand>

    /// The form's rows, in help order; the hint bar, help and `handle` read them.
    static let keys: [Keys] = {
        let group = "Agent form"
        let on: @Sendable (AgentFormField) -> @Sendable (AgentFormState) -> Bool = { field in { $0.focus == field } }
        return [
            Keys("↑ ↓ Tab S-Tab", pairs: [(.tab, .nextField), (.backTab, .previousField)], hint: "field", hintKey: "↑↓ Tab",
                 help: "move between fields (a field is checked as you leave it)", group: group),
            // Typing is the focused field's own (no key of a row): told in help all the same.
            Keys("type", pairs: [], help: "edit the field: ← → Home End, ^U clear to start, ^K to end, ^W word", group: group),
            Keys("⏎", [.enter], .newLine, hint: "new line", help: "in the prompt: a new line; elsewhere: the next field", group: group,
                 applies: on(.prompt)),
            Keys("← → Space", pairs: [(.right, .nextEngine), (.character(" "), .nextEngine), (.character("l"), .nextEngine),
                                      (.left, .previousEngine), (.character("h"), .previousEngine)],
                 hint: "engine", help: "on Engine: rules, or the next / previous model of the Models page (F8)", group: group,
                 applies: on(.engine)),
            Keys("Space ← →", [.character(" "), .left, .right], .toggleScope, hint: "change", hintKey: "Space",
                 help: "every action, or only the ones ticked", group: group, applies: on(.scope)),
            Keys("j k Space", pairs: [(.up, .actionUp), (.character("k"), .actionUp), (.down, .actionDown), (.character("j"), .actionDown),
                                      (.pageUp, .actionPageUp), (.pageDown, .actionPageDown), (.home, .firstAction),
                                      (.character("g"), .firstAction), (.end, .lastAction), (.character("G"), .lastAction)],
                 hint: "move", hintKey: "j k", help: "in the action list: move, tick or untick", group: group, applies: on(.actions)),
            Keys("Space x ⏎", [.character(" "), .character("x"), .enter], .toggleAction, hint: "tick", hintKey: "Space", help: nil,
                 group: group, applies: on(.actions)),
            // ↑ ↓ on any other field: the field above / below (⏎ goes on too, but in the prompt).
            Keys("↑ ↓ ⏎", pairs: [(.up, .fieldUp), (.down, .fieldDown), (.enter, .fieldDown)], help: nil, group: group,
                 applies: { $0.focus != .actions }),
            Keys("^S", [.ctrl("s")], .save, hint: "save", help: "save (jumps to the first field that needs fixing)", group: group),
            Keys("Esc", [.escape], .close, help: "close (asks before discarding changes)", group: group,
                 liveHint: { KeyHint("Esc", $0.isDirty ? "discard" : "close") }),
        ]
    }()

    /// Runs one of the form's commands (from a key's row).
    mutating func run(_ command: KeyCommand) -> AgentFormOutcome {
        let lastAction = max(0, choices.count - 1)
        switch command {
        case .save: return attemptSave()
        case .close: return close()
        case .nextField: moveFocusAround(by: 1)
        case .previousField: moveFocusAround(by: -1)
        case .fieldUp: moveFocusStopping(by: -1)
        case .fieldDown: moveFocusStopping(by: 1)
        case .newLine: edit(.prompt) { $0.insert("\n") }
        case .nextEngine: cycleEngine(by: 1)
        case .previousEngine: cycleEngine(by: -1)
        case .toggleScope:
            usesEveryAction.toggle()
            if usesEveryAction { errors[.actions] = nil }
        case .actionUp: if listCursor == 0 { moveFocus(to: .scope) } else { listCursor -= 1 }
        case .actionDown: listCursor = min(lastAction, listCursor + 1)
        case .actionPageUp: listCursor = max(0, listCursor - 10)
        case .actionPageDown: listCursor = min(lastAction, listCursor + 10)
        case .firstAction: listCursor = 0
        case .lastAction: listCursor = lastAction
        case .toggleAction: toggle(at: listCursor)
        }
        return .none
    }

    private mutating func toggle(at row: Int) {
        guard choices.indices.contains(row) else { return }
        let id = choices[row].id
        if let at = chosen.firstIndex(of: id) { chosen.remove(at: at) } else { chosen.append(id) }
        if errors[.actions] != nil { errors[.actions] = problem(for: .actions) }
    }

    /// Moves the focus, checking the field being left.
    mutating func moveFocus(to target: AgentFormField) {
        if focus != target, focus != .actions { errors[focus] = problem(for: focus) }
        focus = target
    }
}

extension AgentFormState: RecordForm {}
