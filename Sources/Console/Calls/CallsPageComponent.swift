import Screen

extension Section {
    static let calls = Section(title: "Calls", functionKey: 4)
}

/// The Calls page as a component: its state is `state.calls`, its keys and
/// store answers are in CallsPageUpdate, its drawing in CallsPageRender.
extension CallsPage: ListPage {
    static var list: WritableKeyPath<ConsoleState, CallsPageState> { \.calls }
    static func refilterList(_ state: inout ConsoleState) { refilter(&state) }

    static var section: Section { .calls }

    static func count(_ state: ConsoleState) -> String {
        state.calls.loaded ? Renderer.compactCount(state.calls.entries.count) : ""
    }

    static func holdsKeys(_ state: ConsoleState) -> Bool { state.calls.holdsKeys }
    static func hasForm(_ state: ConsoleState) -> Bool { false }
    static func isDirty(_ state: ConsoleState) -> Bool { false }

    /// Entering reads the calls again with the cursor on the newest (the
    /// call just made is what people come here for).
    static func opened(entering: Bool, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard entering else { return [] }
        state.calls.selectNewestOnLoad = true
        return [.calls(.load)]
    }

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? { handleKeys(event, &state) }

    /// The list's keys; an open call has its own (and reloads with the list's key).
    static func bindings(_ state: ConsoleState) -> [KeyBinding] {
        let group = "Calls"
        let reload = KeyBinding.reload("calls", group: group, hinted: true)
        if state.calls.view != nil { return [reload] }
        if state.calls.filtering { return KeyBinding.filterTyping }
        let selected: @Sendable (ConsoleState) -> Bool = { $0.calls.selectedEntry != nil }
        return KeyBinding.listMoves("call (newest first)", group: group) + [
            KeyBinding("⏎ e", [.enter, .character("e")], .openCall, hint: "open", hintKey: "⏎",
                       help: "open the call: transcript and action timeline", group: group, hinted: selected),
            KeyBinding("x", [.character("x")], .exportCall, hint: "export", help: "export it as JSON (asks where: call_….json here)",
                       group: group, hinted: selected),
            .filter("agent, action, end reason, ID, what was said", group: group),
            .clearFilter(group: group) { !$0.calls.filter.text.isEmpty },
            reload,
        ]
    }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case .openCall: return openSelected(&state)
        case .exportCall: return askExportPath(&state)
        case .reload:
            state.status = StatusMessage("Reloading calls…", kind: .info, awaiting: .callsReload)
            return [.calls(.load)] + (state.calls.view.map { [.calls(.open($0.record.id))] } ?? [])
        default:
            return runList(command, &state)
        }
    }

    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        CallsPageRenderer.render(state, layout, &buffer)
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] {
        viewHints(state) ?? Keymap.hints(bindings(state), state)
    }

    static func helpSections(_ state: ConsoleState) -> [HelpSection] {
        var listing = state
        listing.calls.view = nil
        return Keymap.helpSections(bindings(listing)) + [openCallHelp]
    }
}
