import ActionModel

/// The Actions page: the store's actions (summaries with their search and
/// sort index), both tabs' lists, the sort, the filter, and the action form
/// with what it asked the store for.
struct ActionsPageState: PageState {
    var index = ActionIndex()
    /// False until the first `.actions(.loaded)`: the list says "Loading…".
    var loaded = false
    /// `.actions(.load)` was asked for (on the first message, if nothing came yet).
    var loadRequested = false
    var tab: ActionsTab = .customExternal
    var tabs: [TabState] = [TabState(wantsPhoneOnly: false), TabState(wantsPhoneOnly: true)]
    var sort: SortColumn = .name
    var ascending = true
    /// `/` was pressed: printable keys go to the current tab's filter.
    var filtering = false
    /// The configuration form, when open (it fills the page area).
    var editor: ActionEditorState?
    /// The action the editor works on (nil for a new one until it is first saved).
    var editorActionID: ActionID?
    /// A save the editor asked for that the store has not answered yet.
    var pendingEditorSave: ActionID?
    /// The action Enter/e asked the store for (`.actions(.open)`), not answered yet.
    var pendingOpen: ActionID?
    /// The form's "Send test request" and its answer (drawn over the form).
    var testPanel: TestRequestPanel?
    var testRequestCount = 0

    init() {}

    var current: TabState {
        get { tabs[tab.rawValue] }
        set { tabs[tab.rawValue] = newValue }
    }

    /// The action under the cursor of the current tab.
    var selectedAction: ActionSummary? {
        let state = current
        guard state.visible.indices.contains(state.selection) else { return nil }
        return index.actions[state.visible[state.selection]]
    }
}

extension ConsoleState {
    var actions: ActionsPageState {
        get { pages[ActionsPageState.self] }
        _modify { yield &pages[ActionsPageState.self] }
    }
}

/// One tab's list: its actions in the current sort, the ones its filter keeps,
/// and where the cursor is.
struct TabState: Sendable {
    /// The Call Actions tab holds the phone-only kinds.
    let wantsPhoneOnly: Bool
    var filter = TextField()
    /// The folded query `visible` was computed with.
    var appliedQuery: [UInt8] = []
    /// The tab's actions (positions in the index) in the current sort.
    var order: [Int] = []
    /// `order` narrowed by the filter: the rows of the table.
    var visible: [Int] = []
    var selection = 0
    var scroll = 0
}
