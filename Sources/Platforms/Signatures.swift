import ActionModel
import Crypto
import Foundation

/// The request-signing schemes of the platforms that sign:
/// - Vocode/Fluents `x-vocode-signature: base64(HMAC-SHA256(key = base64decode(secret), body))`, no time;
/// - Retell `X-Retell-Signature: v=<unix ms>,d=<hex HMAC-SHA256(key = API key, body + ms)>`,
///   refused more than 5 minutes away from now (retell-python-sdk, webhook_auth.py);
/// - ElevenLabs `ElevenLabs-Signature: t=<unix s>,v0=<hex HMAC-SHA256(key = secret, "t.body")>`
///   (its webhooks), refused after 30 minutes.
public enum SignatureScheme: String, Sendable, CaseIterable {
    case fluents, retell, elevenlabs

    /// The scheme a format signs with; nil for platforms that sign nothing.
    public init?(_ format: PlatformFormat) {
        self.init(rawValue: format.rawValue)
    }

    public var headerName: String {
        switch self {
        case .fluents: return Signatures.vocodeHeader
        case .retell: return Signatures.retellHeader
        case .elevenlabs: return Signatures.elevenLabsHeader
        }
    }

    /// How far a signature's time may be from now; nil when it carries none.
    public var tolerance: TimeInterval? {
        switch self {
        case .fluents: return nil
        case .retell: return 5 * 60
        case .elevenlabs: return 30 * 60
        }
    }

    /// What the secret is on that platform, for help and messages.
    public var secretDescription: String {
        switch self {
        case .fluents: return "the action's base64 signature secret"
        case .retell: return "your Retell API key"
        case .elevenlabs: return "the webhook's signing secret"
        }
    }
}

public enum SignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidBase64Secret
    case emptySecret

    public var description: String {
        switch self {
        case .invalidBase64Secret: return "the signature secret is not valid base64 (Vocode decodes it to get the key)"
        case .emptySecret: return "the secret is empty"
        }
    }
}

/// What checking a captured request's signature found.
public enum SignatureVerdict: Sendable, Equatable, CustomStringConvertible {
    case valid
    /// Signed correctly, but at a time too far from now.
    case expired(ageSeconds: Int, toleranceSeconds: Int)
    /// The signature does not match the body with this secret.
    case tampered
    case missingHeader(String)
    case malformed(String)

    public var isValid: Bool { self == .valid }

    public var description: String {
        switch self {
        case .valid: return "valid"
        case let .expired(age, tolerance):
            return "expired: signed \(age) s \(age < 0 ? "in the future" : "ago"), more than the \(tolerance) s the platform accepts"
        case .tampered: return "tampered: the signature does not match this body and secret (the body changed, or the secret is not the one it was signed with)"
        case let .missingHeader(name): return "no \(name) header in the request"
        case let .malformed(reason): return "malformed signature header: \(reason)"
        }
    }
}

public enum Signatures {
    public static let vocodeHeader = "x-vocode-signature"
    public static let retellHeader = "X-Retell-Signature"
    public static let elevenLabsHeader = "ElevenLabs-Signature"

    public static func sign(_ scheme: SignatureScheme, body: [UInt8], secret: String, time: Date) throws(SignatureError) -> HTTPHeader {
        switch scheme {
        case .fluents:
            guard let key = decodeBase64(secret) else { throw .invalidBase64Secret }
            return HTTPHeader(name: vocodeHeader, value: Data(hmac(key: Array(key), body)).base64EncodedString())
        case .retell:
            guard !secret.isEmpty else { throw .emptySecret }
            let stamp = String(Int64((time.timeIntervalSince1970 * 1000).rounded(.down)))
            return HTTPHeader(name: retellHeader, value: "v=\(stamp),d=\(hex(hmac(key: Array(secret.utf8), body + Array(stamp.utf8))))")
        case .elevenlabs:
            guard !secret.isEmpty else { throw .emptySecret }
            let stamp = String(Int64(time.timeIntervalSince1970.rounded(.down)))
            return HTTPHeader(name: elevenLabsHeader, value: "t=\(stamp),v0=\(hex(hmac(key: Array(secret.utf8), Array((stamp + ".").utf8) + body)))")
        }
    }

