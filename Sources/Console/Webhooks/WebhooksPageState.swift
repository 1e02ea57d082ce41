import ActionModel
import Foundation

/// The Webhooks page: the store's webhooks (a handful, so kept whole) with
/// their delivery counts, the filter, the cursor, and what is open over the
/// list: the form, the delete question, or one webhook's delivery log.
struct WebhooksPageState: PageState, Equatable, FilteredList {
    /// Oldest first (the store's order).
    var entries: [WebhookListEntry] = []
    /// False until the first `.webhooks(.loaded)`.
    var loaded = false
    /// The secret NAMES the store defines, to say when a webhook names one
    /// that isn't; nil until known.
    var definedSecrets: Set<String>?
    var filter = TextField()
    /// `/` was pressed: printable keys go to the filter.
    var filtering = false
    /// Positions in `entries` the filter keeps: the rows of the table.
    var visible: [Int] = []
    var selection = 0
    var scroll = 0
    /// The create/edit form, when open (it fills the page).
    var form: WebhookFormState?
    /// A save the form asked for that the store has not answered yet.
    var pendingSave: WebhookID?
    /// Asking before a delete.
    var confirmDelete: Webhook?
    /// One webhook's delivery log, when open (it fills the page).
    var log: DeliveryLogState?
    /// Times are shown in this zone (tests fix it).
    var timeZone = TimeZone.current

    var selectedEntry: WebhookListEntry? {
        guard visible.indices.contains(selection), entries.indices.contains(visible[selection]) else { return nil }
        return entries[visible[selection]]
    }

    var selectedWebhook: Webhook? { selectedEntry?.webhook }

    func entry(_ id: WebhookID) -> WebhookListEntry? { entries.first { $0.webhook.id == id } }

    /// The page holds every key (a form or a question is open).
    var holdsKeys: Bool { form != nil || confirmDelete != nil }

    /// Recomputes the rows after the webhooks or the filter changed, keeping
    /// the cursor on the same webhook when it is still shown.
    mutating func refilter(keeping id: WebhookID? = nil) {
        let keep = id ?? selectedWebhook?.id
        let query = ActionIndex.foldQuery(filter.text)
        visible = FilterRanking.filtered(count: entries.count, query: query) { Self.searchKey(entries[$0].webhook) }
        if let keep, let row = visible.firstIndex(where: { entries[$0].webhook.id == keep }) {
            selection = row
        }
        selection = max(0, min(selection, visible.count - 1))
    }

    /// Label, URL, events, secret name and ID, folded like the actions' search keys.
    static func searchKey(_ webhook: Webhook) -> [UInt8] {
        let parts = [webhook.label, webhook.url, webhook.events.map(\.rawValue).joined(separator: " "), webhook.secretName ?? "",
                     webhook.id.rawValue]
        return ActionIndex.fold(parts.map(Renderer.singleLine).joined(separator: "\n"))
    }

}

/// One webhook's deliveries, newest first, and the one open in full.
struct DeliveryLogState: Sendable, Equatable {
    var webhookID: WebhookID
    /// False until the first `.deliveries(.loaded)` for it.
    var loaded = false
    var entries: [DeliveryLogEntry] = []
    var selection = 0
    var scroll = 0
    /// The delivery ⏎ asked the store for, not answered yet.
    var pendingDetail: DeliveryID?
    /// The delivery open in full: its attempts and request.
    var detail: DeliveryDetailState?

    var selectedEntry: DeliveryLogEntry? { entries.indices.contains(selection) ? entries[selection] : nil }

    /// Takes a reload, keeping the cursor on the same delivery (new ones arrive on top).
    mutating func replaceEntries(_ new: [DeliveryLogEntry]) {
        let keep = selectedEntry?.delivery.id
        entries = new
        loaded = true
        if let keep, let row = new.firstIndex(where: { $0.delivery.id == keep }) { selection = row }
        selection = max(0, min(selection, entries.count - 1))
    }

    mutating func ensureVisible(rows: Int) {
        if selection < scroll { scroll = selection }
        if selection >= scroll + rows { scroll = selection - rows + 1 }
        scroll = max(0, min(scroll, max(0, entries.count - rows)))
    }
}

/// A delivery open in full, scrolled.
struct DeliveryDetailState: Sendable, Equatable {
    var entry: DeliveryLogEntry
    var attempts: [DeliveryAttempt]
    var scroll = 0
}

extension ConsoleState {
    var webhooks: WebhooksPageState {
        get { pages[WebhooksPageState.self] }
        _modify { yield &pages[WebhooksPageState.self] }
    }
}
