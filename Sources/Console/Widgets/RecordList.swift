import ActionModel

/// A row of a record page's list: how it is found again after a reload and
/// what the filter matches.
protocol RecordListEntry: Equatable, Sendable {
    associatedtype EntryID: Equatable & Sendable
    var entryID: EntryID { get }
    /// The entry's searchable text, folded like the actions' search keys.
    var searchKey: [UInt8] { get }
}

/// The list part of a record page (agents, webhooks, models), written once:
/// the store's records, whether they have been read, the filter, the rows it
/// keeps and the cursor. A page's state holds one and reads its fields
/// through it (`state.agents.entries`).
struct RecordList<Entry: RecordListEntry>: Equatable, Sendable, FilteredList {
    /// In the store's order.
    var entries: [Entry] = []
    /// False until the first load answered.
    var loaded = false
    var filter = TextField()
    /// `/` was pressed: printable keys go to the filter.
    var filtering = false
    /// Positions in `entries` the filter keeps: the rows of the table.
    var visible: [Int] = []
    var selection = 0
    var scroll = 0

    var selectedEntry: Entry? {
        guard visible.indices.contains(selection), entries.indices.contains(visible[selection]) else { return nil }
        return entries[visible[selection]]
    }

    func entry(_ id: Entry.EntryID) -> Entry? { entries.first { $0.entryID == id } }

    /// Recomputes the rows after the entries or the filter changed, keeping
    /// the cursor on the same entry when it is still shown.
    mutating func refilter(keeping id: Entry.EntryID? = nil) {
        let keep = id ?? selectedEntry?.entryID
        let query = ActionIndex.foldQuery(filter.text)
        let entries = entries
        visible = FilterRanking.filtered(count: entries.count, query: query) { entries[$0].searchKey }
        if let keep, let row = visible.firstIndex(where: { entries[$0].entryID == keep }) {
            selection = row
        }
        selection = max(0, min(selection, visible.count - 1))
    }

    /// A whole list read from the store (a reload keeps the cursor on the same entry).
    mutating func load(_ new: [Entry]) {
        let keep = selectedEntry?.entryID
        entries = new
        loaded = true
        refilter(keeping: keep)
    }

    /// One entry saved: replaced where it was (`previous` when its ID changed, a
    /// renamed model), else added last.
    mutating func upsert(_ entry: Entry, replacing previous: Entry.EntryID? = nil) {
        if let at = entries.firstIndex(where: { $0.entryID == (previous ?? entry.entryID) }) {
            entries[at] = entry
        } else {
            entries.append(entry)
        }
        loaded = true
    }

    /// One entry deleted: the cursor stays on the row it was on.
    mutating func remove(_ id: Entry.EntryID) {
        let keep = selectedEntry?.entryID
        entries.removeAll { $0.entryID == id }
        refilter(keeping: keep)
    }
}

/// A request a record page sent that has not been answered yet: a form's
/// save, a delete, a model's test. One type for every record page, so "is
/// something under way for this record" is asked one way.
struct PendingRequest<ID: Equatable & Sendable>: Equatable, Sendable {
    enum Kind: Equatable, Sendable { case save, delete, test }
    var kind: Kind
    /// The record it is about (for a save: the ID it is saved under).
    var id: ID

    init(_ kind: Kind, _ id: ID) {
        self.kind = kind
        self.id = id
    }
}

extension Optional {
    /// The ID of a pending request of `kind`, nil when none is under way.
    func id<ID>(of kind: PendingRequest<ID>.Kind) -> ID? where Wrapped == PendingRequest<ID> {
        guard let self, self.kind == kind else { return nil }
        return self.id
    }
}
