import ActionModel
import CallSimulation
import XCTest

/// Names are written as titles; said mid-sentence they lose the title's capital
/// but keep the capitals that belong to the word.
final class SpokenNameTests: XCTestCase {
    private func action(_ name: String, _ description: String = "") -> Action {
        Action(name: name, description: description, configuration: .endConversation(EndConversationConfiguration()))
    }

    func testATitlesCapitalIsLoweredMidSentence() {
        XCTAssertEqual(SpokenName.midSentence(action("Sign up for a plan")), "sign up for a plan")
        XCTAssertEqual(SpokenName.midSentence(action("Transfer to billing")), "transfer to billing")
    }

    func testAcronymsAndShapedWordsKeepTheirCapitals() {
        XCTAssertEqual(SpokenName.midSentence(action("CRM lead")), "CRM lead")
        XCTAssertEqual(SpokenName.midSentence(action("iPhone repair")), "iPhone repair")
    }

    func testWordsTheDescriptionCapitalisesStayCapitalised() {
        XCTAssertEqual(SpokenName.midSentence(action("Open zendesk ticket", "Opens a ticket in Zendesk's queue.")), "open Zendesk ticket")
        XCTAssertEqual(SpokenName.midSentence(action("Zendesk ticket", "Opens a ticket in Zendesk.")), "Zendesk ticket")
        // A capital that only starts a sentence of the description makes no name.
        XCTAssertEqual(SpokenName.midSentence(action("Check status", "Status of the account. Check it often.")), "check status")
    }
}
