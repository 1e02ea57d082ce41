import Foundation

/// Decides which header values and which pieces of text are secret, and draws
/// them as bullets: the inspector, the call pane and "copy as curl" on screen
/// all go through one masker, so a secret never shows in clear.
///
/// It is a value with pluggable rules: the standard one knows the usual
/// credential headers; a secrets store adds the values it handed out
/// (`{{secret.X}}`) with `adding(secretValues:)`, and anything else can add a
/// rule with `adding(rule:)`.
public struct SecretMasker: Sendable {
    /// True when a header's value must not be shown.
    public typealias Rule = @Sendable (HTTPHeader) -> Bool

    public static let mask = "••••••••"

    private var rules: [Rule]
    /// Literal secret values, masked wherever they appear (headers, URL, body).
    public private(set) var secretValues: [String]

    public init(rules: [Rule] = [], secretValues: [String] = []) {
        self.rules = rules
        self.secretValues = secretValues.filter { !$0.isEmpty }
    }

    /// Credential headers by name (`Authorization`, `x-vocode-signature`,
    /// cookies, anything named like a key, token, secret or password) and
    /// values that read as credentials (`Bearer …`, `Basic …`).
    public static let standard = SecretMasker(rules: [SecretMasker.looksSecret])

    public func adding(rule: @escaping Rule) -> SecretMasker {
        var copy = self
        copy.rules.append(rule)
        return copy
    }

    public func adding(secretValues values: [String]) -> SecretMasker {
        var copy = self
        copy.secretValues += values.filter { !$0.isEmpty }
        return copy
    }

    public func isSecret(_ header: HTTPHeader) -> Bool {
        // `Bearer {{secret.API_KEY}}` shows no secret, only where it comes from:
        // hiding it would hide the one thing worth checking.
        if Self.holdsOnlyPlaceholders(header.value) { return false }
        return rules.contains { $0(header) } || secretValues.contains { header.value.contains($0) }
    }

    /// True when every part of the value that could be a credential is a
    /// `{{…}}` reference (an auth scheme word around it is fine).
    static func holdsOnlyPlaceholders(_ value: String) -> Bool {
        let segments = Templates.segments(value)
        guard segments.contains(where: { if case .reference = $0 { true } else { false } }) else { return false }
        for segment in segments {
            switch segment {
            case .reference: continue
            case let .text(literal):
                let words = literal.lowercased().split(whereSeparator: \.isWhitespace)
                if !words.allSatisfy({ ["bearer", "basic", "token"].contains($0) }) { return false }
            case .other, .unclosed: return false
            }
        }
        return true
    }

    /// The header with its value replaced by bullets when it is secret.
    public func masked(_ header: HTTPHeader) -> HTTPHeader {
        isSecret(header) ? HTTPHeader(name: header.name, value: Self.mask) : header
    }

    /// `text` with every known secret value replaced by bullets.
    public func masked(text: String) -> String {
        var result = text
        for value in secretValues { result = result.replacingOccurrences(of: value, with: Self.mask) }
        return result
    }

    /// Headers whose whole name says "credential".
    static let secretNames: Set<String> = [
        "authorization", "proxy-authorization", "x-vocode-signature", "cookie", "set-cookie", "x-api-key", "api-key", "apikey",
    ]
    /// A word of the name (split at `-`, `_`, spaces) that makes it a credential
    /// header: `X-Auth-Token`, `Client-Secret`, `X-Session-Key`, `Stripe-Key`.
    static let secretNameWords: Set<String> = [
        "auth", "authorization", "authentication", "token", "secret", "password", "passwd", "signature", "credential",
        "credentials", "cookie", "session", "key", "apikey", "jwt",
    ]
    /// Glued spellings the word split misses (`XApiKey`, `AccessToken`).
    static let secretNameParts = ["apikey", "api_key", "token", "secret", "password", "passwd"]
    /// Named like a key, yet not a credential: a fresh random value per request.
    static let notSecretNames: Set<String> = ["idempotency-key"]

    /// Whether a header of this name holds a credential, by its name alone:
    /// `Authorization`, `Cookie`, anything named `*-Key`, `*-Token`, `*-Secret`,
    /// a password or a signature. A header not named so (`Content-Type`,
    /// `X-Tenant`, `X-Author`) is shown as written.
    public static func isSensitiveName(_ name: String) -> Bool {
        let lowered = name.lowercased().trimmingCharacters(in: .whitespaces)
        if notSecretNames.contains(lowered) { return false }
        if secretNames.contains(lowered) { return true }
        let words = lowered.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " || $0 == "." })
        if words.contains(where: { secretNameWords.contains(String($0)) }) { return true }
        return secretNameParts.contains(where: { lowered.contains($0) })
    }

    /// The one rule for showing a header: a sensitive name, or a value written
    /// as a credential (`Bearer …`, `Basic …`, `Token …`) under any name. Whether
    /// such a value is shown at all is `isSecret`'s call: `{{secret.…}}`
    /// placeholders always are.
    @Sendable static func looksSecret(_ header: HTTPHeader) -> Bool {
        if isSensitiveName(header.name) { return true }
        let value = header.value.lowercased()
        return value.hasPrefix("bearer ") || value.hasPrefix("basic ") || value.hasPrefix("token ")
    }
}
