import Screen

/// What a key does in the test request panel (Ctrl-T from the action form)
/// and in its sample values form (`e`, Alt-T).
enum TestPanelCommand: Equatable, Sendable {
    case scrollDown, scrollUp, pageDown, pageUp, top, bottom
    case editValues, copyCurl, copyCurlWithSecrets, sendAgain, close
    /// The sample values form: send them, back, move between fields.
    case sendValues, leaveValues, nextValue, previousValue
    case help, quit
}

typealias TestPanelKey = KeyRow<TestRequestPanel, TestPanelCommand>

extension TestRequestPanel {
    /// The panel's and its values form's rows, in hint-bar order.
    static let keys: [TestPanelKey] = {
        let group = "Test request"
        let onPanel: @Sendable (TestRequestPanel) -> Bool = { $0.values == nil }
        let onValues: @Sendable (TestRequestPanel) -> Bool = { $0.values != nil }
        return [
            // The sample values form (printable keys are the field's text).
            TestPanelKey("⏎ ^T", [.enter, .ctrl("t")], .sendValues, hint: "send these", hintKey: "⏎",
                         help: "in the sample values: send them", group: group, applies: onValues),
            TestPanelKey("↑ ↓ Tab", pairs: [(.down, .nextValue), (.tab, .nextValue), (.up, .previousValue), (.backTab, .previousValue)],
                         hint: "field", hintKey: "↑↓", help: "in the sample values: next / previous value", group: group,
                         applies: onValues),
            TestPanelKey("Esc", [.escape], .leaveValues, hint: "back",
                         help: "in the sample values: back to the answer (close, when nothing was sent yet)", group: group,
                         applies: onValues, liveHint: { KeyHint("Esc", $0.unsent ? "close" : "back") }),
            // The request and its answer.
            TestPanelKey("↑ ↓ PgUp PgDn", pairs: [(.down, .scrollDown), (.character("j"), .scrollDown), (.up, .scrollUp),
                                                 (.character("k"), .scrollUp), (.pageDown, .pageDown), (.character(" "), .pageDown),
                                                 (.pageUp, .pageUp)],
                         hint: "scroll", hintKey: "↑↓", help: "scroll the request and response", group: group, applies: onPanel),
            TestPanelKey("g G", pairs: [(.home, .top), (.character("g"), .top), (.end, .bottom), (.character("G"), .bottom)],
                         help: nil, group: group, applies: onPanel),
            TestPanelKey("e", [.character("e")], .editValues, hint: "edit values",
                         help: "edit the sample values, then ⏎ sends them (a string as typed, anything else as JSON)", group: group,
                         applies: onPanel),
            TestPanelKey("c Ctrl-Y", [.character("c"), .ctrl("y")], .copyCurl, hint: "copy as curl", hintKey: "^Y",
                         help: "copy the request as curl, secrets as {{secret.…}}", group: group, applies: onPanel),
            TestPanelKey("C", [.character("C")], .copyCurlWithSecrets, help: "copy it with the secrets' values", group: group,
                         applies: onPanel),
            // Help lists the form's ^T (send the form's action): the same, again.
            TestPanelKey("^T", [.ctrl("t")], .sendAgain, hint: "send again", help: nil, group: group, applies: onPanel),
            TestPanelKey("Esc", [.escape, .enter, .character("q")], .close, hint: "close", help: "close", group: group,
                         applies: onPanel),
            // The console's keys (help lists them under Console).
            TestPanelKey("F1", [.function(1)], .help, hint: "help", help: nil, group: group),
            TestPanelKey("Ctrl-C", [.ctrl("c")], .quit, help: nil, group: group),
        ]
    }()

    /// The values form's text field takes printable keys first.
    func command(for key: Key) -> TestPanelCommand? {
        TestPanelKey.command(for: key, in: Self.keys, self, capturesText: values != nil)
    }

    var keyHints: [KeyHint] { TestPanelKey.hints(Self.keys, self) }

    static var helpSection: HelpSection { TestPanelKey.helpSections(keys).first ?? HelpSection("Test request", []) }
}
