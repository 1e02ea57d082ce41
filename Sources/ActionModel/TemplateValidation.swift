import Foundation

extension FieldRules {
    /// The shape of `{{…}}` in a URL, header value or signature secret, without
    /// looking values up: each must be `{{secret.NAME}}` or `{{env.NAME}}` with a
    /// valid name, and closed. Whether it is defined depends on the environment
    /// (`TemplateContext.issues(for:)`).
    public static func templates(_ text: String) -> String? {
        guard Templates.hasTemplates(text) else { return nil }
        for segment in Templates.segments(text) {
            switch segment {
            case .text: continue
            case .unclosed: return "a '{{' is never closed with '}}'"
            case let .other(inside): return TemplateContext.otherProblem(inside)
            case let .reference(reference):
                let what = reference.namespace == .secret ? "secret" : "variable"
                if let problem = TemplateNames.problem(reference.name, what: what) { return "\(reference): \(problem)" }
            }
        }
        return nil
    }
}

extension TemplateContext {
    /// What would stop the action's request in this environment, field by
    /// field (`url`, `headers`, `signature-secret`): undefined or malformed
    /// references. Empty when the request can be sent. For the form, before a call.
    public func issues(for action: Action) -> [FieldIssue] {
        guard let config = action.customInput else { return [] }
        return issues(for: config)
    }

    public func issues(for config: CustomInputConfiguration) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        func check(_ field: ActionField, _ text: String?) {
            guard let text, Templates.hasTemplates(text) else { return }
            do { _ = try resolve(text) } catch { issues.append(FieldIssue(field, error.message)) }
        }
        check(.url, config.url)
        for header in config.headers {
            guard Templates.hasTemplates(header.value) else { continue }
            do { _ = try resolve(header.value) } catch {
                issues.append(FieldIssue(.headers, "\(header.name): \(error.message)"))
            }
        }
        check(.signatureSecret, config.signatureSecret)
        return issues
    }

    /// The configuration as it goes on the wire: URL, header values and the
    /// signature secret filled in. Throws for the first field that can't be.
    public func resolved(_ config: CustomInputConfiguration) throws(TemplateFieldError) -> CustomInputConfiguration {
        try fill(config, keepingSecrets: false)
    }

    /// The configuration as it may be shown or saved: env filled in, secrets as `{{secret.NAME}}`.
    public func displayed(_ config: CustomInputConfiguration) throws(TemplateFieldError) -> CustomInputConfiguration {
        try fill(config, keepingSecrets: true)
    }

    func fill(_ config: CustomInputConfiguration, keepingSecrets: Bool) throws(TemplateFieldError) -> CustomInputConfiguration {
        var filled = config
        do {
            filled.url = try config.url.map { text throws(TemplateError) in try render(text, keepingSecrets: keepingSecrets) }
        } catch { throw TemplateFieldError(field: .url, error: error) }
        for index in filled.headers.indices {
            do {
                filled.headers[index].value = try render(config.headers[index].value, keepingSecrets: keepingSecrets)
            } catch {
                throw TemplateFieldError(field: .headers, error: TemplateError(
                    reference: error.reference, message: "\(config.headers[index].name): \(error.message)"))
            }
        }
        do {
            filled.signatureSecret = try config.signatureSecret.map { text throws(TemplateError) in
                try render(text, keepingSecrets: keepingSecrets)
            }
        } catch { throw TemplateFieldError(field: .signatureSecret, error: error) }
        return filled
    }
}

extension Action {
    /// Every `{{secret.NAME}}` and `{{env.NAME}}` the action uses, in order, without repeats.
    public var templateReferences: [TemplateReference] {
        guard let config = customInput else { return [] }
        var seen = Set<TemplateReference>()
        let texts = [config.url ?? ""] + config.headers.map(\.value) + [config.signatureSecret ?? ""]
        return texts.flatMap(Templates.references(in:)).filter { seen.insert($0).inserted }
    }
}

/// A `{{secret.X}}` or `{{env.X}}` an action uses that has no value here,
/// with the message that says how to define it.
public struct UndefinedReference: Sendable, Equatable {
    public var reference: TemplateReference
    /// Where the action uses it: `url`, `headers` or `signature-secret`.
    public var field: ActionField
    public var message: String

    public init(reference: TemplateReference, field: ActionField, message: String) {
        self.reference = reference
        self.field = field
        self.message = message
    }
}

extension TemplateContext {
    /// Every reference the action uses that this environment can't fill in,
    /// in order, once each: what a call would fail on before sending. Pure, for
    /// the warning before a call and for the Secrets page.
    public func undefinedReferences(in action: Action) -> [UndefinedReference] {
        guard let config = action.customInput else { return [] }
        var found: [UndefinedReference] = []
        var seen = Set<TemplateReference>()
        let fields: [(ActionField, String)] = [(.url, config.url ?? "")] + config.headers.map { (.headers, $0.value) }
            + [(.signatureSecret, config.signatureSecret ?? "")]
        for (field, text) in fields {
            for reference in Templates.references(in: text) where !seen.contains(reference) {
                do { _ = try value(of: reference) } catch {
                    seen.insert(reference)
                    found.append(UndefinedReference(reference: reference, field: field, message: error.message))
                }
            }
        }
        return found
    }

    /// The references any of `actions` uses that aren't defined here, each with
    /// the IDs of the actions that use it, in first-use order: "referenced but
    /// not defined".
    public func undefinedReferences(in actions: [Action]) -> [(reference: UndefinedReference, actions: [ActionID])] {
        var order: [TemplateReference] = []
        var byReference: [TemplateReference: (UndefinedReference, [ActionID])] = [:]
        for action in actions {
            for undefined in undefinedReferences(in: action) {
                if byReference[undefined.reference] == nil {
                    order.append(undefined.reference)
                    byReference[undefined.reference] = (undefined, [])
                }
                byReference[undefined.reference]?.1.append(action.id)
            }
        }
        return order.compactMap { byReference[$0].map { (reference: $0.0, actions: $0.1) } }
    }
}
