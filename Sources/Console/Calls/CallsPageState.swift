import ActionModel
import Foundation

/// The Calls page: every call in the store as list rows (summaries: events
/// are read only when a call is opened), the filter, and the open call.
struct CallsPageState: PageState, FilteredList {
    /// Newest first, as the store lists them.
    var entries: [CallListEntry] = []
    /// False until the first `.calls(.loaded)`.
    var loaded = false
    var filter = TextField()
    var filtering = false
    /// Positions in `entries` the filter keeps.
    var visible: [Int] = []
    var selection = 0
    var scroll = 0
    /// What was said in the calls opened this session, so `/` finds them by it.
    var transcripts: [CallID: String] = [:]
    /// The page was just opened: the next list puts the cursor on the newest
    /// call (the one just made is what people come here for), not on the
    /// call selected last time.
    var selectNewestOnLoad = false
    /// The call ⏎ asked the store for, not answered yet.
    var pendingOpen: CallID?
    /// The open call (it fills the page).
    var view: CallViewState?
    /// The path question `x` opens.
    var export: ExportPrompt?
    /// Times are shown in this zone (tests fix it).
    var timeZone = TimeZone.current

    var selectedEntry: CallListEntry? {
        guard visible.indices.contains(selection), entries.indices.contains(visible[selection]) else { return nil }
        return entries[visible[selection]]
    }

    /// The page holds every key (the export question is open).
    var holdsKeys: Bool { export != nil }

}

/// One call open in full: its record and every event, and how far it is scrolled.
struct CallViewState: Sendable, Equatable {
    var record: CallRecord
    var events: [CallLogEntry]
    var scroll = 0
    /// The webhook deliveries about this call, newest first; nil until read.
    var deliveries: [DeliveryLogEntry]?
    /// The delivery `[` `]` moved to (`r` re-sends it when it failed).
    var deliverySelection = 0

    var selectedDelivery: DeliveryLogEntry? {
        guard let deliveries, deliveries.indices.contains(deliverySelection) else { return nil }
        return deliveries[deliverySelection]
    }
}

/// "Export call as JSON to:" with the path prefilled.
struct ExportPrompt: Sendable, Equatable {
    var callID: CallID
    var path: TextField
    var error: String?
    /// The path the store said already holds a file: ⏎ on it again replaces it.
    var replaceConfirmedFor: String?
}

extension ConsoleState {
    var calls: CallsPageState {
        get { pages[CallsPageState.self] }
        _modify { yield &pages[CallsPageState.self] }
    }
}
