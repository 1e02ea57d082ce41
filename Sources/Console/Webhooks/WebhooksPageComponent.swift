import ActionModel
import Screen

extension Section {
    static let webhooks = Section(title: "Webhooks", functionKey: 6)
}

/// The Webhooks page as a component: its state is `state.webhooks` (with the
/// delivery log), its keys and answers are in WebhooksPageUpdate and
/// DeliveryLogPage, its drawing in WebhooksPageRender and DeliveryLogRender.
extension WebhooksPage: ListPage {
    static var list: WritableKeyPath<ConsoleState, RecordList<WebhookListEntry>> { \.webhooks.list }

    static var section: Section { .webhooks }

    static func count(_ state: ConsoleState) -> String {
        state.webhooks.loaded ? Renderer.compactCount(state.webhooks.entries.count) : ""
    }


    static func opened(entering: Bool, _ state: inout ConsoleState) -> [ConsoleEffect] {
        entering ? [.webhooks(.load)] : []
    }

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? { handleKeys(event, &state) }

    /// The list's keys; the delivery log has its own (and reloads with the list's key).
    static func bindings(_ state: ConsoleState) -> [KeyBinding] {
        let group = "Webhooks"
        let reload = KeyBinding.reload("webhooks", group: group, hinted: false)
        if state.webhooks.log != nil { return [reload] }
        if state.webhooks.filtering { return KeyBinding.filterTyping }
        let writable: @Sendable (ConsoleState) -> Bool = { !$0.readOnly }
        let selected: @Sendable (ConsoleState) -> Bool = { $0.webhooks.selectedEntry != nil }
        let writableSelected: @Sendable (ConsoleState) -> Bool = { !$0.readOnly && $0.webhooks.selectedEntry != nil }
        return KeyBinding.listMoves("webhook", group: group) + [
            KeyBinding("n", [.character("n")], .newWebhook, hint: "new", help: "create a webhook", group: group, hinted: writable),
            KeyBinding("⏎ e", [.enter, .character("e")], .editWebhook, hint: "edit", hintKey: "⏎", help: "edit the selected webhook",
                       group: group, hinted: writableSelected),
            KeyBinding("Space", [.character(" ")], .toggleWebhook, hint: "on/off", help: "enable / disable it", group: group,
                       hinted: writableSelected),
            KeyBinding("t", [.character("t")], .testWebhook, hint: "test",
                       help: "send it a test delivery (the outcome shows in the status line)", group: group, hinted: writableSelected),
            KeyBinding("l", [.character("l")], .openDeliveryLog, hint: "log", help: "its delivery log", group: group, hinted: selected),
            KeyBinding("d", [.character("d"), .delete], .deleteWebhook, hint: "delete", help: "delete it and its delivery log (asks first)",
                       group: group, hinted: writableSelected),
            .filter("label, URL, event, secret or ID", group: group),
            .clearFilter(group: group) { !$0.webhooks.filter.text.isEmpty },
            reload,
        ]
    }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case .newWebhook: return newWebhook(&state)
        case .editWebhook: return editWebhook(&state)
        case .deleteWebhook: return deleteWebhook(&state)
        case .toggleWebhook: return toggleWebhook(&state)
        case .testWebhook: return testWebhook(&state)
        case .openDeliveryLog: return openDeliveryLog(&state)
        case .filter:
            // The filter is the list's: the delivery log closes for it.
            state.webhooks.log = nil
            return runList(command, &state)
        case .reload:
            state.status = StatusMessage("Reloading webhooks…", kind: .info, awaiting: .webhooksReload)
            return [.webhooks(.load)] + DeliveryLogPage.refreshes(state).filter { $0 != .webhooks(.load) }
        default:
            return runList(command, &state)
        }
    }

    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        WebhooksPageRenderer.render(state, layout, &buffer)
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] {
        WebhooksPageRenderer.formHints(state) ?? Keymap.hints(bindings(state), state)
    }

    static func helpSections(_ state: ConsoleState) -> [HelpSection] {
        if state.webhooks.form != nil { return WebhookFormRenderer.helpSections }
        var listing = state
        listing.webhooks.log = nil
        return Keymap.helpSections(bindings(listing)) + [WebhooksPageRenderer.deliveryLogHelp]
    }
}

/// The webhooks' form, delete question and store answers: the record page flow.
extension WebhooksPage: RecordPage {
    static var noun: String { "webhook" }
    static var form: WritableKeyPath<ConsoleState, WebhookFormState?> { \.webhooks.form }
    static var pending: WritableKeyPath<ConsoleState, PendingRequest<WebhookID>?> { \.webhooks.pending }
    static var confirmDelete: WritableKeyPath<ConsoleState, Webhook?> { \.webhooks.confirmDelete }
    static func saveEffect(_ record: Webhook, isNew: Bool, from _: WebhookFormState?) -> ConsoleEffect { isNew ? .webhooks(.insert(record)) : .webhooks(.update(record)) }
    static func deleteEffect(_ record: Webhook) -> ConsoleEffect { .webhooks(.delete(record)) }
    static func record(_ entry: WebhookListEntry) -> Webhook { entry.webhook }
}
