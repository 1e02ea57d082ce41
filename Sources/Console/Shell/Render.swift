import ActionModel
import Screen

/// Draws the shell: sidebar, the Actions page (or the editor in its place),
/// status line, key hints and whatever dialog is open.
enum Renderer {
    static func render(_ state: ConsoleState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        let layout = Layout(width: state.width, height: state.height)
        if layout.tooSmall {
            drawTooSmall(&buffer)
            return buffer
        }
        drawSidebar(state, layout, &buffer)
        if let pane = state.callPane {
            pane.render(into: &buffer, in: layout.page, masker: state.secretMasker)
        } else {
            Pages.current(state).render(state, layout, &buffer)
        }
        drawStatusLine(state, layout, &buffer)
        drawHints(Keymap.hints(for: state), y: layout.hintRow, &buffer)
        if let overlay = state.overlay {
            buffer.cursor = nil
            switch overlay {
            case let .createAction(dialog): drawCreateDialog(dialog, state, &buffer)
            case let .confirmDelete(id, name, _): drawDeleteConfirm(id: id, name: name, state, &buffer)
            case .confirmQuit: drawQuitConfirm(state, &buffer)
            case let .confirmHangUp(_, quitting): drawHangUpConfirm(quitting: quitting, state, &buffer)
            case let .help(scroll): drawHelp(scroll: scroll, state, &buffer)
            case let .palette(palette): drawPalette(palette, state, &buffer)
            case let .demoOffer(offer):
                drawConfirm(title: "Welcome to Switchboard", lines: DemoOffer.lines(offer), choices: "⏎ load · Esc skip", state, &buffer)
            case let .environmentPicker(picker): EnvironmentSwitch.draw(picker, state, &buffer)
            }
        }
        return buffer
    }

    /// A box-drawing frame written cell by cell (box-drawing characters are
    /// all one cell wide), with an optional title in the top edge.
    static func frame(_ rect: Rect, style: Style, title: String? = nil, titleStyle: Style = .title, _ buffer: inout ScreenBuffer) {
        let x0 = rect.x, y0 = rect.y, x1 = rect.maxX - 1, y1 = rect.maxY - 1
        guard rect.width >= 2, rect.height >= 2, x0 >= 0, y0 >= 0, x1 < buffer.width, y1 < buffer.height else {
            if !rect.isEmpty { buffer.box(x: rect.x, y: rect.y, width: rect.width, height: rect.height, style: style, title: title, titleStyle: titleStyle) }
            return
        }
        for x in (x0 + 1)..<x1 {
            buffer[x, y0] = Cell("─", style: style)
            buffer[x, y1] = Cell("─", style: style)
        }
        for y in y0...y1 {
            splitWide(x: x0, y: y, &buffer)
            splitWide(x: x1, y: y, &buffer)
        }
        for y in (y0 + 1)..<y1 {
            buffer[x0, y] = Cell("│", style: style)
            buffer[x1, y] = Cell("│", style: style)
        }
        buffer[x0, y0] = Cell("┌", style: style)
        buffer[x1, y0] = Cell("┐", style: style)
        buffer[x0, y1] = Cell("└", style: style)
        buffer[x1, y1] = Cell("┘", style: style)
        if let title, rect.width > 6 {
            buffer.put(" " + TextWidth.truncate(title, to: rect.width - 6) + " ", x: x0 + 2, y: y0, style: titleStyle)
        }
    }

    /// Before one cell is overwritten directly: blanks the other half of a wide
    /// character standing on it, so no half-character is left behind.
    static func splitWide(x: Int, y: Int, _ buffer: inout ScreenBuffer) {
        guard x >= 0, x < buffer.width, y >= 0, y < buffer.height else { return }
        if buffer[x, y].isContinuation, x > 0 {
            buffer[x - 1, y] = Cell(" ", style: buffer[x - 1, y].style)
        } else if x + 1 < buffer.width, buffer[x + 1, y].isContinuation {
            buffer[x + 1, y] = Cell(" ", style: buffer[x + 1, y].style)
        }
    }

