import ActionModel
import Screen

// The Actions page's keys and its list: moving, the tabs, the filter (kept
// across both tabs, ranked) and the sort.
extension ActionsPage {
    static func handleFilter(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch event {
        case let .paste(text):
            state.actions.current.filter.insert(text)
            refilter(&state)
        case .key(.escape):
            state.actions.filtering = false
            state.actions.current.filter.setText("")
            refilter(&state)
        case .key(.enter):
            state.actions.filtering = false
        case .key(.ctrl("c")):
            return Shell.run(.quit, &state)
        case .key(.down): move(&state, by: 1)
        case .key(.up): move(&state, by: -1)
        case .key(.pageDown): move(&state, by: Layout(width: state.width, height: state.height).tableRows)
        case .key(.pageUp): move(&state, by: -Layout(width: state.width, height: state.height).tableRows)
        case let .key(key):
            let before = state.actions.current.filter.text
            if state.actions.current.filter.handle(key), state.actions.current.filter.text != before { refilter(&state) }
        case .resize:
            break
        }
        return []
    }

    // MARK: The list

    static func setSort(_ column: SortColumn, ascending: Bool, _ state: inout ConsoleState) {
        let selected = state.actions.tabs.map { selectedID($0, state.actions.index) }
        state.actions.sort = column
        state.actions.ascending = ascending
        rebuildTabs(&state, keeping: selected)
        state.status = StatusMessage("Sorted by \(column.label) \(ascending ? "↑" : "↓")", kind: .info, ticks: 8)
    }

    static func selectedID(_ tab: TabState, _ index: ActionIndex) -> ActionID? {
        guard tab.visible.indices.contains(tab.selection) else { return nil }
        let position = tab.visible[tab.selection]
        return position < index.actions.count ? index.actions[position].id : nil
    }

    /// Recomputes both tabs' orders after the actions or the sort changed,
    /// keeping each tab's cursor on the same action when it is still there.
    static func rebuildTabs(_ state: inout ConsoleState, keeping selected: [ActionID?]) {
        let order = state.actions.index.orders[state.actions.sort.rawValue]
        let phoneOnly = state.actions.index.phoneOnly
        var custom: [Int] = [], call: [Int] = []
        custom.reserveCapacity(state.actions.index.count(in: .customExternal))
        call.reserveCapacity(state.actions.index.count(in: .call))
        if state.actions.ascending {
            for position in order { if phoneOnly[position] { call.append(position) } else { custom.append(position) } }
        } else {
            for position in order.reversed() { if phoneOnly[position] { call.append(position) } else { custom.append(position) } }
        }
        state.actions.tabs[ActionsTab.customExternal.rawValue].order = custom
        state.actions.tabs[ActionsTab.call.rawValue].order = call
        for tab in ActionsTab.allCases {
            applyFilter(&state.actions.tabs[tab.rawValue], state.actions.index, sort: state.actions.sort, ascending: state.actions.ascending, incremental: false,
                        keeping: selected.indices.contains(tab.rawValue) ? selected[tab.rawValue] : nil)
        }
        clampAll(&state)
    }

    /// Re-applies the filter after its text changed. One filter serves both
    /// tabs: switching tabs keeps it, and each tab's label counts its matches.
    static func refilter(_ state: inout ConsoleState) {
        let text = state.actions.current.filter.text
        for tab in ActionsTab.allCases {
            if tab != state.actions.tab { state.actions.tabs[tab.rawValue].filter.setText(text) }
            let keep = selectedID(state.actions.tabs[tab.rawValue], state.actions.index)
            applyFilter(&state.actions.tabs[tab.rawValue], state.actions.index, sort: state.actions.sort, ascending: state.actions.ascending,
                        incremental: true, keeping: keep)
        }
        clampAll(&state)
    }

    static func applyFilter(_ tab: inout TabState, _ index: ActionIndex, sort: SortColumn, ascending: Bool,
                            incremental: Bool, keeping id: ActionID?) {
        let query = ActionIndex.foldQuery(tab.filter.text)
        if query.isEmpty {
            tab.visible = tab.order
        } else {
            // Typing one more character only narrows the previous result.
            let narrowing = incremental && !tab.appliedQuery.isEmpty && query.starts(with: tab.appliedQuery)
            let queryMask = ActionIndex.mask(query)
            let keys = index.searchKeys
            let masks = index.searchMasks
            var result: [Int] = []
            if narrowing && tab.visible.count < index.count / 8 {
                // Few candidates: test them, then put them back in list order
                // (the previous matches are in ranked order).
                for position in tab.visible where masks[position] & queryMask == queryMask
                    && ActionIndex.matches(keys[position], query) { result.append(position) }
                result.sort { ascending ? index.precedes($0, $1, by: sort) : index.precedes($1, $0, by: sort) }
            } else {
                // Test every action in memory order (much kinder to the cache
                // than list order), then keep the list's order.
                // The list's order (the previous matches are in ranked order).
                let candidates = tab.order
                var hit = [Bool](repeating: false, count: index.count)
                if narrowing { for position in tab.visible { hit[position] = true } }
                let phoneOnly = index.phoneOnly
                let wantPhoneOnly = tab.wantsPhoneOnly
                for position in 0..<index.count where phoneOnly[position] == wantPhoneOnly && (!narrowing || hit[position]) {
                    hit[position] = masks[position] & queryMask == queryMask && ActionIndex.matches(keys[position], query)
                }
                result.reserveCapacity(candidates.count / 4)
                for position in candidates where hit[position] { result.append(position) }
            }
            tab.visible = FilterRanking.ranked(result, keys: keys, query: query)
        }
        tab.appliedQuery = query
        if let id, let position = index.position(of: id), let row = tab.visible.firstIndex(of: position) {
            tab.selection = row
        } else if query.isEmpty || tab.selection >= tab.visible.count {
            tab.selection = min(tab.selection, max(0, tab.visible.count - 1))
        } else {
            tab.selection = 0
        }
    }

    static func move(_ state: inout ConsoleState, by delta: Int) {
        move(&state, to: state.actions.current.selection + delta)
    }

    static func move(_ state: inout ConsoleState, to row: Int) {
        state.focus = .page
        let count = state.actions.current.visible.count
        state.actions.current.selection = max(0, min(row, count - 1))
        ensureVisible(&state)
    }

    /// Keeps the cursor's row on screen.
    static func ensureVisible(_ state: inout ConsoleState) {
        let rows = Layout(width: state.width, height: state.height).tableRows
        var tab = state.actions.current
        if tab.selection < tab.scroll { tab.scroll = tab.selection }
        if tab.selection >= tab.scroll + rows { tab.scroll = tab.selection - rows + 1 }
        tab.scroll = max(0, min(tab.scroll, max(0, tab.visible.count - rows)))
        state.actions.current = tab
    }

    static func clampAll(_ state: inout ConsoleState) {
        let current = state.actions.tab
        for tab in ActionsTab.allCases {
            state.actions.tab = tab
            let count = state.actions.current.visible.count
            state.actions.current.selection = max(0, min(state.actions.current.selection, count - 1))
            ensureVisible(&state)
        }
        state.actions.tab = current
    }
}

extension SortColumn {
    var command: Command {
        switch self {
        case .name: return .sortByName
        case .trigger: return .sortByTrigger
        case .id: return .sortByID
        case .updated: return .sortByUpdated
        }
    }
}
