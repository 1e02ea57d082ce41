import ActionModel
import Screen

extension Section {
    static let agents = Section(title: "Agents", functionKey: 3)
}

/// The Agents page as a component: its state is `state.agents`, its keys and
/// store answers are in AgentsPageUpdate, its drawing in AgentsPageRender.
extension AgentsPage: ListPage {
    static var list: WritableKeyPath<ConsoleState, RecordList<Agent>> { \.agents.list }

    static var section: Section { .agents }

    static func count(_ state: ConsoleState) -> String {
        state.agents.loaded ? Renderer.compactCount(state.agents.entries.count) : ""
    }


    /// Entering reads the agents again, so the page shows what the store holds now.
    /// The models too: the Engine column says which are missing, the form picks from them.
    static func opened(entering: Bool, _ state: inout ConsoleState) -> [ConsoleEffect] {
        entering ? [.agents(.load), .models(.load)] : []
    }

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? { handleRecordKeys(event, &state) }

    /// The list's keys (the form and the delete question have their own).
    static func bindings(_ state: ConsoleState) -> [KeyBinding] {
        let group = "Agents"
        let writable: @Sendable (ConsoleState) -> Bool = { !$0.readOnly }
        let selected: @Sendable (ConsoleState) -> Bool = { !$0.readOnly && $0.agents.selectedAgent != nil }
        if state.agents.filtering { return KeyBinding.filterTyping }
        return KeyBinding.listMoves("agent", group: group)
            + [
                KeyBinding("n", [.character("n")], .newAgent, hint: "new", help: "create an agent", group: group, hinted: writable),
                KeyBinding("⏎ e", [.enter, .character("e")], .editAgent, hint: "edit", hintKey: "⏎", help: "edit the selected agent",
                           group: group, hinted: selected),
                KeyBinding("d", [.character("d"), .delete], .deleteAgent, hint: "delete",
                           help: "delete the selected agent (asks first; not the default one)", group: group, hinted: selected),
                KeyBinding("c", [.character("c")], .callAgent, hint: "call", help: "start a simulated call with the selected agent",
                           group: group, hinted: selected),
                .filter("name, greeting or ID", group: group),
                .clearFilter(group: group) { !$0.agents.filter.text.isEmpty },
                .reload("agents", group: group, hinted: true),
            ]
    }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case .newAgent: return newAgent(&state)
        case .editAgent: return editAgent(&state)
        case .deleteAgent: return deleteAgent(&state)
        case .callAgent: return callAgent(&state)
        case .reload:
            state.status = StatusMessage("Reloading agents…", kind: .info)
            return [.agents(.load)]
        default:
            return runList(command, &state)
        }
    }

    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        AgentsPageRenderer.render(state, layout, &buffer)
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] {
        recordHints(state, formHints: AgentFormRenderer.hints) ?? Keymap.hints(bindings(state), state)
    }

    static func helpSections(_ state: ConsoleState) -> [HelpSection] {
        if state.agents.form != nil { return AgentFormRenderer.helpSections }
        return Keymap.helpSections(bindings(state))
    }
}

/// The agents' form, delete question and store answers: the record page flow.
extension AgentsPage: RecordPage {
    static var noun: String { "agent" }
    static var form: WritableKeyPath<ConsoleState, AgentFormState?> { \.agents.form }
    static var pending: WritableKeyPath<ConsoleState, PendingRequest<AgentID>?> { \.agents.pending }
    static var confirmDelete: WritableKeyPath<ConsoleState, Agent?> { \.agents.confirmDelete }
    static func saveEffect(_ record: Agent, isNew: Bool, from _: AgentFormState?) -> ConsoleEffect { isNew ? .agents(.insert(record)) : .agents(.update(record)) }
    static func deleteEffect(_ record: Agent) -> ConsoleEffect { .agents(.delete(record)) }
    static func record(_ entry: Agent) -> Agent { entry }
}
