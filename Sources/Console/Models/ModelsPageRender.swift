import ActionModel
import CallSimulation
import Screen

/// Draws the Models page: the table of models with a details strip (where
/// the last `t` check's answer shows), or the form in its place, and the
/// delete question.
enum ModelsPageRenderer {
    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let page = state.models
        if let form = page.form {
            ModelFormRenderer.render(form, into: &buffer, in: layout.page)
            return
        }
        drawList(state, layout, &buffer)
        if let model = page.confirmDelete {
            ListChrome.drawDeleteQuestion(noun: "model", name: model.name, consequence: "Its API key's secret stays in the secrets file.",
                                          state, &buffer)
        }
    }

    /// "2 agents", "1 agent", "—".
    static func usedByText(_ entry: ModelListEntry) -> String {
        switch entry.agentNames.count {
        case 0: return "—"
        case 1: return "1 agent"
        case let count: return "\(count) agents"
        }
    }

    /// Name, model ID, base URL, the key's reference and how many agents use
    /// it: the URL takes the spare width; when narrow the key's reference goes
    /// first, then "used by" (the details strip has both).
    static func columns(_ entries: [ModelListEntry]) -> [ColumnRule] {
        func widest(_ value: (ModelListEntry) -> String, cap: Int) -> Int {
            min(cap, entries.reduce(0) { max($0, TextWidth.of(Renderer.singleLine(value($1)))) })
        }
        return [
            ColumnRule(title: "Name", shortTitle: "Name", minimum: 8, wanted: max(8, widest(\.model.name, cap: 24)), share: 1),
            ColumnRule(title: "Model ID", shortTitle: "Model", minimum: 8, wanted: max(8, widest(\.model.modelID, cap: 20)), share: 1),
            ColumnRule(title: "Base URL", shortTitle: "URL", minimum: 12, wanted: max(12, widest(\.model.baseURL, cap: 36)), share: 4),
            ColumnRule(title: "API key", shortTitle: "Key", minimum: 10, wanted: max(10, widest({ $0.model.apiKey ?? "none" }, cap: 32)),
                       dropOrder: 1),
            ColumnRule(title: "Used by", shortTitle: "Used", minimum: 8, wanted: 8, dropOrder: 2),
        ]
    }

    static func drawList(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let page = state.models
        let focused = state.focus == .page && state.overlay == nil && page.confirmDelete == nil
        let drawn = ListChrome.drawRecordList(
            page.list, title: "Models", noun: "model",
            whenEmpty: ["No models in this store",
                        state.readOnly ? "The store is open read-only" : "Press n to add an OpenAI-compatible endpoint",
                        "Agents use the rule-based engine until you give them one"],
            focused: focused, state: state, layout: layout, &buffer, columns: columns
        ) { entry in
            let model = entry.model
            return [TableCell(model.name), TableCell(model.modelID), TableCell(model.baseURL, .muted),
                    TableCell(model.apiKey ?? "none", .muted), TableCell(usedByText(entry))]
        }
        guard let drawn, !drawn.shown.isEmpty else { return }
        let inner = layout.page.inset(by: 1)
        drawCheck(page, below: drawn.rows, in: drawn.table, x: inner.x + 1, maxX: inner.maxX - 1, &buffer)
        drawDetails(page, layout, &buffer)
    }

    /// The last check of the selected model in full under the rows (the
    /// exact error can be long: it wraps), when the table has the room.
    static func drawCheck(_ page: ModelsPageState, below rows: Int, in table: Rect, x: Int, maxX: Int, _ buffer: inout ScreenBuffer) {
        guard let model = page.selectedModel, let check = page.lastCheck, check.modelName.lowercased() == model.id,
              page.testing == nil else { return }
        let width = maxX - x
        var lines: [(String, Style)] = [("Test of '\(model.name)'", Style(.header, bold: true))]
        lines += Renderer.wrap(check.headline, width: width).map { ($0, check.succeeded ? Style.success : Style.error) }
        lines += check.details.flatMap { Renderer.wrap($0, width: width) }.map { ($0, Style.text) }
        let top = table.y + rows + 1
        guard top + lines.count <= table.maxY else { return }
        for (i, line) in lines.enumerated() {
            buffer.put(line.0, x: x, y: top + i, style: line.1, maxX: maxX)
        }
    }

    /// The selected model: where it posts, its settings and agents, and the
    /// last check's answer for it (or that one is under way).
    static func drawDetails(_ page: ModelsPageState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let rect = layout.details
        let x = rect.x + 1, maxX = rect.maxX - 1
        guard let entry = page.selectedEntry else { return }
        let model = entry.model
        var settings = ["key " + (model.apiKey ?? "none")]
        settings += model.headers.map { "\($0.name): \($0.value)" }
        settings.append("temperature " + (model.temperature.map { String($0) } ?? "default"))
        settings.append("max tokens " + (model.maxTokens.map(String.init) ?? "default"))
        settings.append("timeout \(model.timeoutSeconds) s")
        let agents = entry.agentNames.isEmpty ? "no agent uses it" : "used by " + entry.agentNames.joined(separator: ", ")
        var lines: [[(String, Style)]] = [
            [("POST ", .muted), (model.completionsURL, Style(.accent, bold: true)), ("   version ", .muted), ("\(model.version)", .text)],
            [(settings.joined(separator: " · "), .muted), ("   " + agents, .text)],
        ]
        if page.testing?.id == model.id {
            lines.append([("Testing… one short completion", .muted)])
        } else if let check = page.lastCheck, check.modelName.lowercased() == model.id {
            var line: [(String, Style)] = [(check.headline, check.succeeded ? Style(.success) : .error)]
            if case let .answered(echo, _) = check.outcome { line.append(("   model: " + (echo ?? "(not echoed)"), .text)) }
            lines.append(line)
        } else {
            lines.append([("t tests it: one short completion (latency, the model id echoed, or the exact error)", .muted)])
        }
        for (i, line) in lines.prefix(rect.height).enumerated() {
            Renderer.putSegments(line, x: x, y: rect.y + i, maxX: maxX, &buffer)
        }
    }
}
