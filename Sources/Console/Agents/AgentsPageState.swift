import ActionModel

/// The Agents page: the store's agents (a handful, so kept whole), the
/// filter, the cursor, and the form or dialog open over the list.
struct AgentsPageState: PageState, Equatable, FilteredList {
    /// Every agent, the default one first (the store's order).
    var agents: [Agent] = []
    /// False until the first `.agents(.loaded)`.
    var loaded = false
    var filter = TextField()
    /// `/` was pressed: printable keys go to the filter.
    var filtering = false
    /// Positions in `agents` the filter keeps: the rows of the table.
    var visible: [Int] = []
    var selection = 0
    var scroll = 0
    /// The create/edit form, when open (it fills the page).
    var form: AgentFormState?
    /// A save the form asked for that the store has not answered yet.
    var pendingSave: AgentID?
    /// Asking before a delete.
    var confirmDelete: Agent?

    var selectedAgent: Agent? {
        guard visible.indices.contains(selection), agents.indices.contains(visible[selection]) else { return nil }
        return agents[visible[selection]]
    }

    /// The page holds every key (a form or a question is open).
    var holdsKeys: Bool { form != nil || confirmDelete != nil }

    /// Recomputes the rows after the agents or the filter changed, keeping the
    /// cursor on the same agent when it is still shown.
    mutating func refilter(keeping id: AgentID? = nil) {
        let keep = id ?? selectedAgent?.id
        let query = ActionIndex.foldQuery(filter.text)
        visible = FilterRanking.filtered(count: agents.count, query: query) { Self.searchKey(agents[$0]) }
        if let keep, let row = visible.firstIndex(where: { agents[$0].id == keep }) {
            selection = row
        }
        selection = max(0, min(selection, visible.count - 1))
    }

    /// Name, greeting and ID, folded like the actions' search keys.
    static func searchKey(_ agent: Agent) -> [UInt8] {
        ActionIndex.fold(agent.name + "\n" + agent.greeting + "\n" + agent.id.rawValue)
    }

}

extension ConsoleState {
    var agents: AgentsPageState {
        get { pages[AgentsPageState.self] }
        _modify { yield &pages[AgentsPageState.self] }
    }
}
