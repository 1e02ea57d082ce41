import ActionModel
import Screen

/// What a key does in a webhook's delivery log or an open delivery.
enum DeliveryLogCommand: Equatable, Sendable {
    case next, previous, pageDown, pageUp, first, last, open, resend, test, back
}

typealias DeliveryLogKey = KeyRow<ConsoleState, DeliveryLogCommand>

/// One webhook's delivery log (the Webhooks page's `l`), a delivery open in
/// full, and the delivery answers every log shares with the call view.
enum DeliveryLogPage {
    // MARK: Keys

    /// The log's and an open delivery's rows, in hint-bar order; `q`, `?`
    /// and the section keys are every page's (`Keymap.global`).
    static let keys: [DeliveryLogKey] = {
        let group = "Delivery log"
        let onLog: @Sendable (ConsoleState) -> Bool = { $0.webhooks.log != nil && $0.webhooks.log?.detail == nil }
        let onDetail: @Sendable (ConsoleState) -> Bool = { $0.webhooks.log?.detail != nil }
        let writable: @Sendable (ConsoleState) -> Bool = { !$0.readOnly }
        return [
            DeliveryLogKey("j k ↓ ↑", pairs: [(.down, .next), (.character("j"), .next), (.up, .previous), (.character("k"), .previous)],
                hint: "move", hintKey: "↑↓", help: "next / previous delivery (newest first; updates live)", group: group, applies: onLog),
            DeliveryLogKey("PgDn PgUp", pairs: [(.pageDown, .pageDown), (.ctrl("d"), .pageDown), (.ctrl("f"), .pageDown),
                                     (.pageUp, .pageUp), (.ctrl("u"), .pageUp), (.ctrl("b"), .pageUp)],
                help: nil, group: group, applies: onLog),
            DeliveryLogKey("g G", pairs: [(.home, .first), (.character("g"), .first), (.end, .last), (.character("G"), .last)],
                help: nil, group: group, applies: onLog),
            DeliveryLogKey("⏎", [.enter], .open, hint: "attempts", help: "its attempts, request headers and JSON body", group: group,
                applies: onLog),
            // An open delivery scrolls; the same keys as the log's, and Space.
            DeliveryLogKey("↑↓ PgUp PgDn", pairs: [(.down, .next), (.character("j"), .next), (.up, .previous), (.character("k"), .previous),
                                        (.pageDown, .pageDown), (.character(" "), .pageDown), (.ctrl("d"), .pageDown),
                                        (.ctrl("f"), .pageDown), (.pageUp, .pageUp), (.ctrl("u"), .pageUp), (.ctrl("b"), .pageUp),
                                        (.home, .first), (.character("g"), .first), (.end, .last), (.character("G"), .last)],
                hint: "scroll", help: nil, group: group, applies: onDetail),
            DeliveryLogKey("r", [.character("r")], .resend, hint: "re-send failed", help: "re-send a failed delivery (same ID and body)",
                group: group, applies: { $0.webhooks.log != nil }, hinted: writable),
            DeliveryLogKey("t", [.character("t")], .test, hint: "test", help: "send a test delivery", group: group, applies: onLog,
                hinted: writable),
            DeliveryLogKey("Esc", [.escape, .backspace], .back, hint: "back", help: "back", group: group, applies: { $0.webhooks.log != nil },
                liveHint: { KeyHint("Esc", $0.webhooks.log?.detail == nil ? "back" : "back to the log") }),
        ]
    }()

    /// The hint bar: the rows, then quit and help (every page's rows).
    static func hints(_ state: ConsoleState) -> [KeyHint] {
        DeliveryLogKey.hints(keys, state) + Keymap.quitAndHelpHints(state)
    }

    /// For help (listed whether or not the log is open).
    static var helpSection: HelpSection { DeliveryLogKey.helpSections(keys).first ?? HelpSection("Delivery log", []) }

    /// The log's and an open delivery's keys; nil for the keys of every page.
    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        guard case let .key(key) = event, state.webhooks.log != nil else { return [] }
        guard let command = DeliveryLogKey.command(for: key, in: keys, state) else { return nil }
        return run(command, &state)
    }

    /// Runs a command of the log or the open delivery (from a key's row).
    static func run(_ command: DeliveryLogCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var log = state.webhooks.log else { return [] }
        if var detail = log.detail { return runDetail(command, &detail, &log, &state) }
        let rows = tableRows(state)
        switch command {
        case .next: log.selection += 1
        case .previous: log.selection -= 1
        case .pageDown: log.selection += rows
        case .pageUp: log.selection -= rows
        case .first: log.selection = 0
        case .last: log.selection = log.entries.count - 1
        case .back:
            state.webhooks.log = nil
            state.focus = .page
            return []
        case .open:
            guard let entry = log.selectedEntry else {
                state.status = StatusMessage("No delivery selected: press t to send a test", kind: .info)
                return []
            }
            log.pendingDetail = entry.delivery.id
            state.webhooks.log = log
            return [.deliveries(.open(entry.delivery.id))]
        case .resend:
            state.webhooks.log = log
            return resend(log.selectedEntry, &state)
        case .test: return Shell.run(.testWebhook, &state)
        }
        log.selection = max(0, min(log.selection, log.entries.count - 1))
        log.ensureVisible(rows: rows)
        state.webhooks.log = log
        state.focus = .page
        return []
    }

    static func runDetail(_ command: DeliveryLogCommand, _ detail: inout DeliveryDetailState, _ log: inout DeliveryLogState,
                          _ state: inout ConsoleState) -> [ConsoleEffect] {
        let rows = DeliveryLogRenderer.detailRows(state)
        let lines = DeliveryLogRenderer.detailLines(detail, state: state, width: DeliveryLogRenderer.detailWidth(state)).count
        switch command {
        case .next: detail.scroll += 1
        case .previous: detail.scroll -= 1
        case .pageDown: detail.scroll += max(1, rows - 1)
        case .pageUp: detail.scroll -= max(1, rows - 1)
        case .first: detail.scroll = 0
        case .last: detail.scroll = lines
        case .back:
            log.detail = nil
            state.webhooks.log = log
            state.focus = .page
            return []
        case .resend: return resend(detail.entry, &state)
        case .open, .test: return []
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
