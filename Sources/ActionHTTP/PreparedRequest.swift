import ActionModel
import CallSimulation
import Foundation
import Platforms

/// A request with its templates filled in, in the two forms it has: the one
/// that goes on the wire, and the one that may be shown or saved.
public struct PreparedRequest: Sendable, Equatable {
    /// Every `{{env.…}}` and `{{secret.…}}` filled in. Send it; never log or print it.
    public var wire: HTTPExchange
    /// The same request with secrets left as `{{secret.NAME}}` (env values
    /// filled in): for the call log, the inspector, transcripts and curl.
    public var shown: HTTPExchange
    /// Whose response contract the answer is read by, and the tool call id
    /// Vapi's answer must echo.
    public var platform: ActionPlatform = .fluents
    public var toolCallID: String = ""
}

extension WireRequest {
    /// Fills in the action's templates with `templates` and builds both forms
    /// of the request. Fails before anything is sent when a reference is
    /// undefined; no error carries a secret's value.
    public static func prepare(_ request: InvocationRequest, templates: TemplateContext, now: Date = Date()) throws(WireRequestError) -> PreparedRequest {
        guard let config = request.action.customInput else { throw .notCustomInput }
        guard !config.needsURL else { throw .needsURL }
        let resolved: CustomInputConfiguration
        let displayed: CustomInputConfiguration
        do {
            resolved = try templates.resolved(config)
            displayed = try templates.displayed(config)
        } catch {
            throw .unresolvedTemplate(error.issue)
        }
        for (index, header) in resolved.headers.enumerated()
        where header.value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            // A value with a line break would smuggle in headers of its own.
            throw .unresolvedTemplate(FieldIssue(.headers, "\(header.name): the value of '\(config.headers[index].value)' has a line break once filled in; a header must be one line"))
        }
        for (index, header) in resolved.headers.enumerated() {
            // A control character (from a secret read from the environment, say) would make
            // the HTTP client refuse the header and quote its value in the error.
            if let (_, scalar) = SecretValueRules.firstControl(in: header.value, allowingTab: true) {
                throw .unresolvedTemplate(FieldIssue(.headers, "\(header.name): the value of '\(config.headers[index].value)' has a control character (\(SecretValueRules.codePoint(scalar))) once filled in; a header value must be printable text"))
            }
        }

        let wire: HTTPExchange
        do {
            wire = try build(request.with(resolved), now: now)
        } catch {
            if case .invalidURL = error { throw .invalidURL(displayed.url ?? "") }  // the URL as written, secrets as placeholders
            throw error
        }
        // The shown form: the same builder on the displayed fields, and the
        // signature computed with the real key (an HMAC reveals nothing of it).
        // The wire URL goes through the builder (a placeholder may not parse as
        // a URL) and is swapped for the displayed one after; never fall back to `wire`.
        var unsigned = displayed
        unsigned.url = resolved.url
        unsigned.signatureSecret = nil
        var shown = try build(request.with(unsigned), now: now)
        let platform = request.action.platform
        shown.url = PlatformRequest.url(platform, url: displayed.url ?? "", arguments: request.arguments)
        if let name = PlatformRequest.signatureHeaderName(platform),
           let signature = wire.requestHeaders.first(where: { $0.name == name }) {
            shown.requestHeaders.append(signature)
        }
        return PreparedRequest(wire: wire, shown: shown, platform: platform,
                               toolCallID: toolCall(request, now: now).toolCallID)
    }
}

extension InvocationRequest {
    func with(_ config: CustomInputConfiguration) -> InvocationRequest {
        var copy = self
        copy.action.configuration = .customInput(config)
        return copy
    }
}
