import Screen

/// What a key does in the call pane: the call itself, the inspector beside
/// it, and the console keys it leaves to the shell. The rows below say
/// which keys run which command where; `Shell.handleCallPane` runs them, and
/// the hint bar and help are read from the same rows.
enum CallPaneCommand: Equatable, Sendable {
    case say
    /// Esc while the agent waits: cancel its request (or reply).
    case cancelRequest
    /// Esc otherwise: clear the line, or ask before hanging up when it is empty.
    case clearOrHangUp
    /// Ctrl-E: hang up without asking (or close an ended call).
    case hangUp
    case scrollUp, scrollDown, scrollPageUp, scrollPageDown
    case toggleInspector
    case copyCurl, copyCurlWithSecrets
    /// Back to where the call was started from (the call has ended).
    case close
    case inspectorDown, inspectorUp, inspectorTop, inspectorBottom
    case help, palette, quit
}

typealias CallPaneKey = KeyRow<CallPane, CallPaneCommand>

extension CallPane {
    /// Where the pane is: the rows that apply follow from it.
    enum Layer: Equatable { case live, waiting, ended, inspector }

    var layer: Layer {
        if focus == .inspector { return .inspector }
        if hasEnded { return .ended }
        return isWaiting ? .waiting : .live
    }

    /// The caller's line takes printable keys before any row.
    var typesText: Bool { focus == .input && !hasEnded }

    /// The pane's keymap, in help order (`hintOrder` places a hint elsewhere in the bar).
    static let keys: [CallPaneKey] = {
        let call = "Call", inspector = "Inspector", console = "Console"
        let onCall: @Sendable (CallPane) -> Bool = { $0.layer != .inspector }
        let inCall: @Sendable (CallPane) -> Bool = { $0.layer == .live || $0.layer == .waiting }
        let inInspector: @Sendable (CallPane) -> Bool = { $0.layer == .inspector }
        return [
            CallPaneKey("type ⏎", [.enter], .say, hint: "say", hintKey: "⏎", help: "say a line as the caller", group: call,
                        applies: inCall, hinted: { $0.layer == .live }),
            CallPaneKey("Esc", [.escape], .cancelRequest, hint: "cancel request",
                        help: "while the agent waits: cancel the request (the agent says it failed)", group: call,
                        applies: { $0.layer == .waiting },
                        liveHint: { pane in
                            let what = pane.thinking != nil && !pane.muted && pane.inFlight == nil ? "cancel reply" : "cancel request"
                            return KeyHint("Esc", pane.cancelling ? "cancelling…" : what)
                        }),
            CallPaneKey("Esc", [.escape], .clearOrHangUp, hint: "hang up",
                        help: "otherwise: clear the line, or hang up (asks first) when it is empty", group: call,
                        applies: { $0.layer == .live }, liveHint: { KeyHint("Esc", $0.input.text.isEmpty ? "hang up" : "clear") }),
            CallPaneKey("Ctrl-E", [.ctrl("e")], .hangUp, hint: "hang up", hintKey: "^E", help: "hang up (without asking)", group: call,
                        hinted: { $0.layer == .waiting }),
            CallPaneKey("↑ ↓ PgUp PgDn", pairs: [(.up, .scrollUp), (.down, .scrollDown), (.pageUp, .scrollPageUp),
                                                 (.pageDown, .scrollPageDown)],
                        hint: "scroll", hintKey: "PgUp", help: "scroll the transcript", group: call, applies: onCall,
                        hinted: { $0.layer == .live }, hintOrder: 1),
            CallPaneKey("Tab", [.tab, .backTab], .toggleInspector, hint: "inspector",
                        help: "show the inspector (last request and response) and focus it", group: call, applies: onCall),
            CallPaneKey("Ctrl-Y", [.ctrl("y")], .copyCurl, hint: "copy as curl", hintKey: "^Y",
                        help: "copy the last request as curl, secrets as {{secret.…}} (clipboard and a file)", group: call,
                        applies: onCall, hinted: { $0.layer != .waiting }),
            CallPaneKey("Esc q", [.escape, .enter, .character("q")], .close, hint: "back",
                        help: "when the call has ended: back to where you were", group: call,
                        applies: { $0.layer == .ended }, hintOrder: -1),
            CallPaneKey("j k ↑ ↓ g G", pairs: [(.character("j"), .inspectorDown), (.down, .inspectorDown),
                                               (.character("k"), .inspectorUp), (.up, .inspectorUp),
                                               (.character("g"), .inspectorTop), (.home, .inspectorTop),
                                               (.character("G"), .inspectorBottom), (.end, .inspectorBottom)],
                        hint: "scroll", hintKey: "↑↓", help: "scroll", group: inspector, applies: inInspector),
            CallPaneKey("PgUp PgDn", pairs: [(.pageUp, .scrollPageUp), (.pageDown, .scrollPageDown)], help: nil, group: inspector,
                        applies: inInspector),
            CallPaneKey("c Ctrl-Y", [.character("c"), .ctrl("y")], .copyCurl, hint: "copy as curl", hintKey: "^Y",
                        help: "copy as curl, secrets as {{secret.…}}", group: inspector, applies: inInspector),
            CallPaneKey("C", [.character("C")], .copyCurlWithSecrets, help: "copy as curl with the secrets' values", group: inspector,
                        applies: inInspector),
            CallPaneKey("Tab Esc i", [.tab, .backTab, .escape, .character("i")], .toggleInspector, hint: "back", hintKey: "Tab Esc",
                        help: "back to the call", group: inspector, applies: inInspector),
            CallPaneKey("q", [.character("q")], .close, help: nil, group: inspector, applies: { $0.layer == .inspector && $0.hasEnded }),
            CallPaneKey("F1", [.function(1)], .help, hint: "help", help: "this help", group: console, hintOrder: 2),
            CallPaneKey("Ctrl-P", [.ctrl("p")], .palette, help: "command palette", group: console),
            CallPaneKey("Ctrl-C", [.ctrl("c")], .quit, help: "quit (asks first while a call is on, then hangs it up)", group: console),
        ]
    }()

    func command(for key: Key) -> CallPaneCommand? {
        CallPaneKey.command(for: key, in: Self.keys, self, capturesText: typesText)
    }

    var keyHints: [KeyHint] { CallPaneKey.hints(Self.keys, self) }

    static var helpSections: [HelpSection] { CallPaneKey.helpSections(keys) }
}
