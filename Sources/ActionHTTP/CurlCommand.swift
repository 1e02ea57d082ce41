import ActionModel
import CallSimulation
import Foundation

/// "Copy as curl" for a request in the call log or the inspector: the same
/// method, URL, headers in order and body bytes, as a shell command.
///
/// By default secrets stay placeholders (`{{secret.API_KEY}}`), so the text
/// can be pasted into a ticket or a chat; with `includeSecrets` they are
/// filled in from `templates` (the caller asked for it explicitly). Give it
/// the shown exchange (`PreparedRequest.shown`, or one from the log); an
/// exchange holding real values is masked with `templates` unless secrets are asked for.
/// A `masker` (for the screen) also hides credentials written into an action
/// literally, which no template marks (`Authorization: Bearer abc…`).
public func curlCommand(
    for exchange: HTTPExchange, includeSecrets: Bool = false, templates: TemplateContext = TemplateContext(),
    masker: SecretMasker? = nil
) throws(TemplateError) -> String {
    func text(_ value: String) throws(TemplateError) -> String {
        let filled = includeSecrets ? try fillSecrets(value, templates) : templates.mask(value)
        return masker?.masked(text: filled) ?? filled
    }
    var lines = ["curl -X \(exchange.method) \(shellQuoted(try text(exchange.url)))"]
    for original in exchange.requestHeaders where original.name.lowercased() != "content-length" {
        let header = masker?.masked(original) ?? original
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
