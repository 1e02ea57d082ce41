import ActionModel
import Platforms
import Screen

/// `actions list` as a table that lines up in any script (CJK and emoji take two cells).
enum ActionTable {
    static func render(_ actions: [ActionSummary]) -> String {
        if actions.isEmpty { return "No actions yet. Create one with `switchboard actions create --kind custom-input --name …`." }
        return TextTable.render(
            headers: ["ID", "KIND", "NAME", "FUNCTION", "TRIGGER", "PHONE"],
            rows: actions.map { action in
                [action.id.rawValue, action.kind.rawValue, action.name, action.functionName, action.trigger.label, action.phoneNumber ?? ""]
            },
            caps: [24, 16, 40, 40, 32, 16])
    }
}

/// A plain-text table for the command line that lines up in any script (CJK
/// and emoji take two cells); long cells are cut so one row stays one line.
enum TextTable {
    static func render(headers: [String], rows: [[String]], caps: [Int]) -> String {
        var widths = headers.map { TextWidth.of($0) }
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = min(caps[index], max(widths[index], TextWidth.of(cell))) } }
        func line(_ cells: [String]) -> String {
            var text = cells.enumerated().map { TextWidth.fit($0.element, to: widths[$0.offset]) }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}

/// `actions show` without --json: every field, labelled as in the console's form.
enum ActionDetails {
    /// `templates` (the active environment) adds what the action's references
    /// fill in with there, and each one that would stop a request.
    static func render(_ action: Action, templates: TemplateContext? = nil) -> String {
        var lines: [(String, String)] = [
            ("ID", action.id.rawValue),
            ("Kind", action.kind.title),
            ("Action Name", action.name),
            ("Function name", action.functionName),
            ("Description", action.description),
            ("Action Trigger", action.trigger.label),
            ("Platform", action.platform.title),
        ]
        switch action.configuration {
        case let .customInput(config):
            lines.append(("URL", config.url ?? "(needs a URL)"))
            lines.append(("Speak on Send", config.speakOnSend))
            lines.append(("Speak on Receive", config.speakOnReceive))
            lines.append(("Timeout", "\(config.timeoutSeconds) s"))
            let shape = PlatformRequest.bodyShape(action.platform, config.bodyFormat)
            lines.append(("Body format", PlatformRequest.usesBodyFormat(action.platform)
                ? "\(config.bodyFormat.rawValue): \(shape)"
                : "set by \(action.platform.title): \(shape)"))
            let beforeSending = [config.asksOptionalFields ? "asks the optional fields once" : nil, config.readsBack ? "reads the values back" : nil]
                .compactMap { $0 }
            lines.append(("Before sending", beforeSending.isEmpty ? "sends once the required fields are in" : beforeSending.joined(separator: ", ")))
            lines.append(("Headers", config.headers.map { "\($0.name): \($0.value)" }.joined(separator: "; ")))
            let signatureHeader = PlatformRequest.signatureHeaderName(action.platform)
            lines.append(("Signature", config.signatureSecret == nil ? "not signed"
                : signatureHeader.map { "signed (\($0))" } ?? "a secret is set, but \(action.platform.title) signs nothing"))
            let properties = config.inputSchema.properties
            lines.append(("Input Schema", properties.isEmpty ? "no properties" : "\(properties.count) properties"))
            for property in properties {
                var detail = property.typeLabel + (property.isRequired ? ", required" : ", optional")
                if property.isEnum { detail += " (" + property.enumValues.joined(separator: " | ") + ")" }
                if let format = property.format { detail += ", format \(format.rawValue)" }
                if let minimum = property.minimum { detail += ", min \(JSONValue.number(minimum).integerValue.map(String.init) ?? String(minimum))" }
                if let maximum = property.maximum { detail += ", max \(JSONValue.number(maximum).integerValue.map(String.init) ?? String(maximum))" }
                if !property.description.isEmpty { detail += " — " + property.description }
                lines.append(("  " + property.name, detail))
            }
        case let .endConversation(config):
            lines.append(("Goodbye line", config.goodbye))
        case let .transferCalls(config):
            lines.append(("Phone Number", config.phoneNumber))
        case let .dtmf(config):
            lines.append(("Buttons", config.buttons))
        case let .warmTransfer(config):
            lines.append(("Phone Number", config.phoneNumber))
            lines.append(("Handoff summary", config.summary))
        }
        let references = action.templateReferences
        if !references.isEmpty {
            lines.append(("References", references.map(\.description).joined(separator: ", ")))
            if let templates {
                let issues = templates.issues(for: action)
                lines.append(("Environment", (templates.environmentName ?? "none active")
                              + (issues.isEmpty ? ": every reference is defined" : ": a call would fail before sending")))
                for issue in issues { lines.append(("  ! " + issue.field.label, issue.message)) }
            }
        }
        lines.append(("Version", "\(action.version), updated \(Timestamp.format(action.updatedAt))"))
        let labelWidth = lines.map { TextWidth.of($0.0) }.max() ?? 0
        return lines.map { TextWidth.fit($0.0, to: labelWidth) + "  " + $0.1 }.joined(separator: "\n")
    }
}
