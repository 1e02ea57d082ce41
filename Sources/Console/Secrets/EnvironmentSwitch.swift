import Screen

/// The active environment from anywhere: the status line shows it, `E` opens
/// a picker over any page (outside forms), and the palette has "Use
/// environment: NAME". A picker rather than a key that cycles: switching is a
/// deliberate choice (the next request may go to production), every
/// environment is seen with the active one marked, and it scales past three.
struct EnvironmentPicker: Sendable, Equatable {
    /// A row of `choices`.
    var selected = 0
}

enum EnvironmentSwitch {
    /// "env: staging", "env: none"; nil until the store has said which (the
    /// first moments after start), so it never claims one that may be wrong.
    static func statusText(_ state: ConsoleState) -> String? {
        guard state.secrets.loaded else { return nil }
        return "env: " + (state.secrets.overview.activeEnvironment ?? "none")
    }

    /// The picker's rows: every environment, then none.
    static func choices(_ state: ConsoleState) -> [String?] {
        state.secrets.overview.environments.map { Optional($0.name) } + [nil]
    }

    static func openPicker(_ state: inout ConsoleState) -> [ConsoleEffect] {
        let rows = choices(state)
        let active = state.secrets.overview.activeEnvironment
        state.overlay = .environmentPicker(EnvironmentPicker(selected: rows.firstIndex(of: active) ?? 0))
        // Read again, so the list is the store's now (another console may have added one).
        return [.secrets(.load)]
    }

    /// Asks the store to make `name` active (nil: none); the status line
    /// changes when the store answers.
    static func use(_ name: String?, _ state: inout ConsoleState) -> [ConsoleEffect] {
        if state.readOnly {
            state.status = StatusMessage(SecretsPage.readOnlyMessage("switch the environment"), kind: .error)
            return []
        }
        state.status = StatusMessage("Switching to \(name.map { "environment \($0)" } ?? "no environment")…", kind: .info)
        return [.secrets(.useEnvironment(name))]
    }

    /// A command of the picker (its keys are `Dialogs.keys` rows).
    static func runPicker(_ picker: EnvironmentPicker, _ command: DialogCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        var picker = picker
        let rows = choices(state)
        switch command {
        case .cancel:
            state.overlay = nil
            return []
        case .quit:
            state.overlay = nil
            return Shell.run(.quit, &state)
        case .next: picker.selected += 1
        case .previous: picker.selected -= 1
        case let .pick(number):
            guard number >= 1, number <= rows.count else { return [] }
            state.overlay = nil
            return use(rows[number - 1], &state)
        case .accept:
            state.overlay = nil
            guard rows.indices.contains(picker.selected) else { return [] }
            return use(rows[picker.selected], &state)
        default:
            break
        }
        picker.selected = max(0, min(picker.selected, rows.count - 1))
        state.overlay = .environmentPicker(picker)
        return []
    }

    static func draw(_ picker: EnvironmentPicker, _ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        let area = Renderer.dialogArea(state)
        let rows = choices(state)
        let active = state.secrets.overview.activeEnvironment
        let listRows = max(1, min(rows.count, area.height - 8))
        let rect = area.centered(width: min(area.width - 4, 52), height: listRows + 6)
        Renderer.drawDialogFrame(rect, title: "Use environment", &buffer)
        let x = rect.x + 3, maxX = rect.maxX - 3
        buffer.put("{{env.…}} and secrets come from the one chosen.", x: x, y: rect.y + 1, style: .muted, maxX: maxX)
        let scroll = max(0, picker.selected - listRows + 1)
        for (offset, name) in rows.enumerated().dropFirst(scroll).prefix(listRows) {
            let y = rect.y + 3 + offset - scroll
            let selected = offset == picker.selected
            let style = selected ? Style(.selection, bold: true) : Style(.dialog)
            if selected {
                buffer.fill(x: rect.x + 1, y: y, width: rect.width - 2, height: 1, style: style)
                buffer.put("›", x: rect.x + 1, y: y, style: style)
            }
            let number = offset < 9 ? "\(offset + 1) " : "  "
            let label = name ?? "none (no environment)"
            let after = buffer.put(number + label, x: x, y: y, style: style, maxX: maxX)
            if name == active {
                buffer.put("● active", x: max(after + 2, maxX - 8), y: y, style: selected ? style : Style(.accent, bold: true), maxX: maxX)
            }
        }
        let choicesText = "⏎ use · Esc cancel"
        buffer.put(choicesText, x: rect.maxX - 3 - TextWidth.of(choicesText), y: rect.maxY - 2, style: Style(.keyHint, bold: true))
    }
}
