import ActionModel
import CallSimulation
import Foundation

/// "Copy as curl" for a request in the call log or the inspector.
///
/// By default secrets stay placeholders (`{{secret.API_KEY}}`), so the text
/// can be pasted into a ticket or a chat; with `includeSecrets` they are
/// filled in from `templates` (the caller asked for it explicitly). Give it
/// the shown exchange (`PreparedRequest.shown`, or one from the log); an
/// exchange holding real values is masked with `templates` unless secrets are asked for.
public func curlCommand(
    for exchange: HTTPExchange, includeSecrets: Bool = false, templates: TemplateContext = TemplateContext()
) throws(TemplateError) -> String {
    func text(_ value: String) throws(TemplateError) -> String {
        includeSecrets ? try fillSecrets(value, templates) : templates.mask(value)
    }
    var lines = ["curl -X \(exchange.method) \(shellQuoted(try text(exchange.url)))"]
    for header in exchange.requestHeaders where header.name.lowercased() != "content-length" {
        lines.append("-H \(shellQuoted("\(header.name): \(try text(header.value))"))")
    }
    if !exchange.requestBody.isEmpty {
        let body = String(decoding: exchange.requestBody, as: UTF8.self)
        lines.append("--data-binary \(shellQuoted(includeSecrets ? body : templates.mask(body)))")
    }
    return lines.joined(separator: " \\\n  ")
}

/// Fills in only `{{secret.…}}` (env values are already filled in a shown exchange).
func fillSecrets(_ text: String, _ templates: TemplateContext) throws(TemplateError) -> String {
    guard Templates.hasTemplates(text) else { return text }
    var result = ""
    for segment in Templates.segments(text) {
        switch segment {
        case let .text(literal): result += literal
        case let .reference(reference) where reference.namespace == .secret: result += try templates.value(of: reference)
        case let .reference(reference): result += reference.description
        case let .other(inside): result += "{{\(inside)}}"
        case let .unclosed(rest): result += rest
        }
    }
    return result
}

/// POSIX single quotes: everything literal, a quote as '\''.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
