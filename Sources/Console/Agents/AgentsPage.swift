import Screen

extension Section {
    static let agents = Section(title: "Agents", functionKey: 3)
}

/// The Agents page as a component: its state is `state.agents`, its keys and
/// store answers are in AgentsPageUpdate, its drawing in AgentsPageRender.
extension AgentsPage: ConsolePage {
    static var section: Section { .agents }

    static func count(_ state: ConsoleState) -> String {
        state.agents.loaded ? Renderer.compactCount(state.agents.agents.count) : ""
    }

    static func holdsKeys(_ state: ConsoleState) -> Bool { state.agents.holdsKeys }
    static func capturesText(_ state: ConsoleState) -> Bool { state.agents.holdsKeys || state.agents.filtering }
    static func hasForm(_ state: ConsoleState) -> Bool { state.agents.form != nil }
    static func isDirty(_ state: ConsoleState) -> Bool { state.agents.form?.isDirty == true }
    static func helpTitle(_ state: ConsoleState) -> String { state.agents.form?.title ?? section.title }

    /// Entering reads the agents again, so the page shows what the store holds now.
    static func opened(entering: Bool, _ state: inout ConsoleState) -> [ConsoleEffect] {
        entering ? [.loadAgents] : []
    }

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? { handleKeys(event, &state) }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case .newAgent: return newAgent(&state)
        case .editAgent: return editAgent(&state)
        case .deleteAgent: return deleteAgent(&state)
        case .callAgent: return callAgent(&state)
        case .filter:
            state.focus = .page
            state.agents.filtering = true
        case .clearFilter:
            state.agents.filtering = false
            state.agents.filter.setText("")
            state.agents.refilter()
        case .reload:
            state.status = StatusMessage("Reloading agents…", kind: .info)
            return [.loadAgents]
        default:
            return nil
        }
        return []
    }

    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        AgentsPageRenderer.render(state, layout, &buffer)
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] { AgentsPageRenderer.hints(state) }
    static func helpSections(_ state: ConsoleState) -> [HelpSection] { AgentsPageRenderer.helpSections(state) }
}
