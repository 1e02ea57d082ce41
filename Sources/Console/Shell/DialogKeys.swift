import Screen

/// What a key does in a dialog over the page (the overlays): choose, accept,
/// cancel, scroll. The rows below say which keys run which command in which
/// dialog; the dialog's handler runs the command, and the hint bar is read
/// from the same rows.
enum DialogCommand: Equatable, Sendable {
    /// ⏎ / `y`: continue, delete, quit, hang up, load, use (what the dialog is for).
    case accept
    /// Esc / `n`: close the dialog, nothing done.
    case cancel
    /// Ctrl-C: quit the console from any dialog (ending a live call first).
    case quit
    case next, previous, first, last
    /// A digit: the numbered choice (1 is the first).
    case pick(Int)
    case nextButton, previousButton
    case scrollDown, scrollUp, pageDown, pageUp, scrollToTop, scrollToEnd
}

typealias DialogKey = KeyRow<ConsoleState, DialogCommand>

extension Overlay {
    /// Which dialog, without what it holds.
    enum Kind: Equatable, Sendable {
        case createAction, confirmDelete, confirmQuit, confirmHangUp, help, palette, demoOffer, environmentPicker
    }

    var kind: Kind {
        switch self {
        case .createAction: return .createAction
        case .confirmDelete: return .confirmDelete
        case .confirmQuit: return .confirmQuit
        case .confirmHangUp: return .confirmHangUp
        case .help: return .help
        case .palette: return .palette
        case .demoOffer: return .demoOffer
        case .environmentPicker: return .environmentPicker
        }
    }
}

enum Dialogs {
    static func on(_ kind: Overlay.Kind) -> @Sendable (ConsoleState) -> Bool { { $0.overlay?.kind == kind } }

    /// The answers to a "Delete …? y/N" question (the action list's dialog,
    /// a record page's question): `y` deletes; `n`, Esc, ⏎ or `q` keep it.
    static let deleteAnswers: [DialogKey] = [
        DialogKey("y", [.character("y"), .character("Y")], .accept, hint: "delete", help: "delete", group: group),
        DialogKey("n Esc", [.character("n"), .character("N"), .escape, .enter, .character("q")], .cancel, hint: "keep it",
                  help: "keep it", group: group),
    ]

    static let group = "Dialogs"