    public static func verify(_ scheme: SignatureScheme, headers: [HTTPHeader], body: [UInt8], secret: String, now: Date) -> SignatureVerdict {
        guard let header = headers.last(where: { $0.name.lowercased() == scheme.headerName.lowercased() }) else {
            return .missingHeader(scheme.headerName)
        }
        let value = header.value.trimmingCharacters(in: .whitespaces)
        switch scheme {
        case .fluents:
            guard let key = decodeBase64(secret) else { return .malformed("the secret is not valid base64") }
            guard let given = Data(base64Encoded: value) else { return .malformed("\(vocodeHeader) is not base64") }
            return constantTimeEqual(Array(given), hmac(key: Array(key), body)) ? .valid : .tampered
        case .retell:
            let fields = parameters(value)
            guard let stampText = fields["v"], let stamp = Int64(stampText) else { return .malformed("expected v=<unix ms>,d=<hex>") }
            guard let digest = fields["d"] else { return .malformed("no d=<hex> part") }
            let expected = hex(hmac(key: Array(secret.utf8), body + Array(stampText.utf8)))
            guard constantTimeEqual(Array(digest.lowercased().utf8), Array(expected.utf8)) else { return .tampered }
            // Compared in milliseconds, as Retell's SDK does: 300.5 s away is already too far.
            let ageMilliseconds = now.timeIntervalSince1970 * 1000 - Double(stamp)
            let tolerance = scheme.tolerance!
            guard abs(ageMilliseconds) > tolerance * 1000 else { return .valid }
            return .expired(ageSeconds: Int(ageMilliseconds / 1000), toleranceSeconds: Int(tolerance))
        case .elevenlabs:
            let fields = parameters(value)
            guard let stampText = fields["t"], let stamp = Int64(stampText) else { return .malformed("expected t=<unix seconds>,v0=<hex>") }
            guard let digest = fields["v0"] else { return .malformed("no v0=<hex> part") }
            let expected = hex(hmac(key: Array(secret.utf8), Array((stampText + ".").utf8) + body))
            guard constantTimeEqual(Array(digest.lowercased().utf8), Array(expected.utf8)) else { return .tampered }
            let age = Int(now.timeIntervalSince1970) - Int(stamp)
            return age > Int(scheme.tolerance!) ? .expired(ageSeconds: age, toleranceSeconds: Int(scheme.tolerance!)) : .valid
        }
    }

    /// `a=1,b=2` into a dictionary (the first `=` splits).
    static func parameters(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for part in text.split(separator: ",") {
            guard let equals = part.firstIndex(of: "=") else { continue }
            fields[part[..<equals].trimmingCharacters(in: .whitespaces)] = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    static func hmac(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// Standard base64, padding optional, surrounding whitespace ignored.
    public static func decodeBase64(_ text: String) -> Data? {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        let remainder = trimmed.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { trimmed += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: trimmed)
    }
}

/// A request as captured: header lines, an empty line, the body. A first
/// line such as `POST /path HTTP/1.1` is skipped.
public struct CapturedRequest: Sendable, Equatable {
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(headers: [HTTPHeader], body: [UInt8]) {
        self.headers = headers
        self.body = body
    }

    public static func parse(_ bytes: [UInt8]) throws(CapturedRequestError) -> CapturedRequest {
        var headers: [HTTPHeader] = []
        var index = 0
        var lineNumber = 0
        while index < bytes.count {
            var end = index
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = Array(bytes[index..<end])
            if line.last == 0x0D { line.removeLast() }
            index = min(bytes.count, end + 1)
            lineNumber += 1
            if line.isEmpty {
                return CapturedRequest(headers: headers, body: Array(bytes[index...]))
            }
            let text = String(decoding: line, as: UTF8.self)
            if lineNumber == 1, text.contains(" HTTP/") || text.hasPrefix("POST ") || text.hasPrefix("GET ") || text.hasPrefix("PUT ") { continue }
            guard let colon = text.firstIndex(of: ":") else {
                throw CapturedRequestError(line: lineNumber, reason: "'\(text.prefix(60))' is not a header line (Name: value); put an empty line between the headers and the body")
            }
            headers.append(HTTPHeader(name: text[..<colon].trimmingCharacters(in: .whitespaces),
                                      value: text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        throw CapturedRequestError(line: lineNumber, reason: "no empty line after the headers, so there is no body; write the headers, an empty line, then the body exactly as received")
    }
}

public struct CapturedRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "line \(line): \(reason)" }
}
