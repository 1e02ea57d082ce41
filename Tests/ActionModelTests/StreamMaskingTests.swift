import ActionModel
import XCTest

/// Masking text that arrives in pieces: what is handed out is always masked
/// and never the start of a secret that the next piece might complete.
final class StreamMaskingTests: XCTestCase {
    let context = TemplateContext(secrets: ["API_KEY": "sk_live_planted_0123456789", "PIN": "1234"])

    func testATailThatMayStartASecretWaitsAndIsReleasedWhenItTurnsOutNotToBe() {
        var masking = StreamMasking(context)
        XCTAssertEqual(masking.append("use sk_"), "use ")
        XCTAssertEqual(masking.append("live now"), "sk_live now", "not the key after all: the held words come out")
    }

    func testAKeyInThreePiecesComesOutMaskedAndShortValuesAreLeftAlone() {
        var masking = StreamMasking(context)
        var shown = ""
        for piece in ["PIN 1234, key sk_live_", "planted_01", "23456789!"] { shown += masking.append(piece) }
        XCTAssertEqual(shown, "PIN 1234, key {{secret.API_KEY}}!", "values under 6 characters are not masked in free text")
    }

    func testNothingToMaskPassesEveryPieceStraightThrough() {
        var masking = StreamMasking(TemplateContext())
        XCTAssertEqual(masking.append("Sure, "), "Sure, ")
        XCTAssertEqual(masking.append("sk_"), "sk_")
    }
}
