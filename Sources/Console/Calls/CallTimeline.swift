import ActionModel
import Foundation
import Screen

/// A call's record and events as lines of text for the call view: the
/// transcript (who said what), then the action timeline (every other event
/// with the action, parameters sent, HTTP status, result and error).
enum CallTimeline {
    typealias Line = [(String, Style)]

    static let transcriptTypes: Set<String> = ["agent_said", "caller_said", "caller_not_heard"]

    static func isTranscript(_ type: String) -> Bool { transcriptTypes.contains(type) }

    // MARK: Times

    static func components(_ date: Date, _ zone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    static func pad(_ value: Int?, _ width: Int = 2) -> String {
        let text = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// "10:04:05"
    static func clock(_ date: Date, _ zone: TimeZone) -> String {
        let c = components(date, zone)
        return "\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
    }

    /// "2026-01-02 10:04:05"
    static func dateTime(_ date: Date, _ zone: TimeZone) -> String {
        let c = components(date, zone)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day)) " + clock(date, zone)
    }

    /// "1m 05s", "12s", "—" for a call that has not ended.
    static func duration(_ call: CallRecord) -> String {
        guard let ended = call.endedAt else { return "—" }
        let seconds = max(0, Int(ended.timeIntervalSince(call.startedAt).rounded()))
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m \(pad(seconds % 60))s" }
        return "\(seconds / 3600)h \(pad(seconds / 60 % 60))m"
    }

    static func endReason(_ call: CallRecord) -> String {
        (call.endReason ?? "not ended").replacingOccurrences(of: "_", with: " ")
    }

    // MARK: The view's lines

    /// Two header lines: who and when, then where it started and how much happened.
    static func header(_ call: CallRecord, events: Int, actionName: (ActionID) -> String?, zone: TimeZone) -> [Line] {
        var second: Line = [("\(events) event\(events == 1 ? "" : "s")", .text), ("  ·  origin ", .muted), (call.origin, .text)]
        if let id = call.startedFromAction {
            second += [("  ·  started from ", .muted), (actionName(id) ?? "a deleted action", .text), (" (\(id))", .muted)]
        }
        return [
            [(call.agentName, Style(.accent, bold: true)), ("  ·  ", .muted), (dateTime(call.startedAt, zone), .text),
             ("  ·  ", .muted), (duration(call), .text), ("  ·  ", .muted),
             (endReason(call), call.endReason == "error" ? .error : .text)],
            second,
        ]
    }

    static func body(_ events: [CallLogEntry], actionName: (ActionID) -> String?, zone: TimeZone, width: Int) -> [Line] {
        let width = max(20, width)
        var lines: [Line] = [[("Transcript", Style(.title, bold: true))]]
        let said = events.filter { isTranscript($0.type) }
        if said.isEmpty { lines.append([("  Nothing was said.", .muted)]) }
        for event in said {
            let who: String
            var style: Style = .text
            switch event.type {
            case "agent_said": who = "Agent"; style = Style(.accent)
            case "caller_said": who = "Caller"
            default: who = "Caller"; style = .muted
            }
            let prefix = "  " + clock(event.time, zone) + "  " + TextWidth.fit(who, to: 7)
            let text = event.type == "caller_not_heard" ? "(not heard: \(event.text))" : event.text
            lines += wrapped(prefix: [(prefix, style)], prefixWidth: TextWidth.of(prefix), text: text, style: style == Style(.accent) ? .text : style, width: width)
        }
        lines.append([])
        lines.append([("Action timeline", Style(.title, bold: true))])
        let timeline = events.filter { !isTranscript($0.type) }
        if timeline.isEmpty { lines.append([("  No actions were used.", .muted)]) }
        // Wide, the details line up under the event's text; narrow, under its type.
        let typeWidth = 17
        let textIndent = 2 + 8 + 2 + typeWidth + 1
        let indent = width >= 90 ? textIndent : 12
        for event in timeline {
            let failed = isFailure(event)
            let typeStyle: Style = failed ? Style(.error, bold: true) : Style(.keyHint, bold: true)
            let prefix = "  " + clock(event.time, zone) + "  "
            if width >= 90 {
                lines += wrapped(prefix: [(prefix, .muted), (TextWidth.fit(event.type, to: typeWidth) + " ", typeStyle)],
                                 prefixWidth: textIndent, text: event.text, style: failed ? .error : .text, width: width)
            } else {
                // Narrow: the type on the time's line, what happened under it.
                lines.append([(prefix, .muted), (event.type, typeStyle)])
                lines += wrapped(prefix: [(String(repeating: " ", count: indent), .muted)], prefixWidth: indent,
                                 text: event.text, style: failed ? .error : .text, width: width)
            }
            for (label, value, style) in details(event, actionName: actionName) {
                let labelText = String(repeating: " ", count: indent) + TextWidth.fit(label, to: 11) + " "
                lines += wrapped(prefix: [(labelText, .muted)], prefixWidth: indent + 12, text: value, style: style, width: width)
            }
        }
        return lines
    }

    static func isFailure(_ event: CallLogEntry) -> Bool {
        event.type == "action_failed" || event.data["error"] != nil
    }

    /// The labelled lines under an event: action, parameters, status, result, error.
    static func details(_ event: CallLogEntry, actionName: (ActionID) -> String?) -> [(String, String, Style)] {
        var out: [(String, String, Style)] = []
        if let id = event.actionID { out.append(("action", "\(actionName(id) ?? "deleted action") · \(id)", .muted)) }
        let data = event.data
        if let parameters = data["parameters"] { out.append(("parameters", parameters.compactText, .text)) }
        if let status = data["status"], !status.isNull {
            var text = "HTTP \(status.compactText)"
            if let ms = data["duration_ms"]?.numericValue { text += " in \(Int(ms.rounded())) ms" }
            out.append(("status", text, .text))
        }
        if let result = data["result"] { out.append(("result", result.compactText, Style(.success))) }
        if let message = data["agent_message"]?.stringValue { out.append(("says", message, .text)) }
        if let error = data["error"]?.stringValue {
            let detail = data["detail"]?.stringValue.map { ": " + $0 } ?? ""
            out.append(("error", error + detail, .error))
        }
        if let body = data["body"], event.type == "response" { out.append(("body", body.compactText, .muted)) }
        return out
    }

    /// `prefix` then `text` wrapped to `width`, continuation lines indented to the text.
    static func wrapped(prefix: Line, prefixWidth: Int, text: String, style: Style, width: Int) -> [Line] {
        let room = max(8, width - prefixWidth)
        let parts = ActionEditorState.wrap(Renderer.singleLine(text), width: room)
        guard let first = parts.first else { return [prefix] }
        var lines: [Line] = [prefix + [(first, style)]]
        for part in parts.dropFirst() { lines.append([(String(repeating: " ", count: prefixWidth) + part, style)]) }
        return lines
    }
}
