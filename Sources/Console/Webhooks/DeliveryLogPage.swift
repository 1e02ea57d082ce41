import ActionModel
import Screen

/// One webhook's delivery log (the Webhooks page's `l`), a delivery open in
/// full, and the delivery answers every log shares with the call view.
enum DeliveryLogPage {
    // MARK: Keys

    /// The log's and an open delivery's keys; nil for the keys of every page.
    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        guard case let .key(key) = event, var log = state.webhooks.log else { return [] }
        if var detail = log.detail { return handleDetail(key, &detail, &log, &state) }
        let rows = tableRows(state)
        switch key {
        case .down, .character("j"): log.selection += 1
        case .up, .character("k"): log.selection -= 1
        case .pageDown, .ctrl("d"), .ctrl("f"): log.selection += rows
        case .pageUp, .ctrl("u"), .ctrl("b"): log.selection -= rows
        case .home, .character("g"): log.selection = 0
        case .end, .character("G"): log.selection = log.entries.count - 1
        case .escape, .backspace:
            state.webhooks.log = nil
            state.focus = .page
            return []
        case .enter:
            guard let entry = log.selectedEntry else {
                state.status = StatusMessage("No delivery selected: press t to send a test", kind: .info)
                return []
            }
            log.pendingDetail = entry.delivery.id
            state.webhooks.log = log
            return [.deliveries(.open(entry.delivery.id))]
        case .character("r"):
            state.webhooks.log = log
            return resend(log.selectedEntry, &state)
        case .character("t"): return Shell.run(.testWebhook, &state)
        default: return nil
        }
        log.selection = max(0, min(log.selection, log.entries.count - 1))
        log.ensureVisible(rows: rows)
        state.webhooks.log = log
        state.focus = .page
        return []
    }

    static func handleDetail(_ key: Key, _ detail: inout DeliveryDetailState, _ log: inout DeliveryLogState,
                             _ state: inout ConsoleState) -> [ConsoleEffect]? {
        let rows = DeliveryLogRenderer.detailRows(state)
        let lines = DeliveryLogRenderer.detailLines(detail, state: state, width: DeliveryLogRenderer.detailWidth(state)).count
        switch key {
        case .down, .character("j"): detail.scroll += 1
        case .up, .character("k"): detail.scroll -= 1
        case .pageDown, .character(" "), .ctrl("d"), .ctrl("f"): detail.scroll += max(1, rows - 1)
        case .pageUp, .ctrl("u"), .ctrl("b"): detail.scroll -= max(1, rows - 1)
        case .home, .character("g"): detail.scroll = 0
        case .end, .character("G"): detail.scroll = lines
        case .escape, .backspace:
            log.detail = nil
            state.webhooks.log = log
            state.focus = .page
            return []
        case .character("r"): return resend(detail.entry, &state)
        default: return nil
        }
        detail.scroll = max(0, min(detail.scroll, lines - rows))
        log.detail = detail
        state.webhooks.log = log
        state.focus = .page
        return []
    }

    /// `r`: only a failed delivery goes back in its queue; anything else says why not.
    static func resend(_ entry: DeliveryLogEntry?, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let entry else {
            state.status = StatusMessage("No delivery selected to re-send", kind: .info)
            return []
        }
        if state.readOnly {
            state.status = StatusMessage(WebhooksPage.readOnlyMessage("re-send deliveries"), kind: .error)
            return []
        }
        let delivery = entry.delivery
        switch delivery.status {
        case .failed:
            state.status = StatusMessage("Re-sending \(delivery.id)…", kind: .info)
            return [.dispatcher(.resendDelivery(delivery.id))]
        case .pending:
            state.status = StatusMessage("\(delivery.id) is still pending: it is sent (or fails) on its own; only failed deliveries can be re-sent",
                                         kind: .info, ticks: StatusMessage.lifetime * 2)
        case .delivered:
            state.status = StatusMessage("\(delivery.id) was delivered; only failed deliveries can be re-sent", kind: .info)
        }
        return []
    }

    // MARK: Store and dispatcher answers

    static func receive(_ message: DeliveriesMessage, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch message {
        case let .loaded(scope, entries):
            // A call's deliveries are the Calls page's (the shell routes them there).
            if case let .webhook(id) = scope, state.webhooks.log?.webhookID == id {
                let rows = tableRows(state)
                state.webhooks.log?.replaceEntries(entries)
                state.webhooks.log?.ensureVisible(rows: rows)
                if let open = state.webhooks.log?.detail?.entry.delivery.id, let fresh = entries.first(where: { $0.delivery.id == open }) {
                    state.webhooks.log?.detail?.entry = fresh
                }
            }
        case let .opened(entry, attempts):
            guard var log = state.webhooks.log else { return [] }
            if log.pendingDetail == entry.delivery.id {
                log.detail = DeliveryDetailState(entry: entry, attempts: attempts)
                log.pendingDetail = nil
            } else if log.detail?.entry.delivery.id == entry.delivery.id {
                log.detail?.entry = entry  // a live refresh: keep the place
                log.detail?.attempts = attempts
            }
            state.webhooks.log = log
        case let .testFinished(delivery):
            state.status = testOutcome(delivery, label: label(of: delivery.webhookID, state))
            return refreshes(state)
        case let .resent(delivery):
            let label = label(of: delivery.webhookID, state)
            state.status = StatusMessage("Re-sending \(delivery.id) (\(delivery.event.rawValue)) to '\(label)': up to "
                                         + "\(delivery.maxRetries + 1) more attempt\(delivery.maxRetries == 0 ? "" : "s")", kind: .success)
            return refreshes(state)
        case .changed:
            return refreshes(state)
        }
        return []
    }

    static func label(of id: WebhookID, _ state: ConsoleState) -> String {
        state.webhooks.entry(id)?.webhook.label ?? id.rawValue
    }

    /// The status line after `t`: delivered, failed and why, or still under way.
    static func testOutcome(_ delivery: WebhookDelivery, label: String) -> StatusMessage {
        let long = StatusMessage.lifetime * 3
        switch delivery.status {
        case .delivered:
            let status = delivery.lastStatusCode.map { " (HTTP \($0))" } ?? ""
            return StatusMessage("Test delivery to '\(label)' delivered\(status)", kind: .success, ticks: long)
        case .failed:
            return StatusMessage("Test delivery to '\(label)' failed: \(delivery.lastError ?? "no answer"); "
                                 + "fix the URL or the receiver and press t again", kind: .error, ticks: long)
        case .pending:
            return StatusMessage("Test delivery to '\(label)' has no answer yet; the delivery log (l) shows how it goes",
                                 kind: .info, ticks: long)
        }
    }

    /// What to read again after deliveries changed: only what is on screen,
    /// so a burst of deliveries costs a few small reads, not one per delivery.
    static func refreshes(_ state: ConsoleState) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        switch state.section {
        case .webhooks:
            if let log = state.webhooks.log {
                effects.append(.deliveries(.load(.webhook(log.webhookID))))
                if let open = log.detail?.entry.delivery.id { effects.append(.deliveries(.open(open))) }
            }
            if state.webhooks.loaded { effects.append(.webhooks(.load)) }
        case .calls:
            if let view = state.calls.view { effects.append(.deliveries(.load(.call(view.record.id)))) }
        default:
            break
        }
        return effects
    }

    static func tableRows(_ state: ConsoleState) -> Int { DeliveryLogRenderer.tableRows(state) }
}
