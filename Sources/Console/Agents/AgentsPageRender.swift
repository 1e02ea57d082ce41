import ActionModel
import Screen

/// Draws the Agents page: the table of agents with a details strip, or the
/// agent form in its place, and the delete question.
enum AgentsPageRenderer {
    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        if let form = state.agents.form {
            AgentFormRenderer.render(form, into: &buffer, in: layout.page)
            return
        }
        drawList(state, layout, &buffer)
        if let agent = state.agents.confirmDelete {
            ListChrome.drawDeleteQuestion(noun: "agent", name: agent.name, id: agent.id.rawValue,
                                          consequence: "Its past calls stay in the call log.", state, &buffer)
        }
    }

    /// What the Actions column says: every action, or how many and which.
    static func actionsText(_ agent: Agent, _ state: ConsoleState) -> String {
        guard let ids = agent.actionIDs else { return "all actions" }
        if ids.isEmpty { return "none" }
        let names = ids.map { state.actions.index.action($0)?.name ?? $0.rawValue }
        return "\(ids.count): " + names.joined(separator: ", ")
    }

    /// `rules`, the model's name, or "gpt-x (missing)" once the models are
    /// read and none has that name.
    static func engineText(_ agent: Agent, _ state: ConsoleState) -> String {
        guard let model = agent.model else { return agent.engineName }
        return state.models.loaded && state.models.model(named: model) == nil ? "\(model) (missing)" : model
    }

    /// Name, the actions it may use, the engine (`rules` or the model's name,
    /// always shown), the default marker and the ID (agt_ and
    /// 16: whole or not at all, the details strip has it), with their width
    /// rules: the name and the actions want their text and share the spare
    /// width; the ID shows only when they have it.
    static func columns(_ agents: [Agent], _ state: ConsoleState) -> [ColumnRule] {
        func widest(_ value: (Agent) -> String, cap: Int) -> Int {
            min(cap, agents.reduce(0) { max($0, TextWidth.of(Renderer.singleLine(value($1)))) })
        }
        return [
            ColumnRule(title: "Name", shortTitle: "Name", minimum: 10, wanted: max(10, widest(\.name, cap: 24)), share: 2),
            ColumnRule(title: "Actions it may use", shortTitle: "Actions", minimum: 10,
                       wanted: max(10, widest({ actionsText($0, state) }, cap: 40)), share: 3),
            ColumnRule(title: "Engine", shortTitle: "Engine", minimum: 6, wanted: max(6, widest({ engineText($0, state) }, cap: 24))),
            ColumnRule(title: "Default", shortTitle: "Default", minimum: 7, wanted: 7),
            ColumnRule(title: "ID", shortTitle: "ID", minimum: 20, wanted: 20, dropOrder: 1),
        ]
    }

    static func drawList(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let page = state.agents
        let focused = state.focus == .page && state.overlay == nil && page.confirmDelete == nil
        let drawn = ListChrome.drawRecordList(
            page.list, title: "Agents", noun: "agent",
            whenEmpty: ["No agents in this store", state.readOnly ? "The store is open read-only" : "Press n to create one"],
            focused: focused, state: state, layout: layout, &buffer, columns: { columns($0, state) }
        ) { agent in
            let engine = engineText(agent, state)
            let missing = agent.model != nil && engine.hasSuffix(" (missing)")
            return [TableCell(agent.name), TableCell(actionsText(agent, state), .muted), TableCell(engine, missing ? .error : nil),
                    TableCell(agent.isDefault ? "default" : "", Style(.accent)), TableCell(agent.id.rawValue, .muted)]
        }
        guard drawn?.shown.isEmpty == false else { return }
        drawDetails(page.selectedAgent, layout, &buffer)
    }

    static func drawDetails(_ agent: Agent?, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let rect = layout.details
        let x = rect.x + 1, maxX = rect.maxX - 1
        guard let agent else { return }
        let lines: [[(String, Style)]] = [
            [("ID ", .muted), (agent.id.rawValue, Style(.accent, bold: true)), ("   version ", .muted), ("\(agent.version)", .text)]
                + (agent.isDefault ? [("   the default agent: uses every action, can't be deleted", .muted)] : []),
            [("Greeting ", .muted), ("“\(agent.greeting)”", .text)],
            [("Prompt ", .muted), (agent.prompt, .muted)],
        ]
        for (i, line) in lines.prefix(rect.height).enumerated() {
            Renderer.putSegments(line, x: x, y: rect.y + i, maxX: maxX, &buffer)
        }
    }
}
