import Screen

/// The list part of the Agents, Calls and Webhooks pages: a filter (`/`), the
/// rows it keeps (`visible`, positions in the page's records), and a cursor.
/// Moving, scrolling and filter typing work the same on every page, so they
/// live here once.
protocol FilteredList {
    var filter: TextField { get set }
    /// `/` was pressed: printable keys go to the filter.
    var filtering: Bool { get set }
    var visible: [Int] { get }
    var selection: Int { get set }
    var scroll: Int { get set }
}

extension FilteredList {
    /// Scrolls so the cursor's row is among the `rows` shown.
    mutating func ensureVisible(rows: Int) {
        if selection < scroll { scroll = selection }
        if selection >= scroll + rows { scroll = selection - rows + 1 }
        scroll = max(0, min(scroll, max(0, visible.count - rows)))
    }
}

/// The keys every filtered list takes, for a page's list at `list`.
enum FilteredListKeys {
    static func tableRows(_ state: ConsoleState) -> Int { Layout(width: state.width, height: state.height).tableRows }

    /// Puts the cursor on `row` (clamped) and the focus on the page.
    static func move<List: FilteredList>(_ state: inout ConsoleState, _ list: WritableKeyPath<ConsoleState, List>, to row: Int) {
        state.focus = .page
        state[keyPath: list].selection = max(0, min(row, state[keyPath: list].visible.count - 1))
        state[keyPath: list].ensureVisible(rows: tableRows(state))
    }

    /// Pasting on the list starts a filter with the text.
    static func pasteStartsFilter<List: FilteredList>(_ text: String, _ state: inout ConsoleState, _ list: WritableKeyPath<ConsoleState, List>,
                                                     refilter: (inout ConsoleState) -> Void) {
        state[keyPath: list].filtering = true
        state.focus = .page
        state[keyPath: list].filter.insert(text)
        refilter(&state)
    }

    /// Keys while the filter is being typed: text edits it (the rows follow),
    /// ↑ ↓ move, ⏎ keeps it, Esc clears it.
    static func handleFilter<List: FilteredList>(_ event: InputEvent, _ state: inout ConsoleState, _ list: WritableKeyPath<ConsoleState, List>,
                                                refilter: (inout ConsoleState) -> Void) -> [ConsoleEffect] {
        switch event {
        case let .paste(text):
            state[keyPath: list].filter.insert(text)
            refilter(&state)
        case .key(.escape):
            state[keyPath: list].filtering = false
            state[keyPath: list].filter.setText("")
            refilter(&state)
        case .key(.enter): state[keyPath: list].filtering = false
        case .key(.ctrl("c")): return Shell.run(.quit, &state)
        case .key(.down): move(&state, list, to: state[keyPath: list].selection + 1)
        case .key(.up): move(&state, list, to: state[keyPath: list].selection - 1)
        case let .key(key):
            let before = state[keyPath: list].filter.text
            if state[keyPath: list].filter.handle(key), state[keyPath: list].filter.text != before { refilter(&state) }
        case .resize: break
        }
        state[keyPath: list].ensureVisible(rows: tableRows(state))
        return []
    }
}

/// A page whose main part is a `FilteredList`: moving and the filter are the
/// same commands on every such page, run here once.
protocol ListPage: ConsolePage {
    associatedtype List: FilteredList
    static var list: WritableKeyPath<ConsoleState, List> { get }
    /// The rows again after the filter changed.
    static func refilterList(_ state: inout ConsoleState)
}

extension ListPage {
    /// A form or question holds the keys; a filter being typed takes text too.
    static func capturesText(_ state: ConsoleState) -> Bool { holdsKeys(state) || state[keyPath: list].filtering }

    /// Moving, `/` and clearing the filter; nil for the page's other commands.
    static func runList(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        let selection = state[keyPath: list].selection
        let rows = FilteredListKeys.tableRows(state)
        switch command {
        case .moveDown: FilteredListKeys.move(&state, list, to: selection + 1)
        case .moveUp: FilteredListKeys.move(&state, list, to: selection - 1)
        case .pageDown: FilteredListKeys.move(&state, list, to: selection + rows)
        case .pageUp: FilteredListKeys.move(&state, list, to: selection - rows)
        case .moveToFirst: FilteredListKeys.move(&state, list, to: 0)
        case .moveToLast: FilteredListKeys.move(&state, list, to: state[keyPath: list].visible.count - 1)
        case .filter:
            state.focus = .page
            state[keyPath: list].filtering = true
        case .clearFilter:
            state[keyPath: list].filtering = false
            state[keyPath: list].filter.setText("")
            refilterList(&state)
        default:
            return nil
        }
        return []
    }
}
