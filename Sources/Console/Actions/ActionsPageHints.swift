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
            // The form's rows, then the shell's it leaves alone (a key the form shows is its own).
            let own = editor.keyHints
            let shell = KeyBinding.hints(editorShellKeys, state).filter { hint in !own.contains { $0.key == hint.key } }
            return own + shell
        }
        return Keymap.hints(bindings(state), state)
    }

    static func helpSections(_ state: ConsoleState) -> [HelpSection] {
        if let editor = state.actions.editor {
            return HelpSection.merging(editor.helpSections + [CallPane.testRequestHelp] + Keymap.helpSections(editorShellKeys))
        }
        return Keymap.helpSections(bindings(state))
    }
}
