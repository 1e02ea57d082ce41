import ActionModel
import Foundation
import Screen

/// A delivery as one row of text, the same in the webhook's log and in the
/// call view: time, event, call or webhook, attempts, status, HTTP status,
/// duration of the last attempt, error. The error takes the room left.
enum DeliveryTable {
    enum Column: Equatable {
        case time, webhook, event, call, attempts, status, http, duration, error

        var title: String {
            switch self {
            case .time: return "Time"
            case .webhook: return "Webhook"
            case .event: return "Event"
            case .call: return "Call"
            case .attempts: return "Tries"
            case .status: return "Status"
            case .http: return "HTTP"
            case .duration: return "Took"
            case .error: return "Error"
            }
        }
    }

    typealias Layout = [(column: Column, width: Int)]

    /// The log of one webhook: when narrow the call and the duration give
    /// way (the details strip has them); the error takes what is left.
    static func logColumns(width: Int) -> Layout {
        fit([(.time, rule(8)), (.event, rule(14)), (.call, rule(21, drop: 2)), (.attempts, rule(5)), (.status, rule(9)),
             (.http, rule(4)), (.duration, rule(7, drop: 1)), (.error, rule(5, share: 1))], width: width)
    }

    /// A call's deliveries: the webhook instead of the call; narrow, the tries
    /// and the duration give way.
    static func callColumns(width: Int) -> Layout {
        fit([(.time, rule(8)), (.webhook, rule(12)), (.event, rule(12)), (.attempts, rule(5, drop: 2)),
             (.status, rule(9)), (.http, rule(4)), (.duration, rule(7, drop: 1)), (.error, rule(5, share: 1))], width: width)
    }

    static func rule(_ minimum: Int, wanted: Int? = nil, drop: Int? = nil, share: Int = 0) -> ColumnRule {
        ColumnRule(title: "", shortTitle: "", minimum: minimum, wanted: wanted ?? minimum, share: share, dropOrder: drop)
    }

    /// The columns kept by the table's width rules (one cell between them).
    static func fit(_ columns: [(column: Column, rule: ColumnRule)], width: Int) -> Layout {
        let widths = TableColumns.widths(columns.map(\.rule), total: width, gap: 1)
        return zip(columns, widths).filter { $0.1 > 0 }.map { ($0.0.column, $0.1) }
    }

    static func status(_ delivery: WebhookDelivery) -> String {
        delivery.status == .pending && delivery.nextAttemptAt != nil ? "retrying" : delivery.status.rawValue
    }

    static func duration(_ milliseconds: Double?) -> String {
        guard let milliseconds else { return "–" }
        if milliseconds < 1 { return "<1 ms" }
        if milliseconds < 10_000 { return "\(Int(milliseconds.rounded())) ms" }
        return "\(Int((milliseconds / 1000).rounded())) s"
    }

    static func text(_ column: Column, _ entry: DeliveryLogEntry, zone: TimeZone) -> String {
        let delivery = entry.delivery
        switch column {
        case .time: return CallTimeline.clock(delivery.createdAt, zone)
        case .webhook: return entry.webhookLabel
        case .event: return delivery.event.rawValue
        case .call: return delivery.callID ?? "—"
        case .attempts: return String(delivery.attemptCount)
        case .status: return status(delivery)
        case .http: return delivery.lastStatusCode.map(String.init) ?? "–"
        case .duration: return duration(entry.lastDurationMilliseconds)
        case .error: return delivery.lastError ?? ""
        }
    }

    static func style(_ column: Column, _ delivery: WebhookDelivery) -> Style {
        switch column {
        case .status:
            switch delivery.status {
            case .delivered: return Style(.success)
            case .failed: return .error
            case .pending: return .warning
            }
        case .error: return .error
        case .time, .call, .http, .duration, .attempts: return .muted
        case .webhook, .event: return .text
        }
    }

    static func header(_ layout: Layout) -> CallTimeline.Line {
        layout.enumerated().map { i, cell in
            (TextWidth.fit(cell.column.title, to: cell.width) + (i == layout.count - 1 ? "" : " "), Style(.header, bold: true))
        }
    }

    /// The row; selected, every cell in the selection style.
    static func row(_ entry: DeliveryLogEntry, _ layout: Layout, zone: TimeZone, selected: Style? = nil) -> CallTimeline.Line {
        layout.enumerated().map { i, cell in
            let (column, width) = cell
            let raw = TextWidth.truncate(Renderer.singleLine(text(column, entry, zone: zone)), to: width)
            // Counts line up on the right.
            let cell = column == .attempts ? String(repeating: " ", count: max(0, width - TextWidth.of(raw))) + raw
                : TextWidth.fit(raw, to: width)
            return (cell + (i == layout.count - 1 ? "" : " "), selected ?? style(column, entry.delivery))
        }
    }
}
