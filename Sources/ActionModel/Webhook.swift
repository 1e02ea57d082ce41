import Foundation

/// A URL that is told about calls as they happen: which events it wants, and
/// the name of the secret its requests are signed with.
public struct Webhook: Sendable, Equatable, Identifiable {
    public var id: WebhookID
    public var label: String
    public var url: String
    /// The events it subscribes to, in `WebhookEventType.subscribable` order, without repeats.
    public var events: [WebhookEventType]
    /// The NAME of a signing secret (resolved when a request is signed, never stored here as a value).
    public var secretName: String?
    public var isEnabled: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: WebhookID = WebhookID.generate(), label: String, url: String, events: [WebhookEventType], secretName: String? = nil,
        isEnabled: Bool = true, createdAt: Date = Date(), updatedAt: Date? = nil, version: Int = 1
    ) {
        self.id = id
        self.label = label
        self.url = url
        self.events = WebhookEventType.normalized(events)
        self.secretName = secretName
        self.isEnabled = isEnabled
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.version = version
    }

    public func subscribes(to event: WebhookEventType) -> Bool { events.contains(event) }

    /// Problems that keep the webhook from being saved, each naming the field and how to fix it.
    public var issues: [String] {
        var problems: [String] = []
        if label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append("Label: give the webhook a label, e.g. \"CRM sync\"")
        }
        if let problem = Self.urlProblem(url) { problems.append("URL: \(problem)") }
        if events.isEmpty {
            problems.append("Events: subscribe to at least one of \(WebhookEventType.subscribableList)")
        }
        if events.contains(.test) { problems.append("Events: 'test' is sent by `webhooks test`, not subscribed to") }
        if let secretName, let problem = Self.secretNameProblem(secretName) { problems.append("Secret: \(problem)") }
        return problems
    }

    /// nil when `url` is an absolute http(s) URL with a host, else what is wrong.
    public static func urlProblem(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "enter the URL to POST to, e.g. https://example.com/hooks/calls" }
        guard let parsed = URL(string: trimmed), let scheme = parsed.scheme?.lowercased() else {
            return "'\(url)' is not an absolute URL; write it like https://example.com/hooks/calls"
        }
        guard scheme == "http" || scheme == "https" else {
            return "'\(url)' uses \(scheme):; webhooks are sent over http:// or https://"
        }
        guard let host = parsed.host, !host.isEmpty else { return "'\(url)' has no host; write it like https://example.com/hooks/calls" }
        if let problem = URLPort.problem(trimmed) { return problem }
        return nil
    }

    /// Secret names are identifiers (letters, digits, underscore; not starting
    /// with a digit), so they read the same as `{{secret.NAME}}` and as an
    /// environment variable suffix.
    public static func secretNameProblem(_ name: String) -> String? {
        let valid = !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
            && !(name.first?.isNumber ?? true)
        // The text is not repeated: it may be a secret's value pasted by mistake.
        return valid ? nil : "that is not a secret name; give the NAME of the secret (letters, digits and _, e.g. CRM_WEBHOOK_KEY), never its value"
    }
}

/// What a webhook can be told about. `test` is only sent by `webhooks test`.
public enum WebhookEventType: String, Sendable, Equatable, Hashable, CaseIterable {
    case callConnected = "call_connected"
    case callEnded = "call_ended"
    case callDidNotConnect = "call_did_not_connect"
    case message
    case action
    case transcript
    case error
    case test

    /// Every event a webhook may subscribe to, in the order lists show them.
    public static let subscribable: [WebhookEventType] = allCases.filter { $0 != .test }
    public static var subscribableList: String { subscribable.map(\.rawValue).joined(separator: ", ") }

    /// Parses a subscribable event name; the error lists the valid ones.
    public static func parse(_ text: String) -> Result<WebhookEventType, WebhookEventNameError> {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let event = WebhookEventType(rawValue: name), event != .test else { return .failure(WebhookEventNameError(name: text)) }
        return .success(event)
    }

    /// Canonical order, each event once.
    public static func normalized(_ events: [WebhookEventType]) -> [WebhookEventType] {
        allCases.filter(events.contains)
    }
}

public struct WebhookEventNameError: Error, Equatable, CustomStringConvertible {
    public var name: String
    public var description: String { "'\(name)' is not a webhook event; use one of \(WebhookEventType.subscribableList)" }
}

/// `wh_` + 16 Crockford base32 characters.
public struct WebhookID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init?(_ text: String) {
        guard let parsed = PrefixedID.parse(text, prefix: "wh_") else { return nil }
        rawValue = parsed
    }
    init(unchecked: String) { rawValue = unchecked }
    public static func generate() -> WebhookID { WebhookID(unchecked: PrefixedID.generate(prefix: "wh_")) }
    public var description: String { rawValue }
    public static func < (lhs: WebhookID, rhs: WebhookID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// `whd_` + 16 Crockford base32 characters: one delivery of one event to one webhook,
/// sent as the `X-Switchboard-Delivery` header so receivers can drop repeats.
public struct DeliveryID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init?(_ text: String) {
        guard let parsed = PrefixedID.parse(text, prefix: "whd_") else { return nil }
        rawValue = parsed
    }
    init(unchecked: String) { rawValue = unchecked }
    public static func generate() -> DeliveryID { DeliveryID(unchecked: PrefixedID.generate(prefix: "whd_")) }
    public var description: String { rawValue }
    public static func < (lhs: DeliveryID, rhs: DeliveryID) -> Bool { lhs.rawValue < rhs.rawValue }
}
