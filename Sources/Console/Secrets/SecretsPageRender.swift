import ActionModel
import Screen

/// Draws the Secrets page: the Secrets tab (values masked, one revealed for a
/// moment after `v`), the Environments tab, an environment's variables, the
/// secrets-file banner, and the form or question over them.
enum SecretsPageRenderer {
    static let mask = "••••••••"

    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let page = state.secrets
        let rect = layout.page
        let focused = state.focus == .page && state.overlay == nil && !page.holdsKeys
        Renderer.frame(rect, style: focused ? Style(.focusBorder) : .border, title: "Secrets", &buffer)
        let inner = rect.inset(by: 1)
        guard inner.width > 4 else { return }
        drawTabs(page, layout, inner, &buffer)
        Renderer.rule(x: rect.x, y: layout.detailsRule, width: rect.width, style: focused ? Style(.focusBorder) : .border, &buffer)
        if !page.loaded {
            Renderer.centered(["Loading secrets…"], in: layout.table, style: .muted, &buffer)
        } else if page.tab == .secrets {
            drawSecrets(state, layout, inner, focused: focused, &buffer)
        } else if let environment = page.openedEnvironment {
            drawVariables(environment, state, layout, inner, focused: focused, &buffer)
        } else {
            drawEnvironments(state, layout, inner, focused: focused, &buffer)
        }
        if let form = page.form { SecretsFormRenderer.draw(form, state, &buffer) }
        if let question = page.question { drawQuestion(question, state, &buffer) }
    }

    static func drawTabs(_ page: SecretsPageState, _ layout: Layout, _ inner: Rect, _ buffer: inout ScreenBuffer) {
        var x = inner.x + 1
        for tab in SecretsTab.allCases {
            let active = tab == page.tab
            let count = tab == .secrets ? page.overview.secrets.count : page.overview.environments.count
            x = buffer.put((active ? "▸ " : "  ") + tab.title + (page.loaded ? " (\(count))" : ""), x: x, y: layout.tabsRow,
                           style: active ? Style(.tabActive, bold: true) : Style(.tabInactive), maxX: inner.maxX)
            x += 3
        }
    }

    /// The table's top row and its row count, under an optional banner.
    static func drawBanner(_ text: String?, _ layout: Layout, _ inner: Rect, _ buffer: inout ScreenBuffer) -> Int {
        guard let text else { return layout.headerRow }
        let lines = Array(ActionEditorState.messageLines(text, width: inner.width - 2).prefix(5))
        for (i, line) in lines.enumerated() {
            buffer.put(line, x: inner.x + 1, y: layout.infoRow + i, style: Style(.error, bold: i == 0), maxX: inner.maxX - 1)
        }
        return layout.infoRow + lines.count + 1
    }

    static func drawHeader(_ titles: [String], _ widths: [Int], _ xs: [Int], y: Int, _ buffer: inout ScreenBuffer) {
        for (i, title) in titles.enumerated() {
            buffer.put(TextWidth.truncate(title, to: widths[i]), x: xs[i], y: y, style: Style(.header, bold: true))
        }
    }

    /// Draws rows of cells from `top` down to the details rule, scrolled to keep `selection` seen.
    static func drawRows(_ rows: [[(String, Style)]], selection: Int, focused: Bool, top: Int, _ widths: [Int], _ xs: [Int],
                         _ layout: Layout, _ inner: Rect, _ buffer: inout ScreenBuffer) {
        let height = max(1, layout.detailsRule - top)
        let scroll = max(0, selection - height + 1)
        for (row, cells) in rows.enumerated().dropFirst(scroll).prefix(height) {
            let y = top + row - scroll
            let selected = row == selection
            let rowStyle: Style = selected ? Style(.selection, bold: focused) : .text
            if selected {
                buffer.fill(x: inner.x, y: y, width: inner.width, height: 1, style: rowStyle)
                buffer.put(focused ? "›" : " ", x: inner.x, y: y, style: rowStyle)
            }
            for (i, cell) in cells.enumerated() where i < widths.count {
                buffer.put(TextWidth.truncate(Renderer.singleLine(cell.0), to: widths[i]), x: xs[i], y: y,
                           style: selected ? rowStyle : cell.1)
            }
        }
    }

    // MARK: Secrets tab

    static func drawSecrets(_ state: ConsoleState, _ layout: Layout, _ inner: Rect, focused: Bool, _ buffer: inout ScreenBuffer) {
        let page = state.secrets
        let overview = page.overview
        let problem = overview.fileProblem.map { "The secrets file can't be used: " + $0 }
        let headerY = drawBanner(problem, layout, inner, &buffer)
        if problem == nil, let undefined = undefinedLine(overview) {
            // Before the call finds out: these requests would not be sent.
            Renderer.putSegments([("Referenced but not defined: ", Style(.warning, bold: true)), (undefined, Style(.warning))],
                                 x: inner.x + 1, y: layout.infoRow, maxX: inner.maxX - 1, &buffer)
        } else if problem == nil {
            buffer.put("Values are never shown: v reveals one for a moment", x: inner.x + 1, y: layout.infoRow, style: .muted, maxX: inner.maxX - 1)
        }
        let tableTop = headerY + 1
        if overview.secrets.isEmpty {
            Renderer.centered(["No secrets yet", state.readOnly ? "The store is open read-only"
                                : "Press n to add one, then use {{secret.NAME}} in a URL or header"],
                              in: Rect(x: inner.x, y: tableTop, width: inner.width, height: max(1, layout.detailsRule - tableTop)),
                              style: Style(.accent), &buffer)
            return
        }
        let gap = inner.width >= 90 ? 2 : 1
        let columns = [
            ColumnRule(title: "Name", shortTitle: "Name", minimum: 7, wanted: 7, share: 11),
            ColumnRule(title: "Source", shortTitle: "Source", minimum: 10, wanted: 10),
            ColumnRule(title: "Value", shortTitle: "Value", minimum: 24, wanted: 24),
            ColumnRule(title: "Own values in", shortTitle: "Own in", minimum: 5, wanted: 5, share: 9),
            ColumnRule(title: "Used by", shortTitle: "Used by", minimum: 10, wanted: 10),  // "12 actions"
        ]
        let widths = TableColumns.widths(columns, total: inner.width - 2, gap: gap)
        let xs = ListChrome.columnXs(widths, x: inner.x + 1, gap: gap)
        drawHeader(columns.map(\.title), widths, xs, y: headerY, &buffer)
        let rows: [[(String, Style)]] = overview.secrets.map { secret in
            let value: (String, Style)
            if let revealed = page.revealed, revealed.name == secret.name {
                value = (revealed.value.value, Style(.warning, bold: true))
            } else if overview.names.secretNames.contains(secret.name) {
                value = (mask, .text)
            } else {
                value = ("not set here", Style(.warning))
            }
            let own = secret.fromEnvironmentVariable != nil ? "-" : (secret.environments.isEmpty ? "-" : secret.environments.joined(separator: ", "))
            return [(secret.name, .text), (secret.sourceLabel, .muted), value, (own, .muted),
                    ("\(secret.usedBy) action\(secret.usedBy == 1 ? "" : "s")", .muted)]
        }
        drawRows(rows, selection: page.secretSelection, focused: focused, top: tableTop, widths, xs, layout, inner, &buffer)
        drawSecretDetails(state, layout, &buffer)
    }

    /// "{{secret.CRM_KEY}} (Create CRM lead), {{env.BASE_URL}} (2 actions)";
    /// nil when every reference is defined in the active environment.
    static func undefinedLine(_ overview: SecretsOverview) -> String? {
        guard !overview.undefined.isEmpty else { return nil }
        return overview.undefined.map { item in
            let users = item.actionNames.count == 1 ? item.actionNames[0] : "\(item.actionNames.count) actions"
            return "\(item.reference) (\(users))"
        }.joined(separator: ", ")
    }

    static func drawSecretDetails(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        guard let secret = state.secrets.selectedSecret else { return }
        let rect = layout.details
        let x = rect.x + 1, maxX = rect.maxX - 1
        let overview = state.secrets.overview
        var lines: [[(String, Style)]] = [[("{{secret.\(secret.name)}}", Style(.accent, bold: true)),
                                          ("   in URLs, header values and the signature secret", .muted)]]
        if let revealed = state.secrets.revealed, revealed.name == secret.name {
            // Whole here, however long (the column may cut it).
            lines.append([("Value ", .muted), (revealed.value.value, Style(.warning, bold: true)), ("   any key hides it", .muted)])
        } else if let reason = overview.names.unavailableSecrets[secret.name] {
            lines.append([("No value here: ", Style(.warning, bold: true)), (reason, .muted)])
        } else if let variable = secret.fromEnvironmentVariable {
            lines.append([("Read from $\(variable) when a call runs, the same in every environment", .muted)])
        } else {
            var places = secret.hasDefault ? ["a default"] : []
            places += secret.environments.map { "\($0)'s own" }
            lines.append([("Values kept: ", .muted), (places.isEmpty ? "none" : places.joined(separator: ", "), .text)])
        }
        lines.append([("⏎ sets the value", .muted), (overview.activeEnvironment.map { " (default or \($0)'s own)" } ?? "", .muted),
                      (" · v reveals · d deletes", .muted)])
        for (i, line) in lines.prefix(rect.height).enumerated() {
            Renderer.putSegments(line, x: x, y: rect.y + i, maxX: maxX, &buffer)
        }
    }

    // MARK: Environments tab

    static func drawEnvironments(_ state: ConsoleState, _ layout: Layout, _ inner: Rect, focused: Bool, _ buffer: inout ScreenBuffer) {
        let page = state.secrets
        let overview = page.overview
        let active = overview.activeEnvironment.map { "Active: \($0)" } ?? "No environment is active"
        buffer.put(active + " · u uses the selected one · E from anywhere", x: inner.x + 1, y: layout.infoRow, style: .muted, maxX: inner.maxX - 1)
        let tableTop = layout.headerRow + 1
        if overview.environments.isEmpty {
            Renderer.centered(["No environments yet", state.readOnly ? "The store is open read-only"
                                : "Press n to create one (dev, staging, production)"],
                              in: layout.table, style: Style(.accent), &buffer)
            return
        }
        let gap = inner.width >= 90 ? 2 : 1
        let columns = [
            ColumnRule(title: "Active", shortTitle: "Active", minimum: 8, wanted: 8),
            ColumnRule(title: "Name", shortTitle: "Name", minimum: 5, wanted: 5, share: 2),
            ColumnRule(title: "Variables", shortTitle: "Vars", minimum: 9, wanted: 9),
            ColumnRule(title: "Own secret values", shortTitle: "Own values", minimum: 7, wanted: 7, share: 3),
        ]
        let widths = TableColumns.widths(columns, total: inner.width - 2, gap: gap)
        let xs = ListChrome.columnXs(widths, x: inner.x + 1, gap: gap)
        drawHeader(columns.map(\.title), widths, xs, y: layout.headerRow, &buffer)
        let rows: [[(String, Style)]] = overview.environments.map { environment in
            let isActive = environment.name == overview.activeEnvironment
            return [(isActive ? "● active" : "", Style(.accent, bold: true)), (environment.name, .text),
                    ("\(environment.variables.count)", .muted),
                    (environment.ownSecrets.isEmpty ? "-" : environment.ownSecrets.joined(separator: ", "), .muted)]
        }
        drawRows(rows, selection: page.environmentSelection, focused: focused, top: tableTop, widths, xs, layout, inner, &buffer)
        if let environment = page.selectedEnvironment {
            let rect = layout.details
            let names = environment.variables.map { "{{env.\($0.name)}}" }.joined(separator: " ")
            let lines: [[(String, Style)]] = [
                [("Variables ", .muted), (names.isEmpty ? "none yet" : names, .text)],
                [("⏎ opens its variables · u makes it active · d deletes it (its variables and own secret values)", .muted)],
            ]
            for (i, line) in lines.prefix(rect.height).enumerated() {
                Renderer.putSegments(line, x: rect.x + 1, y: rect.y + i, maxX: rect.maxX - 1, &buffer)
            }
        }
    }

    static func drawVariables(_ environment: EnvironmentSummary, _ state: ConsoleState, _ layout: Layout, _ inner: Rect,
                              focused: Bool, _ buffer: inout ScreenBuffer) {
        let isActive = environment.name == state.secrets.overview.activeEnvironment
        buffer.put("‹ Environment " + environment.name + (isActive ? " ● active" : " · u makes it active"),
                   x: inner.x + 1, y: layout.infoRow, style: Style(.accent, bold: true), maxX: inner.maxX - 1)
        if environment.variables.isEmpty {
            Renderer.centered(["No variables in \(environment.name)",
                               state.readOnly ? "The store is open read-only" : "Press n to add one, used as {{env.NAME}}"],
                              in: layout.table, style: Style(.accent), &buffer)
        } else {
            let columns = variableColumns(environment)
            let widths = TableColumns.widths(columns, total: inner.width - 2, gap: 2)
            let xs = ListChrome.columnXs(widths, x: inner.x + 1, gap: 2)
            drawHeader(columns.map(\.title), widths, xs, y: layout.headerRow, &buffer)
            let rows: [[(String, Style)]] = environment.variables.map { [($0.name, .text), ($0.value, .muted)] }
            drawRows(rows, selection: state.secrets.variableSelection, focused: focused, top: layout.headerRow + 1, widths, xs,
                     layout, inner, &buffer)
        }
        let rect = layout.details
        let own = environment.ownSecrets
        let lines: [[(String, Style)]] = [
            [("Variables are not secret; keys belong in secrets (", .muted), ("secrets set --env \(environment.name)", .text), (")", .muted)],
            [("Own secret values ", .muted), (own.isEmpty ? "none" : own.joined(separator: ", "), .text)],
        ]
        for (i, line) in lines.prefix(rect.height).enumerated() {
            Renderer.putSegments(line, x: rect.x + 1, y: rect.y + i, maxX: rect.maxX - 1, &buffer)
        }
    }

    /// The variables table's columns: a name wants its longest (capped, so one
    /// long name can't squeeze every value), the value takes the rest.
    static func variableColumns(_ environment: EnvironmentSummary) -> [ColumnRule] {
        let longestName = environment.variables.map(\.name.count).max() ?? 0
        let longestValue = environment.variables.map(\.value.count).max() ?? 0
        return [
            ColumnRule(title: "Variable", shortTitle: "Name", minimum: 8, wanted: min(28, max(8, longestName))),
            ColumnRule(title: "Value", shortTitle: "Value", minimum: 5, wanted: max(5, longestValue), share: 1),
        ]
    }

    // MARK: Question

    static func drawQuestion(_ question: SecretsQuestion, _ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        buffer.cursor = nil
        switch question {
        case let .deleteSecret(name):
            Renderer.drawConfirm(title: "Delete secret", lines: [
                ("Delete secret \(name) and every value it has? y/N", Style(.dialog, bold: true)),
                ("Actions using {{secret.\(name)}} will fail before sending.", .muted),
            ], choices: "y delete · n keep", state, &buffer)
        case let .deleteEnvironment(name):
            Renderer.drawConfirm(title: "Delete environment", lines: [
                ("Delete environment \(name)? y/N", Style(.dialog, bold: true)),
                ("Its variables and its own secret values go too.", .muted),
            ], choices: "y delete · n keep", state, &buffer)
        case let .deleteVariable(environment, name):
            Renderer.drawConfirm(title: "Delete variable", lines: [
                ("Remove {{env.\(name)}} from \(environment)? y/N", Style(.dialog, bold: true)),
            ], choices: "y delete · n keep", state, &buffer)
        }
    }

    // MARK: Keys

    /// The question's, the form's and a revealed value's hints; nil on the
    /// tabs (the keymap's).
    static func formHints(_ state: ConsoleState) -> [KeyHint]? {
        let page = state.secrets
        if page.question != nil { return DialogKey.hints(Dialogs.deleteAnswers, state) }
        if let form = page.form { return form.keyHints }
        if page.revealed != nil { return [KeyHint("any key", "hides the value")] }
        return nil
    }

    /// The form's keys for help; nil when no form is open.
    static func formHelp(_ state: ConsoleState) -> HelpSection? { state.secrets.form?.helpSection }
}
