import Screen

/// What a key does in an open call (transcript and timeline) and in the
/// "Export call as JSON" question over the Calls page.
enum CallViewCommand: Equatable, Sendable {
    case scrollDown, scrollUp, pageDown, pageUp, top, bottom
    case nextDelivery, previousDelivery, resendDelivery, export, back
    /// The export question: write the file, or not.
    case writeExport, cancelExport, quit
}

typealias CallViewKey = KeyRow<ConsoleState, CallViewCommand>

extension CallsPage {
    /// The open call's and the export question's rows, in help order
    /// (`hintOrder` puts export and back after the delivery keys in the bar).
    static let viewKeys: [CallViewKey] = {
        let group = "An open call"
        let viewing: @Sendable (ConsoleState) -> Bool = { $0.calls.view != nil && $0.calls.export == nil }
        let exporting: @Sendable (ConsoleState) -> Bool = { $0.calls.export != nil }
        let hasDeliveries: @Sendable (ConsoleState) -> Bool = { $0.calls.view?.deliveries?.isEmpty == false }
        return [
            CallViewKey("j k PgUp PgDn", pairs: [(.down, .scrollDown), (.character("j"), .scrollDown), (.up, .scrollUp),
                                                 (.character("k"), .scrollUp), (.pageDown, .pageDown), (.character(" "), .pageDown),
                                                 (.ctrl("d"), .pageDown), (.ctrl("f"), .pageDown), (.pageUp, .pageUp),
                                                 (.ctrl("u"), .pageUp), (.ctrl("b"), .pageUp)],
                        hint: "scroll", hintKey: "↑↓ PgUp PgDn", help: "scroll", group: group, applies: viewing),
            CallViewKey("g G", pairs: [(.home, .top), (.character("g"), .top), (.end, .bottom), (.character("G"), .bottom)],
                        help: "top / bottom", group: group, applies: viewing),
            CallViewKey("x", [.character("x")], .export, hint: "export JSON", help: "export it as JSON", group: group, applies: viewing,
                        hintOrder: 1),
            CallViewKey("[ ]", pairs: [(.character("]"), .nextDelivery), (.character("["), .previousDelivery)], hint: "next delivery",
                        hintKey: "]", help: "previous / next webhook delivery about the call", group: group, applies: viewing,
                        hinted: hasDeliveries),
            CallViewKey("r", [.character("r")], .resendDelivery, hint: "re-send", help: "re-send the chosen delivery when it failed",
                        group: group, applies: viewing, hinted: { hasDeliveries($0) && !$0.readOnly }),
            CallViewKey("Esc", [.escape, .backspace], .back, hint: "back to calls", help: "back to the list", group: group,
                        applies: viewing, hintOrder: 1),
            // Export call as JSON (the path is typed: printable keys are text).
            .note("type", "the path", applies: exporting),
            CallViewKey("⏎", [.enter], .writeExport, hint: "export", help: nil, group: group, applies: exporting),
            CallViewKey("Esc", [.escape], .cancelExport, hint: "cancel", help: nil, group: group, applies: exporting),
            CallViewKey("Ctrl-C", [.ctrl("c")], .quit, help: nil, group: group, applies: exporting),
        ]
    }()

    static func viewCommand(for key: Key, _ state: ConsoleState) -> CallViewCommand? {
        CallViewKey.command(for: key, in: viewKeys, state, capturesText: state.calls.export != nil)
    }

    /// The export question's and the open call's hints (with the page's
    /// reload and every page's quit and help); nil on the list (the keymap's).
    static func viewHints(_ state: ConsoleState) -> [KeyHint]? {
        if state.calls.export != nil { return CallViewKey.hints(viewKeys, state) }
        guard state.calls.view != nil else { return nil }
        return CallViewKey.hints(viewKeys, state) + KeyBinding.hints(bindings(state), state) + Keymap.quitAndHelpHints(state)
    }

    /// The export question's answers as its dialog writes them ("⏎ export · Esc cancel"), while it is open.
    static func exportChoices(_ state: ConsoleState) -> String {
        CallViewKey.hints(viewKeys.filter { !$0.pairs.isEmpty }, state).map { "\($0.key) \($0.label)" }.joined(separator: " · ")
    }

    /// For help (listed whether or not a call is open).
    static var openCallHelp: HelpSection { CallViewKey.helpSections(viewKeys).first ?? HelpSection("An open call", []) }
}
