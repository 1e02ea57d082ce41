import ActionModel
import Screen

/// The Webhooks page's reaction to keys and store answers: the list, the
/// form and the delete question. The delivery log is `DeliveryLogPage`.
enum WebhooksPage {
    static func readOnlyMessage(_ verb: String) -> String { "Read-only store: can't \(verb)" }

    // MARK: Keys

    /// The record page's keys (delete question, form, filter, paste), with
    /// the delivery log, when open, taking its own before the list's.
    static func handleKeys(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        if state.webhooks.log != nil, !holdsKeys(state) { return DeliveryLogPage.handle(event, &state) }
        return handleRecordKeys(event, &state)
    }

    static func takenLabels(_ state: ConsoleState, except id: WebhookID?) -> Set<String> {
        Set(state.webhooks.entries.map(\.webhook).filter { $0.id != id }.map { $0.label.lowercased() })
    }

    /// The webhook the command is about: the open log's, else the selected one.
    static func target(_ state: ConsoleState) -> Webhook? {
        if let log = state.webhooks.log { return state.webhooks.entry(log.webhookID)?.webhook }
        return state.webhooks.selectedWebhook
    }

    /// nil when there is a webhook to act on and the store can be written; else says why not.
    static func refusal(_ verb: String, writes: Bool, _ state: inout ConsoleState) -> Webhook? {
        guard let webhook = target(state) else {
            state.status = StatusMessage("No webhook selected to \(verb)", kind: .info)
            return nil
        }
        if writes && state.readOnly {
            state.status = StatusMessage(readOnlyMessage("\(verb) webhooks"), kind: .error)
            return nil
        }
        return webhook
    }

    static func newWebhook(_ state: inout ConsoleState) -> [ConsoleEffect] {
        if state.readOnly {
            state.status = StatusMessage(readOnlyMessage("create webhooks"), kind: .error)
            return []
        }
        state.webhooks.filtering = false
        state.focus = .page
        state.webhooks.form = WebhookFormState(takenLabels: takenLabels(state, except: nil), definedSecrets: state.webhooks.definedSecrets)
        return []
    }

    static func editWebhook(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let webhook = refusal("edit", writes: true, &state) else { return [] }
        state.webhooks.filtering = false
        state.focus = .page
        state.webhooks.form = WebhookFormState(editing: webhook, takenLabels: takenLabels(state, except: webhook.id),
                                               definedSecrets: state.webhooks.definedSecrets)
        return []
    }

    static func deleteWebhook(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let webhook = refusal("delete", writes: true, &state) else { return [] }
        state.webhooks.filtering = false
        state.webhooks.confirmDelete = webhook
        return []
    }

    /// Space: enabled ⇄ disabled, saved at once (at the version read, so a
    /// change made elsewhere is refused, not overwritten).
    static func toggleWebhook(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var webhook = refusal("enable or disable", writes: true, &state) else { return [] }
        webhook.isEnabled.toggle()
        state.status = StatusMessage("\(webhook.isEnabled ? "Enabling" : "Disabling") '\(webhook.label)'…", kind: .info)
        return [.webhooks(.update(webhook))]
    }

    /// `t`: a test delivery (sent to a disabled webhook too, as `webhooks test` does).
    static func testWebhook(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let webhook = refusal("test", writes: true, &state) else { return [] }
        state.status = StatusMessage("Sending a test delivery to '\(webhook.label)'…", kind: .info, ticks: StatusMessage.lifetime * 2)
        return [.dispatcher(.sendTestDelivery(webhook))]
    }

    static func openDeliveryLog(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let webhook = state.webhooks.selectedWebhook else {
            state.status = StatusMessage("No webhook selected: press n to create one", kind: .info)
            return []
        }
        state.webhooks.filtering = false
        state.focus = .page
        state.webhooks.log = DeliveryLogState(webhookID: webhook.id)
        return [.deliveries(.load(.webhook(webhook.id)))]
    }

    // MARK: Store answers

    static func receive(_ message: WebhooksMessage, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch message {
        case let .loaded(entries, definedSecrets):
            state.webhooks.definedSecrets = Set(definedSecrets)
            loaded(entries, &state)
            if let form = state.webhooks.form {
                let taken = takenLabels(state, except: form.draftID)
                state.webhooks.form?.takenLabels = taken
                state.webhooks.form?.definedSecrets = Set(definedSecrets)
            }
            if state.status?.awaiting == .webhooksReload { state.status = nil }
        case let .saved(webhook):
            var entry = state.webhooks.entry(webhook.id) ?? WebhookListEntry(webhook: webhook)
            entry.webhook = webhook
            state.webhooks.list.upsert(entry)
            return saved(webhook, status: "Saved webhook '\(webhook.label)'\(webhook.isEnabled ? "" : " (disabled)")", &state)
        case let .deleted(id):
            let label = state.webhooks.entry(id)?.webhook.label ?? id.rawValue
            if state.webhooks.log?.webhookID == id { state.webhooks.log = nil }
            removed(id, &state)
            state.status = StatusMessage("Deleted webhook '\(label)' and its delivery log", kind: .success)
        case let .failed(failure):
            // A toggle that met a change made elsewhere: show the webhook as it is now.
            return failed(failure, &state) ? [.webhooks(.load)] : []
        }
        ensureVisible(&state)
        return []
    }
}
