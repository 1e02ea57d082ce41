import ActionModel
import XCTest

/// Every row a store lists goes through `ActionID.init`, so it checks bytes
/// and keeps well-formed lower-case text as it is.
final class ActionIDTests: XCTestCase {
    func testAcceptsWellFormedIDsAndLowersTheirCase() {
        XCTAssertEqual(ActionID("act_7k2m9q4x1c8d0f3h")?.rawValue, "act_7k2m9q4x1c8d0f3h")
        XCTAssertEqual(ActionID("ACT_7K2M9Q4X1C8D0F3H")?.rawValue, "act_7k2m9q4x1c8d0f3h")
        XCTAssertEqual(ActionID("Act_7k2M9q4x1c8d0f3H")?.rawValue, "act_7k2m9q4x1c8d0f3h")
        XCTAssertEqual(ActionID("act_7K2m9q4x1c8d0f3h"), ActionID("act_7k2m9q4x1c8d0f3h"), "case doesn't make another ID")
        let generated = ActionID.generate()
        XCTAssertEqual(ActionID(generated.rawValue), generated)
    }

    func testRefusesAnythingElse() {
        for text in [
            "", "act_", "act_7k2m9q4x1c8d0f3", "act_7k2m9q4x1c8d0f3hh", "agt_7k2m9q4x1c8d0f3h", "act-7k2m9q4x1c8d0f3h",
            "act_7k2m9q4x1c8d0f3i", "act_7k2m9q4x1c8d0f3l", "act_7k2m9q4x1c8d0f3o", "act_7k2m9q4x1c8d0f3u",  // look-alike letters
            "act_7k2m9q4x1c8d0f3é", "act_7k2m9q4x1c8d0fé", "act_7k2m9q4x1c8d0f\u{0}h", "act_7k2m9q4x1c8d0f3 ",
        ] {
            XCTAssertNil(ActionID(text), "'\(text)' is not an action ID")
        }
    }
}
