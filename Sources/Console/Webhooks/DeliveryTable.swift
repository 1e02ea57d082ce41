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

    /// The log of one webhook: wide, the call and duration get columns; narrow, the details strip has them.
    static func logColumns(width: Int) -> Layout {
        fit(width >= 90 ? [(.time, 8), (.event, 20), (.call, 21), (.attempts, 5), (.status, 9), (.http, 4), (.duration, 7), (.error, 0)]
                        : [(.time, 8), (.event, 14), (.attempts, 5), (.status, 9), (.http, 4), (.error, 0)], width: width)
    }

    /// A call's deliveries: the webhook instead of the call.
    static func callColumns(width: Int) -> Layout {
        fit(width >= 90 ? [(.time, 8), (.webhook, 16), (.event, 20), (.attempts, 5), (.status, 9), (.http, 4), (.duration, 7), (.error, 0)]
                        : [(.time, 8), (.webhook, 12), (.event, 12), (.status, 9), (.http, 4), (.error, 0)], width: width)
    }

    /// The error column gets what is left (at least 5 cells).
    static func fit(_ columns: Layout, width: Int) -> Layout {
        let fixed = columns.reduce(0) { $0 + $1.width } + (columns.count - 1)
        return columns.map { $0.column == .error ? ($0.column, max(5, width - fixed)) : $0 }
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
