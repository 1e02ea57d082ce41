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
        if state.actions.filtering {
            return [KeyHint("type", "to filter"), KeyHint("↑↓", "move"), KeyHint("⏎", "keep filter"), KeyHint("Esc", "clear")]
        }
        var hints: [KeyHint] = []
        if !state.readOnly { hints.append(KeyHint("n", "new")) }
        if let selected = state.actions.selectedAction, !state.readOnly {
            hints += [KeyHint("⏎", "edit"), KeyHint("d", "delete")]
            if selected.kind == .customInput { hints.append(KeyHint("c", "call")) }
        }
        hints += [KeyHint("/", "filter"), KeyHint("s", "sort"), KeyHint("[ ]", "tab")]
        if !state.actions.current.filter.text.isEmpty { hints.append(KeyHint("Esc", "clear filter")) }
        hints += [KeyHint(":", "commands"), KeyHint("q", "quit"), KeyHint("?", "help")]
        return hints
    }

    static func helpSections(_ state: ConsoleState) -> [HelpSection] {
        if let editor = state.actions.editor {
            return editor.helpSections + [CallPane.testRequestHelp, HelpSection("Console", [
                KeyHint("Ctrl-P", "command palette"),
                KeyHint("?", "this help"),
                KeyHint("q Ctrl-C", "quit (asks first if there are unsaved changes)"),
            ])]
        }
        return [
            HelpSection("Move", [
                KeyHint("j k ↓ ↑", "next / previous action"),
                KeyHint("PgDn PgUp", "a page down / up"),
                KeyHint("g Home", "first action"),
                KeyHint("G End", "last action"),
                KeyHint("Tab Shift-Tab h l", "focus the sidebar / the page"),
                KeyHint("[ ] 1 2", "Custom External Actions / Call Actions tab"),
            ]),
            HelpSection("Actions", [
                KeyHint("n", "create an action (choose its type)"),
                KeyHint("⏎ e", "edit the selected action"),
                KeyHint("d", "delete the selected action (asks first)"),
                KeyHint("c", "start a call testing the selected Custom External Action"),
                KeyHint("y", "copy the selected action's ID to the clipboard"),
                KeyHint("Ctrl-R", "reload actions from the store"),
            ]),
            HelpSection("Filter and sort", [
                KeyHint("/", "filter as you type (name, description, ID…)"),
                KeyHint("⏎", "keep the filter and go back to the list"),
                KeyHint("Esc", "clear the filter"),
                KeyHint("s", "sort by name → trigger → ID → updated"),
                KeyHint("S", "reverse the sort"),
            ]),
        ]
    }
}
