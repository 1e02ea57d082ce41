import ActionModel
import Screen

/// Draws the Webhooks page: the table of webhooks with a details strip, or
/// the form or a delivery log in its place, and the delete question.
enum WebhooksPageRenderer {
    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let page = state.webhooks
        if let form = page.form {
            WebhookFormRenderer.render(form, into: &buffer, in: layout.page)
            return
        }
        if let log = page.log {
            DeliveryLogRenderer.render(log, state, layout, &buffer)
            return
        }
        drawList(state, layout, &buffer)
        if let webhook = page.confirmDelete {
            ListChrome.drawDeleteQuestion(noun: "webhook", name: webhook.label, id: webhook.id.rawValue,
                                          consequence: "Its delivery log goes with it, pending deliveries too.", state, &buffer)
        }
    }

    /// "call_ended, transcript" in short words, or "all events".
    static func eventsText(_ events: [WebhookEventType]) -> String {
        if events.count == WebhookEventType.subscribable.count { return "all events" }
        return events.map(shortName).joined(separator: ", ")
    }

    static func shortName(_ event: WebhookEventType) -> String {
        switch event {
        case .callConnected: return "connected"
        case .callEnded: return "ended"
        case .callDidNotConnect: return "not connected"
        default: return event.rawValue
        }
    }

    static func secretText(_ webhook: Webhook, defined: Set<String>?) -> String {
        guard let name = webhook.secretName else { return "—" }
        if let defined, !defined.contains(name) { return name + " (undefined)" }
        return name
    }

    /// Label, URL, events, secret, on, pending, failed, with their width
    /// rules: the label, the URL and the events share the spare width; when
    /// narrow the secret's name goes (the details strip has it).
    static let columns = [
        ColumnRule(title: "Label", shortTitle: "Label", minimum: 8, wanted: 8, share: 3),
        ColumnRule(title: "URL", shortTitle: "URL", minimum: 8, wanted: 8, share: 4),
        ColumnRule(title: "Events", shortTitle: "Events", minimum: 8, wanted: 8, share: 3),
        ColumnRule(title: "Secret", shortTitle: "Secret", minimum: 22, wanted: 22, dropOrder: 1),
        ColumnRule(title: "On", shortTitle: "On", minimum: 2, wanted: 2),
        ColumnRule(title: "Pending", shortTitle: "Pend", minimum: 7, wanted: 7),
        ColumnRule(title: "Failed", shortTitle: "Fail", minimum: 6, wanted: 6),
    ]

    static func drawList(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let page = state.webhooks
        let focused = state.focus == .page && state.overlay == nil && page.confirmDelete == nil
        let drawn = ListChrome.drawRecordList(
            page.list, title: "Webhooks", noun: "webhook",
            whenEmpty: ["No webhooks in this store", "A webhook is a URL told about calls as they happen",
                        state.readOnly ? "The store is open read-only" : "Press n to create one"],
            focused: focused, state: state, layout: layout, &buffer, columns: { _ in columns }
        ) { entry in
            let webhook = entry.webhook
            let secret = secretText(webhook, defined: page.definedSecrets)
            return [TableCell(webhook.label), TableCell(webhook.url, .muted), TableCell(eventsText(webhook.events), .muted),
                    TableCell(secret, secret.hasSuffix("(undefined)") ? .warning : .muted),
                    TableCell(webhook.isEnabled ? "✓" : "–", webhook.isEnabled ? Style(.success) : .muted),
                    TableCell(String(entry.pendingCount), entry.pendingCount > 0 ? .warning : .muted, alignsRight: true),
                    TableCell(String(entry.failedCount), entry.failedCount > 0 ? .error : .muted, alignsRight: true)]
        }
        guard drawn?.shown.isEmpty == false else { return }
        drawDetails(page.selectedEntry, page.definedSecrets, layout, &buffer)
    }

    static func drawDetails(_ entry: WebhookListEntry?, _ defined: Set<String>?, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        guard let entry else { return }
        let webhook = entry.webhook
        let rect = layout.details
        var secret: CallTimeline.Line = [("   signed with ", .muted), (webhook.secretName ?? "nothing (unsigned)", .text)]
        if let name = webhook.secretName, let defined, !defined.contains(name) {
            secret.append(("  not defined: switchboard secrets set \(name)", .warning))
        }
        let lines: [CallTimeline.Line] = [
            [("ID ", .muted), (webhook.id.rawValue, Style(.accent, bold: true)), ("   version ", .muted), ("\(webhook.version)", .text),
             ("   ", .muted), (webhook.isEnabled ? "enabled" : "disabled: gets no new deliveries", webhook.isEnabled ? Style(.success) : .warning)],
            [("Events ", .muted), (webhook.events.map(\.rawValue).joined(separator: ", "), .text)] + secret,
            [("l delivery log · t send a test · Space enable/disable", .muted)],
        ]
        for (i, line) in lines.prefix(rect.height).enumerated() {
            Renderer.putSegments(line, x: rect.x + 1, y: rect.y + i, maxX: rect.maxX - 1, &buffer)
        }
    }

    // MARK: Keys

    /// The form's, the delete question's and the delivery log's hints; nil
    /// on the list (the keymap's).
    static func formHints(_ state: ConsoleState) -> [KeyHint]? {
        let page = state.webhooks
        if let hints = WebhooksPage.recordHints(state, formHints: WebhookFormRenderer.hints) { return hints }
        if page.log != nil { return DeliveryLogPage.hints(state) }
        return nil
    }

    /// The delivery log's keys, for help (the log handles them itself: its rows).
    static var deliveryLogHelp: HelpSection { DeliveryLogPage.helpSection }
}