    /// A horizontal rule across a frame, joined to its sides: ├────┤.
    static func rule(x: Int, y: Int, width: Int, style: Style, _ buffer: inout ScreenBuffer) {
        guard y >= 0, y < buffer.height, width >= 2 else { return }
        for column in max(0, x)..<min(buffer.width, x + width) {
            let character: Character = column == x ? "├" : column == x + width - 1 ? "┤" : "─"
            buffer[column, y] = Cell(character, style: style)
        }
    }

    // MARK: Too small

    static func drawTooSmall(_ buffer: inout ScreenBuffer) {
        let message = "Make the window at least \(Layout.minimumWidth)×\(Layout.minimumHeight) (now \(buffer.width)×\(buffer.height))"
        let lines = wrap(message, width: buffer.width)
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (buffer.width - TextWidth.of(line)) / 2)
            buffer.put(line, x: x, y: top + i, style: Style(.warning, bold: true))
        }
    }

    /// Word-wraps `text` into lines of at most `width` cells (long words are cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            var word = String(word)
            while TextWidth.of(word) > width {
                if !line.isEmpty { lines.append(line); line = "" }
                var head = ""
                while let c = word.first, TextWidth.of(head) + TextWidth.of(c) <= width { head.append(c); word.removeFirst() }
                if head.isEmpty { word.removeFirst(); continue }
                lines.append(head)
            }
            if word.isEmpty { continue }
            if line.isEmpty { line = word } else if TextWidth.of(line) + 1 + TextWidth.of(word) <= width { line += " " + word } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    // MARK: Sidebar

    static func drawSidebar(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let rect = layout.sidebar
        let focused = state.focus == .sidebar && !ActionsPage.hasForm(state) && state.overlay == nil
        frame(rect, style: focused ? Style(.focusBorder) : .border, title: rect.width >= 17 ? "Switchboard" : "Menu", &buffer)
        let inner = rect.inset(by: 1)
        guard inner.height > 0 else { return }
        // The open section is marked ▸; while the sidebar has the focus the
        // row ↑↓ chose is the highlighted one.
        let highlighted = focused ? (state.sidebarChoice ?? state.section) : state.section
        for (row, section) in Section.allCases.enumerated() where row < inner.height {
            let y = inner.y + row
            let open = section == state.section
            let style: Style = section == highlighted ? (focused ? Style(.sidebarActive, bold: true) : Style(.sidebarActive)) : .text
            if section == highlighted { buffer.fill(x: inner.x, y: y, width: inner.width, height: 1, style: style) }
            let count = section.count(in: state)
            let countX = inner.maxX - 1 - TextWidth.of(count)
            let title = (open ? "▸ " : "  ") + section.title
            // At least one blank cell between the label and its count (at 60
            // columns the label gives way: "▸ Webh… 12").
            let room = count.isEmpty ? inner.width - 1 : countX - inner.x - 2
            buffer.put(TextWidth.truncate(title, to: max(0, room)), x: inner.x + 1, y: y, style: style)
            if focused && section == highlighted { buffer.put("›", x: inner.x, y: y, style: style) }
            buffer.put(count, x: countX, y: y, style: section == highlighted ? style : .muted)
        }
        // Where the section keys are told, at the bottom.
        let keys = Section.keyRange + " pages"
        if inner.height > Section.allCases.count + 1, TextWidth.of(keys) <= inner.width - 1 {
            buffer.put(keys, x: inner.x + 1, y: inner.maxY - 1, style: .muted)
        }
    }

    static func compactCount(_ n: Int) -> String {
        if n < 10_000 { return String(n) }
        if n < 1_000_000 { return "\(n / 1000)k" }
        return "\(n / 1_000_000)M"
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func singleLine(_ text: String) -> String {
        text.contains(where: { $0.isNewline }) ? String(text.map { $0.isNewline ? " " : $0 }) : text
    }

    static func centered(_ lines: [String], in rect: Rect, style: Style, _ buffer: inout ScreenBuffer) {
        guard rect.width > 0, rect.height > 0 else { return }
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < rect.maxY {
            let text = TextWidth.truncate(line, to: rect.width - 2)
            let x = rect.x + max(0, (rect.width - TextWidth.of(text)) / 2)
            buffer.put(text, x: x, y: top + i, style: i == 0 ? style : .muted, maxX: rect.maxX)
        }
    }

    /// Writes labelled segments on one line, truncating with `…` at `maxX`.
    static func putSegments(_ segments: [(String, Style)], x: Int, y: Int, maxX: Int, _ buffer: inout ScreenBuffer) {
        var x = x
        for (text, style) in segments {
            let room = maxX - x
            if room <= 0 { break }
            x = buffer.put(TextWidth.truncate(singleLine(text), to: room), x: x, y: y, style: style, maxX: maxX)
        }
    }

    // MARK: Status line and key hints

    static func drawStatusLine(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let y = layout.statusRow
        let bar = Style(.statusBar)
        buffer.fill(x: 0, y: y, width: buffer.width, height: 1, style: bar)
        var message = ""
        var messageStyle = bar
        if let status = state.status {
            switch status.kind {
            case .success: message = "✓ "; messageStyle = Style(.success, bold: true)
            case .error: message = "✗ "; messageStyle = Style(.error, bold: true)
            case .info: break
            }
            message += singleLine(status.text)
            if status.isFading { messageStyle = .muted }
        }
        let count = state.actions.loaded ? "\(grouped(state.actions.index.count)) action\(state.actions.index.count == 1 ? "" : "s")" : "loading…"
        let environment = EnvironmentSwitch.statusText(state)
        let flags = (state.readOnly ? " · read-only" : "") + (environment.map { " · " + $0 } ?? "") + " · " + count
        // The path gives way first (cut from the left, keeping the file name),
        // then the message; the flags and count always show.
        let available = max(0, buffer.width - 2)
        let flagsWidth = TextWidth.of(flags)
        let pathWanted = TextWidth.of(state.storeDescription)
        let messageWanted = message.isEmpty ? 0 : TextWidth.of(message) + 3
        var pathWidth = min(pathWanted, max(0, available - flagsWidth - messageWanted))
        pathWidth = max(pathWidth, min(pathWanted, 10, max(0, available - flagsWidth)))
        let messageWidth = max(0, min(messageWanted, available - flagsWidth - pathWidth))
        var x = buffer.put(truncateLeft(state.storeDescription, to: pathWidth), x: 1, y: y, style: bar)
        if state.readOnly {
            x = buffer.put(" · ", x: x, y: y, style: bar)
            x = buffer.put("read-only", x: x, y: y, style: Style(.warning, bold: true))
        }
        if let environment {
            x = buffer.put(" · ", x: x, y: y, style: bar)
            x = buffer.put(environment, x: x, y: y, style: Style(.accent, bold: true), maxX: 1 + available)
        }
        buffer.put(" · " + count, x: x, y: y, style: bar, maxX: 1 + available)
        if messageWidth > 3 {
            let text = TextWidth.truncate(message, to: messageWidth - 3)
            buffer.put(text, x: buffer.width - 1 - TextWidth.of(text), y: y, style: messageStyle)
        }
    }

    /// `text` cut at the start, with a leading `…`, to fit `width` cells.
    static func truncateLeft(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if TextWidth.of(text) <= width { return text }
        var kept = ""
        var used = 1
        for character in text.reversed() {
            let w = TextWidth.of(character)
            if used + w > width { break }
            kept.insert(character, at: kept.startIndex)
            used += w
        }
        return "…" + kept
    }

    /// The bottom line: as many hints as fit, always keeping the last (help).
    static func drawHints(_ hints: [KeyHint], y: Int, _ buffer: inout ScreenBuffer) {
        guard !hints.isEmpty else { return }
        func width(_ hint: KeyHint) -> Int { TextWidth.of(hint.key) + 1 + TextWidth.of(hint.label) + 2 }
        var shown = hints
        let limit = buffer.width - 1
        // What gives way first when the line is short; then from the end
        // (the last hint, help, always stays).
        var dropOrder = ["Tab", ":", "[ ]", "S", "s"]
        while shown.count > 1, shown.reduce(0, { $0 + width($1) }) > limit {
            if let key = dropOrder.first {
                dropOrder.removeFirst()
                let last = shown.last
                shown.removeAll { $0.key == key && $0 != last }
            } else {
                shown.remove(at: shown.count - 2)
            }
        }
        var x = 1
        for hint in shown {
            x = buffer.put(hint.key, x: x, y: y, style: Style(.keyHint, bold: true))
            x = buffer.put(" " + hint.label, x: x, y: y, style: .muted)
            x += 2
        }
    }

    // MARK: Dialogs

    /// The area dialogs centre in: everything above the status line.
    static func dialogArea(_ state: ConsoleState) -> Rect { Rect(x: 0, y: 0, width: state.width, height: state.height - 2) }

    static func drawDialogFrame(_ rect: Rect, title: String, _ buffer: inout ScreenBuffer) {
        // The screen behind a dialog is dimmed, and a one-cell margin keeps
        // what is behind from touching the frame.
        for row in 0..<buffer.height { buffer.restyle(x: 0, y: row, width: buffer.width, style: .muted) }
        for row in rect.y..<rect.maxY {
            splitWide(x: rect.x - 1, y: row, &buffer)
            splitWide(x: rect.maxX, y: row, &buffer)
        }
        buffer.fill(x: rect.x - 1, y: rect.y, width: rect.width + 2, height: rect.height)
        buffer.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height, style: Style(.dialog))
        frame(rect, style: Style(.focusBorder), title: title, &buffer)
    }

    static func drawCreateDialog(_ dialog: CreateDialog, _ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        let kinds = ActionKind.allCases
        let area = dialogArea(state)
        let full = area.height >= 19
        let height = full ? 17 : 14
        let rect = area.centered(width: min(area.width - 4, 78), height: height)
        drawDialogFrame(rect, title: "Create a new action", &buffer)
        let x = rect.x + 3, maxX = rect.maxX - 2
        var y = rect.y + 2
        buffer.put("Choose the type of action.", x: x, y: y, style: Style(.dialog, bold: true), maxX: maxX)
        y += 2
        for (i, kind) in kinds.enumerated() {
            let selected = i == dialog.selected
            let rowStyle = selected ? Style(.selection, bold: dialog.focus == .list) : Style(.dialog)
            if selected { buffer.fill(x: rect.x + 1, y: y, width: rect.width - 2, height: 1, style: rowStyle) }
            let after = buffer.put((selected ? "● " : "○ ") + kind.title, x: x, y: y, style: rowStyle, maxX: maxX)
            let tag = kind == .customInput ? "Custom External Action" : "phone only"
            let tagX = max(after + 2, maxX - TextWidth.of(tag))
            buffer.put(tag, x: tagX, y: y, style: selected ? rowStyle : .muted, maxX: maxX)
            y += 1
            if full {
                buffer.put(TextWidth.truncate(kind.summary, to: maxX - x - 2), x: x + 2, y: y, style: .muted, maxX: maxX)
                y += 1
            }
        }
        if !full {
            y += 1
            buffer.put(TextWidth.truncate(kinds[dialog.selected].summary, to: maxX - x), x: x, y: y, style: .muted, maxX: maxX)
        }
        let continueLabel = "[ Continue ]", cancelLabel = "[ Cancel ]"
        let buttonsY = rect.maxY - 2
        let continueX = maxX - TextWidth.of(continueLabel)
        let cancelX = continueX - 2 - TextWidth.of(cancelLabel)
        buffer.put(cancelLabel, x: cancelX, y: buttonsY,
                   style: dialog.focus == .cancelButton ? Style(.selection, bold: true) : Style(.dialog))
        buffer.put(continueLabel, x: continueX, y: buttonsY,
                   style: dialog.focus == .continueButton ? Style(.selection, bold: true) : Style(.accent, bold: true))
    }

    static func drawConfirm(title: String, lines: [(String, Style)], choices: String, _ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        let area = dialogArea(state)
        let textWidth = lines.map { TextWidth.of($0.0) }.max() ?? 0
        let width = min(area.width - 4, max(46, textWidth + 6))
        let rect = area.centered(width: width, height: lines.count + 5)
        drawDialogFrame(rect, title: title, &buffer)
        for (i, line) in lines.enumerated() {
            buffer.put(TextWidth.truncate(line.0, to: rect.width - 6), x: rect.x + 3, y: rect.y + 2 + i, style: line.1)
        }
        buffer.put(choices, x: rect.maxX - 3 - TextWidth.of(choices), y: rect.maxY - 2, style: Style(.keyHint, bold: true))
    }

    static func drawDeleteConfirm(id: ActionID, name: String, _ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        let area = dialogArea(state)
        let fixed = "Delete '' (\(id.rawValue))? y/N"
        let nameRoom = max(4, min(area.width - 10, 90) - TextWidth.of(fixed))
        let question = "Delete '\(TextWidth.truncate(singleLine(name), to: nameRoom))' (\(id.rawValue))? y/N"
        drawConfirm(title: "Delete action", lines: [
            (question, Style(.dialog, bold: true)),
            ("It is removed from the store; agents can no longer call it.", .muted),
        ], choices: "y delete · n keep", state, &buffer)
    }

    static func drawQuitConfirm(_ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        drawConfirm(title: "Quit", lines: [
            ("Discard unsaved changes and quit? y/N", Style(.dialog, bold: true)),
            ("The form has changes that are not saved.", .muted),
        ], choices: "y quit · n keep editing", state, &buffer)
    }

    static func drawHangUpConfirm(quitting: Bool, _ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        drawConfirm(title: quitting ? "Quit" : "Hang up", lines: [
            (quitting ? "The call is still on. Hang up and quit? y/N" : "Hang up this call? y/N", Style(.dialog, bold: true)),
            ("The call log records that you hung up.", .muted),
        ], choices: quitting ? "y hang up and quit · n back to the call" : "y hang up · n back to the call", state, &buffer)
    }

    static func helpLines(_ state: ConsoleState) -> [(String, String?)] {
        let sections = Keymap.helpSections(for: state)
        var lines: [(String, String?)] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { lines.append(("", nil)) }
            lines.append((section.title, nil))
            for key in section.keys { lines.append((key.key, key.label)) }
        }
        return lines
    }

    /// The help box's width: the terminal's, less a margin (capped where
    /// lines get too long to read).
    static func helpWidth(_ state: ConsoleState) -> Int { min(dialogArea(state).width - 4, 110) }

    /// The key column's width in the help box.
    static func helpKeyWidth(_ lines: [(String, String?)]) -> Int {
        min(20, (lines.filter { $0.1 != nil }.map { TextWidth.of($0.0) }.max() ?? 0) + 2)
    }

    /// The help's rows as drawn: a description too long for the box wraps
    /// onto rows of its own (key "") instead of being cut.
    static func helpRows(_ state: ConsoleState) -> [(String, String?)] {
        let lines = helpLines(state)
        let room = max(8, helpWidth(state) - 7 - helpKeyWidth(lines))
        var rows: [(String, String?)] = []
        for line in lines {
            guard let label = line.1, TextWidth.of(label) > room else { rows.append(line); continue }
            for (i, part) in wrap(label, width: room).enumerated() { rows.append((i == 0 ? line.0 : "", part)) }
        }
        return rows
    }

    static func drawHelp(scroll: Int, _ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        let area = dialogArea(state)
        let keyWidth = helpKeyWidth(helpLines(state))
        let lines = helpRows(state)
        let rect = area.centered(width: helpWidth(state), height: min(area.height - 2, lines.count + 4))
        let title = "Help — " + (state.callPane.map { "Call · " + $0.title } ?? Pages.current(state).helpTitle(state))
        drawDialogFrame(rect, title: title, &buffer)
        let rows = max(0, rect.height - 4)
        let start = max(0, min(scroll, lines.count - rows))
        let x = rect.x + 3, maxX = rect.maxX - 2
        for (i, line) in lines.dropFirst(start).prefix(rows).enumerated() {
            let y = rect.y + 2 + i
            if let label = line.1 {
                buffer.put(TextWidth.truncate(line.0, to: keyWidth - 1), x: x + 2, y: y, style: Style(.keyHint, bold: true), maxX: maxX)
                buffer.put(TextWidth.truncate(label, to: maxX - x - 2 - keyWidth), x: x + 2 + keyWidth, y: y, style: Style(.dialog), maxX: maxX)
            } else {
                buffer.put(line.0, x: x, y: y, style: Style(.title, bold: true), maxX: maxX)
            }
        }
        if lines.count > rows {
            let indicator = " \(start + 1)–\(min(lines.count, start + rows)) of \(lines.count) · ↑↓ scroll "
            buffer.put(indicator, x: rect.maxX - 2 - TextWidth.of(indicator), y: rect.maxY - 1, style: .muted)
        }
    }

    static func drawPalette(_ palette: Palette, _ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        let area = dialogArea(state)
        let commands = Command.matching(palette.field.text, in: state)
        let width = min(area.width - 4, 64)
        let listRows = max(1, min(max(commands.count, 1), area.height - 7))
        let rect = Rect(x: (area.width - width) / 2, y: min(2, max(0, area.height - listRows - 5)), width: width, height: listRows + 5)
        drawDialogFrame(rect, title: "Commands", &buffer)
        let x = rect.x + 2, maxX = rect.maxX - 2
        let fieldX = buffer.put("› ", x: x, y: rect.y + 1, style: Style(.accent, bold: true))
        let cursorX = palette.field.draw(into: &buffer, x: fieldX, y: rect.y + 1, width: max(0, maxX - fieldX))
        if palette.field.text.isEmpty {
            buffer.putPlaceholder("type a command…", x: fieldX, y: rect.y + 1, maxX: maxX)
        }
        buffer.cursor = (cursorX, rect.y + 1)
        rule(x: rect.x, y: rect.y + 2, width: rect.width, style: Style(.focusBorder), &buffer)
        if commands.isEmpty {
            buffer.put("No matching command", x: x, y: rect.y + 3, style: .muted, maxX: maxX)
            return
        }
        let scroll = max(0, palette.selected - listRows + 1)
        for (i, command) in commands.dropFirst(scroll).prefix(listRows).enumerated() {
            let y = rect.y + 3 + i
            let selected = scroll + i == palette.selected
            let style = selected ? Style(.selection, bold: true) : Style(.dialog)
            if selected {
                buffer.fill(x: rect.x + 1, y: y, width: rect.width - 2, height: 1, style: style)
                buffer.put("›", x: rect.x + 1, y: y, style: style)
            }
            let key = Keymap.keyLabel(for: command, in: state)
            let keyX = maxX - TextWidth.of(key)
            buffer.put(TextWidth.truncate(command.title(in: state), to: max(0, keyX - x - 2)), x: x, y: y, style: style)
            buffer.put(key, x: keyX, y: y, style: selected ? style : Style(.keyHint))
        }
    }
}
