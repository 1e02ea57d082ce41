import Screen

// The Actions page's hint bar and help (the form's own, while it is open).
extension ActionsPage {
    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        guard let editor = state.actions.editor else {
            Renderer.drawActionsPage(state, layout, &buffer)
            return
        }
        // The editor draws its own frames (form, schema list, JSON panel).
        editor.render(into: &buffer, in: layout.page)
        if let panel = state.actions.testPanel {
            panel.render(into: &buffer, in: layout.page, masker: state.secretMasker)
        }
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] {
        if let panel = state.actions.testPanel, state.actions.editor != nil { return panel.keyHints }
        if let editor = state.actions.editor {
            let own = Set(editor.keyHints.map(\.key))
            if editor.kind == .customInput, editor.screen == .form, !editor.hasOpenPrompt, editor.propertyForm == nil {
                let hints = editor.keyHints
                let test = KeyHint("^T", "test request")
                let help = editor.capturesTextInput ? KeyHint("F1", "help") : KeyHint("?", "help")
                let shell: [KeyHint] = [KeyHint("Ctrl-P", "commands"), help].filter { !own.contains($0.key) }
                return Array(hints.dropLast()) + [test] + Array(hints.suffix(1)) + shell
            }
            // While a field takes text, `?` is text: help is on F1.
            let help = editor.capturesTextInput ? KeyHint("F1", "help") : KeyHint("?", "help")
            return editor.keyHints + [KeyHint("Ctrl-P", "commands"), help].filter { !own.contains($0.key) }
        }
        return Keymap.hints(bindings(state), state)
    }

    static func helpSections(_ state: ConsoleState) -> [HelpSection] {
        if let editor = state.actions.editor {
            return editor.helpSections + [CallPane.testRequestHelp, HelpSection("Console", [
                KeyHint("Ctrl-P", "command palette"),
                KeyHint("?", "this help"),
                KeyHint("q Ctrl-C", "quit (asks first if there are unsaved changes)"),
            ])]
        }
        return Keymap.helpSections(bindings(state))
    }
}