    /// Every dialog's keys, in hint-bar order (a row's hint shows while its dialog is open).
    static let keys: [DialogKey] = {
        let create = on(.createAction), quitting = on(.confirmQuit), hangUp = on(.confirmHangUp), help = on(.help)
        let palette = on(.palette), demo = on(.demoOffer), picker = on(.environmentPicker)
        func digits(_ range: ClosedRange<Int>) -> [(key: Key, command: DialogCommand)] {
            range.map { (Key.character(Character(String($0))), DialogCommand.pick($0)) }
        }
        return [
            // New action: choose its type.
            DialogKey("↑ ↓ j k", pairs: [(.down, .next), (.character("j"), .next), (.up, .previous), (.character("k"), .previous)],
                      hint: "choose", hintKey: "↑↓", help: "new action: choose the type", group: group, applies: create),
            DialogKey("g G Home End", pairs: [(.character("g"), .first), (.home, .first), (.character("G"), .last), (.end, .last)],
                      help: "new action: first / last type", group: group, applies: create),
            DialogKey("1-5", pairs: digits(1...5), help: "new action: the type by its number", group: group, applies: create),
            DialogKey("⏎ Space", [.enter, .character(" ")], .accept, hint: "continue", hintKey: "⏎",
                      help: "new action: continue (or the focused button)", group: group, applies: create),
            DialogKey("Tab → Shift-Tab ←", pairs: [(.tab, .nextButton), (.right, .nextButton), (.backTab, .previousButton),
                                                   (.left, .previousButton)],
                      hint: "buttons", hintKey: "Tab", help: "new action: the list and the buttons", group: group, applies: create),
            DialogKey("Esc q", [.escape, .character("q")], .cancel, hint: "cancel", hintKey: "Esc", help: "new action: cancel",
                      group: group, applies: create),
            // Delete an action?
        ] + deleteAnswers.map { $0.only(when: on(.confirmDelete)) } + [
            // Quit with unsaved changes?
            DialogKey("y Ctrl-C", [.character("y"), .character("Y"), .ctrl("c")], .accept, hint: "discard and quit", hintKey: "y",
                      help: "quit with unsaved changes: discard them and quit", group: group, applies: quitting),
            DialogKey("n Esc", [.character("n"), .character("N"), .escape, .enter, .character("q")], .cancel, hint: "keep editing",
                      help: "quit with unsaved changes: keep editing", group: group, applies: quitting),
            // Hang up?
            DialogKey("y ⏎", [.character("y"), .character("Y"), .enter], .accept, hint: "hang up", hintKey: "y",
                      help: "hang up? hang up (and quit, after Ctrl-C)", group: group, applies: hangUp,
                      liveHint: { state in
                          if case .confirmHangUp(_, true)? = state.overlay { return KeyHint("y", "hang up and quit") }
                          return KeyHint("y", "hang up")
                      }),
            DialogKey("n Esc", [.character("n"), .character("N"), .escape, .character("q")], .cancel, hint: "back to the call",
                      help: "hang up? back to the call", group: group, applies: hangUp),
            // Help.
            DialogKey("↑↓ PgUp PgDn", pairs: [(.down, .scrollDown), (.character("j"), .scrollDown), (.up, .scrollUp),
                                              (.character("k"), .scrollUp), (.pageDown, .pageDown), (.character(" "), .pageDown),
                                              (.pageUp, .pageUp)],
                      hint: "scroll", help: "help: scroll", group: group, applies: help),
            DialogKey("g G Home End", pairs: [(.character("g"), .scrollToTop), (.home, .scrollToTop), (.character("G"), .scrollToEnd),
                                              (.end, .scrollToEnd)],
                      help: "help: top / end", group: group, applies: help),
            DialogKey("Esc ? q", [.escape, .character("q"), .character("?"), .enter, .function(1)], .cancel, hint: "close",
                      help: "help: close", group: group, applies: help),
            // The command palette (printable keys are its search text).
            .note("type", "to search", applies: palette),
            DialogKey("↑↓", pairs: [(.down, .next), (.ctrl("n"), .next), (.tab, .next), (.up, .previous), (.backTab, .previous),
                                    (.ctrl("p"), .previous)],
                      hint: "choose", help: "palette: choose a command", group: group, applies: palette),
            DialogKey("⏎", [.enter], .accept, hint: "run", help: "palette: run it", group: group, applies: palette),
            DialogKey("Esc", [.escape], .cancel, hint: "close", help: "palette: close", group: group, applies: palette),
            // First start: the demo workspace?
            DialogKey("⏎ y", [.enter, .character("y"), .character("Y")], .accept, hint: "load the demo", hintKey: "⏎",
                      help: "demo offer: load the demo workspace", group: group, applies: demo),
            DialogKey("Esc n q", [.escape, .character("n"), .character("N"), .character("q")], .cancel, hint: "skip", hintKey: "Esc",
                      help: "demo offer: skip it", group: group, applies: demo),
            // `E`: the environment picker.
            DialogKey("↑ ↓ j k Tab", pairs: [(.down, .next), (.character("j"), .next), (.tab, .next), (.up, .previous),
                                             (.character("k"), .previous), (.backTab, .previous)],
                      hint: "choose", hintKey: "↑↓", help: "environment: choose", group: group, applies: picker),
            DialogKey("⏎ 1-9", pairs: [(.enter, .accept), (.character(" "), .accept)] + digits(1...9), hint: "use it",
                      help: "environment: use the chosen one, or the one of that number", group: group, applies: picker),
            DialogKey("Esc q E", [.escape, .character("q"), .character("E")], .cancel, hint: "cancel", hintKey: "Esc",
                      help: "environment: cancel", group: group, applies: picker),
            // Every dialog (the quit question has it as its answer).
            DialogKey("Ctrl-C", [.ctrl("c")], .quit, help: "quit (from any dialog)", group: group,
                      applies: { $0.overlay != nil && $0.overlay?.kind != .confirmQuit }),
        ]
    }()

    /// The command a key runs in the dialog showing; the palette's search
    /// field takes printable keys first.
    static func command(for event: InputEvent, _ state: ConsoleState) -> DialogCommand? {
        guard case let .key(key) = event else { return nil }
        return DialogKey.command(for: key, in: keys, state, capturesText: state.overlay?.kind == .palette)
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] { DialogKey.hints(keys, state) }
}
