import ActionModel
import Foundation

/// The Webhooks page: the store's webhooks (a handful, so kept whole) with
/// their delivery counts in the record list with its filter and cursor, and
/// what is open over the list: the form, the delete question, or one
/// webhook's delivery log.
@dynamicMemberLookup
struct WebhooksPageState: PageState, Equatable {
    /// Oldest first (the store's order).
    var list = RecordList<WebhookListEntry>()
    /// The secret NAMES the store defines, to say when a webhook names one
    /// that isn't; nil until known.
    var definedSecrets: Set<String>?
    /// The create/edit form, when open (it fills the page).
    var form: WebhookFormState?
    /// A save or delete the page asked for that the store has not answered yet.
    var pending: PendingRequest<WebhookID>?
    /// Asking before a delete.
    var confirmDelete: Webhook?
    /// One webhook's delivery log, when open (it fills the page).
    var log: DeliveryLogState?
    /// Times are shown in this zone (tests fix it).
    var timeZone = TimeZone.current

    subscript<Value>(dynamicMember path: WritableKeyPath<RecordList<WebhookListEntry>, Value>) -> Value {
        get { list[keyPath: path] }
        set { list[keyPath: path] = newValue }
    }

    subscript<Value>(dynamicMember path: KeyPath<RecordList<WebhookListEntry>, Value>) -> Value { list[keyPath: path] }

    var selectedWebhook: Webhook? { list.selectedEntry?.webhook }

    func entry(_ id: WebhookID) -> WebhookListEntry? { list.entry(id) }

    /// The page holds every key (a form or a question is open).
    var holdsKeys: Bool { form != nil || confirmDelete != nil }

    mutating func refilter(keeping id: WebhookID? = nil) { list.refilter(keeping: id) }
}

extension WebhookListEntry: RecordListEntry {
    var entryID: WebhookID { webhook.id }
    /// Label, URL, events, secret name and ID.
    var searchKey: [UInt8] {
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
