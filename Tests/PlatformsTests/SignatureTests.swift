import ActionModel
import Foundation
import Platforms
import XCTest

/// Signatures against vectors computed independently with Python's `hmac`
/// (the expected values below were printed by hmac.new(…, hashlib.sha256)).
final class SignatureTests: XCTestCase {
    let body = Array(#"{"call_id":"call_1","payload":{"email":"ada@example.com"}}"#.utf8)
    let vocodeSecret = "c3dpdGNoYm9hcmQtdGVzdC1rZXktMDEyMzQ1Njc4OQ=="  // base64("switchboard-test-key-0123456789")
    let signedAt = Date(timeIntervalSince1970: 1_767_225_600)

    func testVocodeSignatureMatchesPythonVector() throws {
        let header = try Signatures.sign(.fluents, body: body, secret: vocodeSecret, time: signedAt)
        XCTAssertEqual(header, HTTPHeader(name: "x-vocode-signature", value: "7kpuQk47gVUSjOeTtySM01kH/98K34fU2MSX756mP2A="))
    }

    func testRetellSignatureMatchesPythonVector() throws {
        let header = try Signatures.sign(.retell, body: body, secret: "key_retell_api_123", time: signedAt)
        XCTAssertEqual(header.value, "v=1767225600000,d=91c21db5ba6bb9e05e87d55e4fafed097feea83b0fcaab2dad819731abd72b4a")
    }

    func testElevenLabsSignatureMatchesPythonVector() throws {
        let header = try Signatures.sign(.elevenlabs, body: body, secret: "wsec_elevenlabs_456", time: signedAt)
        XCTAssertEqual(header, HTTPHeader(name: "ElevenLabs-Signature",
                                          value: "t=1767225600,v0=9d158abc308592a9208f50f247f2552a747fd758fba11386a5e60029d891fb0f"))
    }

    func testVerifySaysValidExpiredOrTampered() throws {
        let retell = [HTTPHeader(name: "x-retell-signature", value: "v=1767225600000,d=91c21db5ba6bb9e05e87d55e4fafed097feea83b0fcaab2dad819731abd72b4a")]
        XCTAssertEqual(Signatures.verify(.retell, headers: retell, body: body, secret: "key_retell_api_123", now: signedAt.addingTimeInterval(60)), .valid)
        XCTAssertEqual(Signatures.verify(.retell, headers: retell, body: body, secret: "key_retell_api_123", now: signedAt.addingTimeInterval(301)),
                       .expired(ageSeconds: 301, toleranceSeconds: 300))
        // Retell's SDK compares milliseconds: half a second past the 5 minutes is too late, either way.
        XCTAssertEqual(Signatures.verify(.retell, headers: retell, body: body, secret: "key_retell_api_123", now: signedAt.addingTimeInterval(300)), .valid)
        XCTAssertEqual(Signatures.verify(.retell, headers: retell, body: body, secret: "key_retell_api_123", now: signedAt.addingTimeInterval(300.5)),
                       .expired(ageSeconds: 300, toleranceSeconds: 300))
        XCTAssertEqual(Signatures.verify(.retell, headers: retell, body: body, secret: "key_retell_api_123", now: signedAt.addingTimeInterval(-300.5)),
                       .expired(ageSeconds: -300, toleranceSeconds: 300))
        var changed = body
        changed[changed.count - 3] = UInt8(ascii: "x")
        XCTAssertEqual(Signatures.verify(.retell, headers: retell, body: changed, secret: "key_retell_api_123", now: signedAt), .tampered)
        XCTAssertEqual(Signatures.verify(.retell, headers: retell, body: body, secret: "another_key", now: signedAt), .tampered)

        let vocode = [HTTPHeader(name: "X-Vocode-Signature", value: "7kpuQk47gVUSjOeTtySM01kH/98K34fU2MSX756mP2A=")]
        // Vocode's signature has no time: a year later it is still valid.
        XCTAssertEqual(Signatures.verify(.fluents, headers: vocode, body: body, secret: vocodeSecret, now: signedAt.addingTimeInterval(365 * 86_400)), .valid)
        XCTAssertEqual(Signatures.verify(.fluents, headers: vocode, body: changed, secret: vocodeSecret, now: signedAt), .tampered)

        let eleven = [HTTPHeader(name: "elevenlabs-signature", value: "t=1767225600,v0=9d158abc308592a9208f50f247f2552a747fd758fba11386a5e60029d891fb0f")]
        XCTAssertEqual(Signatures.verify(.elevenlabs, headers: eleven, body: body, secret: "wsec_elevenlabs_456", now: signedAt.addingTimeInterval(1799)), .valid)
        XCTAssertEqual(Signatures.verify(.elevenlabs, headers: eleven, body: body, secret: "wsec_elevenlabs_456", now: signedAt.addingTimeInterval(1801)),
                       .expired(ageSeconds: 1801, toleranceSeconds: 1800))
    }

    func testVerifyNamesAMissingOrMalformedHeader() {
        XCTAssertEqual(Signatures.verify(.retell, headers: [], body: body, secret: "k", now: signedAt), .missingHeader("X-Retell-Signature"))
        guard case .malformed = Signatures.verify(.retell, headers: [HTTPHeader(name: "X-Retell-Signature", value: "abc")], body: body, secret: "k", now: signedAt) else {
            return XCTFail("a header without v= and d= is malformed")
        }
        XCTAssertThrowsError(try Signatures.sign(.fluents, body: body, secret: "not base64!", time: signedAt))
    }

    func testCapturedRequestKeepsTheBodyBytesExactly() throws {
        let text = "POST /tools/retell HTTP/1.1\r\nContent-Type: application/json\r\nX-Retell-Signature: v=1,d=ab\r\n\r\n{\"a\":1}\n"
        let captured = try CapturedRequest.parse(Array(text.utf8))
        XCTAssertEqual(captured.headers, [HTTPHeader(name: "Content-Type", value: "application/json"), HTTPHeader(name: "X-Retell-Signature", value: "v=1,d=ab")])
        XCTAssertEqual(captured.body, Array("{\"a\":1}\n".utf8))
        XCTAssertThrowsError(try CapturedRequest.parse(Array("Content-Type: application/json\n".utf8)))
        XCTAssertThrowsError(try CapturedRequest.parse(Array("not a header\n\n{}".utf8)))
    }
}
