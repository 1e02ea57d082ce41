import ActionModel
import CallSimulation
import Foundation

// Everything that leaves the wire path for a log, a screen or the agent goes
// through here: the request as shown (secrets as placeholders), and anything
// the server or the network said masked in case it echoes a secret back.

extension HTTPExchange {
    /// The request part replaced by `shown`, the response part masked.
    public func shown(as shown: HTTPExchange, masking templates: TemplateContext) -> HTTPExchange {
        var safe = self
        safe.method = shown.method
        safe.url = shown.url
        safe.requestHeaders = shown.requestHeaders
        safe.requestBody = shown.requestBody
        return safe.maskingResponse(templates)
    }

    /// Every part masked: for an exchange that was never prepared (a webhook
    /// log, a copy from elsewhere).
    public func masked(_ templates: TemplateContext) -> HTTPExchange {
        var safe = maskingResponse(templates)
        safe.url = templates.mask(url)
        safe.requestHeaders = requestHeaders.map { HTTPHeader(name: $0.name, value: templates.mask($0.value)) }
        safe.requestBody = Self.mask(requestBody, templates)
        return safe
    }

    func maskingResponse(_ templates: TemplateContext) -> HTTPExchange {
        guard templates.masksAnything else { return self }
        var safe = self
        safe.responseHeaders = responseHeaders.map { HTTPHeader(name: $0.name, value: templates.mask($0.value)) }
        safe.responseBody = Self.mask(responseBody, templates)
        return safe
    }

    static func mask(_ bytes: [UInt8], _ templates: TemplateContext) -> [UInt8] {
        guard templates.masksAnything, let text = String(validating: bytes, as: UTF8.self) else { return bytes }
        let masked = templates.mask(text)
        return masked == text ? bytes : Array(masked.utf8)
    }
}

extension InvocationFault {
    public func masked(_ templates: TemplateContext) -> InvocationFault {
        switch self {
        case let .connectionFailed(detail): return .connectionFailed(templates.mask(detail))
        case let .notSent(detail): return .notSent(templates.mask(detail))
        case let .tls(detail): return .tls(templates.mask(detail))
        case let .redirectNotFollowed(detail): return .redirectNotFollowed(templates.mask(detail))
        case let .toolError(detail): return .toolError(templates.mask(detail))
        case let .platformIgnored(detail): return .platformIgnored(templates.mask(detail))
        default: return self
        }
    }
}

extension InvocationOutcome {
    /// The outcome as the agent, the call log and the screen may have it: the
    /// request as shown, every echo of a secret masked.
    public func shown(as shown: HTTPExchange, masking templates: TemplateContext) -> InvocationOutcome {
        switch self {
        case let .success(result, agentMessage, exchange):
            return .success(result: templates.mask(result), agentMessage: agentMessage.map(templates.mask),
                            exchange: exchange.shown(as: shown, masking: templates))
        case let .failure(fault, exchange):
            return .failure(fault.masked(templates), exchange: exchange?.shown(as: shown, masking: templates))
        }
    }
}

extension ActionInvoker {
    /// Prepares the request with `templates` (failing before sending when a
    /// reference is undefined), sends it, and returns the outcome as it may be
    /// shown: the exchange holds the request with secrets as placeholders.
    public func invoke(_ request: InvocationRequest, templates: TemplateContext) async -> InvocationOutcome {
        let prepared: PreparedRequest
        do { prepared = try WireRequest.prepare(request, templates: templates) } catch {
            return .failure(error.fault.masked(templates), exchange: nil)
        }
        let timeout = request.action.customInput?.timeoutSeconds ?? CustomInputConfiguration.defaultTimeoutSeconds
        return await send(prepared, timeoutSeconds: timeout).shown(as: prepared.shown, masking: templates)
    }
}
