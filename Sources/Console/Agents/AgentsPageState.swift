import ActionModel

/// The Agents page: the store's agents (a handful, so kept whole) in the
/// record list with its filter and cursor, and the form or dialog open over
/// the list.
@dynamicMemberLookup
struct AgentsPageState: PageState, Equatable {
    /// Every agent, the default one first (the store's order).
    var list = RecordList<Agent>()
    /// The create/edit form, when open (it fills the page).
    var form: AgentFormState?
    /// A save or delete the page asked for that the store has not answered yet.
    var pending: PendingRequest<AgentID>?
    /// Asking before a delete.
    var confirmDelete: Agent?

    subscript<Value>(dynamicMember path: WritableKeyPath<RecordList<Agent>, Value>) -> Value {
        get { list[keyPath: path] }
        set { list[keyPath: path] = newValue }
    }

    subscript<Value>(dynamicMember path: KeyPath<RecordList<Agent>, Value>) -> Value { list[keyPath: path] }

    var selectedAgent: Agent? { list.selectedEntry }

    /// The page holds every key (a form or a question is open).
    var holdsKeys: Bool { form != nil || confirmDelete != nil }

    mutating func refilter(keeping id: AgentID? = nil) { list.refilter(keeping: id) }
}

extension Agent: RecordListEntry {
    var entryID: AgentID { id }
    /// Name, greeting and ID.
    var searchKey: [UInt8] { ActionIndex.fold(name + "\n" + greeting + "\n" + id.rawValue) }
}

extension ConsoleState {
    var agents: AgentsPageState {
        get { pages[AgentsPageState.self] }
        _modify { yield &pages[AgentsPageState.self] }
    }
}
