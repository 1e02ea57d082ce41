import ActionModel
import CallSimulation
import Screen

/// The request and response of one exchange as lines to draw: method and URL,
/// headers (secrets masked by the console's `SecretMasker`), the body pretty
/// printed when it is JSON, then status, time, headers and body of the answer.
/// Shared by the call pane and the form's test request.
enum Inspector {
    typealias Line = (text: String, style: Style)

    static func lines(exchange: HTTPExchange?, outcome: InvocationOutcome?, pendingSince elapsedMs: Int?,
                      masker: SecretMasker, curl: String?) -> [Line] {
        guard let exchange else {
            if case let .failure(fault, nil)? = outcome {
                return [("Not sent: \(fault.explanation)", .error)]
            }
            return [("No request yet. When the agent has every required field it", .muted),
                    ("sends one; it shows here with its response.", .muted)]
        }
        var lines: [Line] = [("Request", Style(.title, bold: true))]
        lines.append(("\(exchange.method) \(masker.masked(text: exchange.url))", Style(.accent, bold: true)))
        lines += headerLines(exchange.requestHeaders, masker: masker)
        lines.append(("", .text))
        lines += bodyLines(exchange.requestBody, masker: masker)
        lines.append(("", .text))

        if let elapsedMs {
            lines.append(("Response", Style(.title, bold: true)))
            lines.append(("waiting… \(elapsedMs) ms", .muted))
        } else if let outcome {
            lines.append(("Response", Style(.title, bold: true)))
            let answered: HTTPExchange
            switch outcome {
            case let .success(_, _, received):
                answered = received
                lines.append(("\(CallPane.statusText(received.status)) · \(CallPane.milliseconds(received))", Style(.success, bold: true)))
            case let .failure(fault, received):
                answered = received ?? exchange
                let timing = received.map { " · \(CallPane.milliseconds($0))" } ?? ""
                let status = received?.status.map { CallPane.statusText($0) + " · " } ?? ""
                lines.append(("✗ \(status)\(fault.code): \(fault.explanation)\(timing)", Style(.error, bold: true)))
            }
            if answered.status != nil {
                lines += headerLines(answered.responseHeaders, masker: masker)
                lines.append(("", .text))
                lines += bodyLines(answered.responseBody, masker: masker)
            }
        }
        if let curl {
            lines.append(("", .text))
            lines.append(("curl (secrets masked here)", Style(.title, bold: true)))
            for line in curl.split(separator: "\n", omittingEmptySubsequences: false) { lines.append((String(line), .text)) }
        }
        return lines
    }

    static func headerLines(_ headers: [HTTPHeader], masker: SecretMasker) -> [Line] {
        headers.map { header in
            let shown = masker.masked(header)
            return ("\(shown.name): \(masker.masked(text: shown.value))", .muted)
        }
    }

    /// JSON pretty printed, other text as it came (cut after 200 lines), or "(empty body)".
    static func bodyLines(_ bytes: [UInt8], masker: SecretMasker) -> [Line] {
        if bytes.isEmpty { return [("(empty body)", .muted)] }
        let text: String
        if let json = try? JSONValue(parsing: bytes) {
            text = json.prettyText
        } else {
            text = String(decoding: bytes, as: UTF8.self)
        }
        let all = masker.masked(text: text).split(separator: "\n", omittingEmptySubsequences: false)
        var lines = all.prefix(200).map { (String($0).replacingTabs, Style.text) }
        if all.count > 200 { lines.append(("… \(all.count - 200) more lines", .muted)) }
        return lines
    }

    /// Draws `lines` from `scroll` in `rect`, with a position marker when they don't all fit.
    static func draw(_ lines: [Line], scroll: Int, in rect: Rect, into buffer: inout ScreenBuffer) {
        guard rect.height > 0, rect.width > 2 else { return }
        let start = clampedScroll(scroll, count: lines.count, rows: rect.height)
        for (offset, line) in lines.dropFirst(start).prefix(rect.height).enumerated() {
            buffer.put(TextWidth.truncate(line.text, to: rect.width), x: rect.x, y: rect.y + offset, style: line.style)
        }
        if lines.count > rect.height {
            let marker = " \(start + 1)–\(min(lines.count, start + rect.height))/\(lines.count) "
            buffer.put(marker, x: rect.maxX - TextWidth.of(marker), y: rect.maxY - 1, style: .muted)
        }
    }

    static func clampedScroll(_ scroll: Int, count: Int, rows: Int) -> Int {
        max(0, min(scroll, count - rows))
    }
}

extension String {
    fileprivate var replacingTabs: String { contains("\t") ? String(map { $0 == "\t" ? " " : $0 }) : self }
}
