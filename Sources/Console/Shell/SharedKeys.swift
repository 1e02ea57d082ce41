import Screen

/// Keys that mean the same on every page's forms and questions.
extension Shell {
    /// What a full-page form (action, agent, webhook) leaves to the shell:
    /// Ctrl-C, F1 and Ctrl-P always; `q` and `?` only while no text field
    /// takes them (`typesText`), so "Request a quote?" can be typed.
    static func formShellKeys(typesText: @escaping @Sendable (ConsoleState) -> Bool) -> [KeyBinding] {
        let console = "Console"
        return [
            KeyBinding("Ctrl-P", [.ctrl("p")], .openPalette, hint: "commands", help: "command palette", group: console),
            KeyBinding("? F1", [.character("?"), .function(1)], .help, hint: "help", help: "this help", group: console,
                       liveHint: { typesText($0) ? KeyHint("F1", "help") : KeyHint("?", "help") }),
            KeyBinding("q Ctrl-C", [.character("q"), .ctrl("c")], .quit, help: "quit (asks first if there are unsaved changes)",
                       group: console),
        ]
    }

    /// A key a form leaves to the shell (`formShellKeys`), run; nil: the key is the form's.
    static func formShellKey(_ key: Key, capturesTextInput: Bool, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        let rows = formShellKeys { _ in capturesTextInput }
        guard let command = KeyBinding.command(for: key, in: rows, state, capturesText: capturesTextInput) else { return nil }
        return run(command, &state)
    }

    /// The answer to a "Delete …? y/N" question: `y` deletes; `n`, Esc, ⏎ or
    /// `q` keep it (`Dialogs.deleteAnswers`); Ctrl-C drops the question and
    /// quits. nil: not an answer.
    enum Confirmation { case yes, no, quit }

    static func confirmation(_ event: InputEvent) -> Confirmation? {
        guard case let .key(key) = event else { return nil }
        if key == .ctrl("c") { return .quit }
        return Dialogs.deleteAnswers.lazy.compactMap { $0.command(for: key) }.first.flatMap(confirmation)
    }

    /// A dialog's command as the answer to a delete question.
    static func confirmation(_ command: DialogCommand) -> Confirmation? {
        switch command {
        case .accept: return .yes
        case .cancel: return .no
        case .quit: return .quit
        default: return nil
        }
    }

    /// A save that did not go out (the form found problems, or the store is
    /// read-only): a "✓ Saved …" from an earlier save would claim the opposite,
    /// so it goes. The form says what is wrong.
    static func saveRefused(_ state: inout ConsoleState) {
        if state.status?.kind == .success { state.status = nil }
    }

    /// Ctrl-S that the form answered with nothing to send: it refused the save.
    static func isSaveKey(_ event: InputEvent) -> Bool { event == .key(.ctrl("s")) }
}
