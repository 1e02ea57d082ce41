import Screen

extension Section {
    static let calls = Section(title: "Calls", functionKey: 4)
}

/// The Calls page as a component: its state is `state.calls`, its keys and
/// store answers are in CallsPageUpdate, its drawing in CallsPageRender.
extension CallsPage: ConsolePage {
    static var section: Section { .calls }

    static func count(_ state: ConsoleState) -> String {
        state.calls.loaded ? Renderer.compactCount(state.calls.entries.count) : ""
    }

    static func holdsKeys(_ state: ConsoleState) -> Bool { state.calls.holdsKeys }
    static func capturesText(_ state: ConsoleState) -> Bool { state.calls.holdsKeys || state.calls.filtering }
    static func hasForm(_ state: ConsoleState) -> Bool { false }
    static func isDirty(_ state: ConsoleState) -> Bool { false }

    /// Entering reads the calls again with the cursor on the newest (the
    /// call just made is what people come here for).
    static func opened(entering: Bool, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard entering else { return [] }
        state.calls.selectNewestOnLoad = true
        return [.loadCalls]
    }

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? { handleKeys(event, &state) }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case .openCall: return openSelected(&state)
        case .exportCall: return askExportPath(&state)
        case .filter:
            state.focus = .page
            state.calls.filtering = true
        case .clearFilter:
            state.calls.filtering = false
            state.calls.filter.setText("")
            refilter(&state)
        case .reload:
            state.status = StatusMessage("Reloading calls…", kind: .info)
            return [.loadCalls] + (state.calls.view.map { [.openCall($0.record.id)] } ?? [])
        default:
            return nil
        }
        return []
    }

    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        CallsPageRenderer.render(state, layout, &buffer)
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] { CallsPageRenderer.hints(state) }
    static func helpSections(_ state: ConsoleState) -> [HelpSection] { CallsPageRenderer.helpSections(state) }
}
