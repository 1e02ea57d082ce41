import Foundation
import XCTest

@testable import ActionModel

final class ActionLookupTests: XCTestCase {
    func summary(_ name: String, _ functionName: String) -> ActionSummary {
        Action(name: name, functionName: functionName, configuration: .empty(.customInput)).summary
    }

    func testIDFunctionNameAndDisplayNameAnyCase() {
        let lead = summary("Create CRM lead", "create_crm_lead")
        let ticket = summary("Open   support ticket", "open_ticket")
        let actions = [lead, ticket]
        XCTAssertEqual(ActionLookup.resolve(lead.id.rawValue, in: actions), .found(lead.id))
        XCTAssertEqual(ActionLookup.resolve(lead.id.rawValue.uppercased(), in: actions), .found(lead.id))
        XCTAssertEqual(ActionLookup.resolve("open_ticket", in: actions), .found(ticket.id))
        XCTAssertEqual(ActionLookup.resolve("Create CRM lead", in: actions), .found(lead.id))
        XCTAssertEqual(ActionLookup.resolve("  create crm LEAD ", in: actions), .found(lead.id))
        XCTAssertEqual(ActionLookup.resolve("open support ticket", in: actions), .found(ticket.id), "runs of spaces read as one")
        XCTAssertEqual(ActionLookup.resolve("OPEN_TICKET", in: actions), .found(ticket.id))
        XCTAssertEqual(ActionLookup.resolve("Create CRM", in: actions), .notFound, "a prefix is not a name")
        XCTAssertEqual(ActionLookup.resolve("", in: actions), .notFound)
    }

    func testASharedNameIsAmbiguousAndTheMessageNamesEachID() {
        let first = summary("Book a table", "book_a_table")
        let second = summary("book a TABLE", "book_a_table_2")
        let outcome = ActionLookup.resolve("Book a table", in: [first, second])
        XCTAssertEqual(outcome, .ambiguous([first, second]))
        let message = ActionLookup.ambiguityMessage("Book a table", [first, second])
        XCTAssertTrue(message.contains(first.id.rawValue) && message.contains(second.id.rawValue), message)
        XCTAssertTrue(message.contains("give the ID or the function name"), message)
        XCTAssertEqual(ActionLookup.resolve("book_a_table_2", in: [first, second]), .found(second.id), "a function name still tells them apart")
    }
}

final class FunctionNameTransliterationTests: XCTestCase {
    func testNonLatinNamesGetDistinctValidNames() {
        let names = ["Забронировать столик", "Отменить заказ", "予約する", "預約餐廳", "احجز طاولة", "कॉल करें", "Κράτηση τραπεζιού",
                     "🍕", "🍔", "★★★", "Réserver un créneau", "Create CRM lead"]
        let derived = names.map(FunctionName.derived(from:))
        for (name, functionName) in zip(names, derived) {
            XCTAssertTrue(FunctionName.isValid(functionName), "\(name) → \(functionName)")
            XCTAssertNotEqual(functionName, "action", name)
        }
        XCTAssertEqual(Set(derived).count, names.count, "no two of them clash: \(derived)")
        XCTAssertEqual(FunctionName.derived(from: "Забронировать столик"), "zabronirovat_stolik")
        XCTAssertEqual(FunctionName.derived(from: "Réserver un créneau"), "reserver_un_creneau")
        XCTAssertEqual(FunctionName.derived(from: "Create CRM lead"), "create_crm_lead")
        XCTAssertEqual(FunctionName.derived(from: "🍕"), "action_1f355")
        XCTAssertEqual(FunctionName.derived(from: "   "), "action")
    }

    func testUniqueAddsASuffixInsteadOfClashing() {
        XCTAssertEqual(FunctionName.unique(from: "Réserver", taken: []), "reserver")
        XCTAssertEqual(FunctionName.unique(from: "Réserver", taken: ["reserver"]), "reserver_2")
        XCTAssertEqual(FunctionName.unique(from: "Reserver", taken: ["Reserver", "reserver_2"]), "reserver_3")
        let long = String(repeating: "a", count: 64)
        let suffixed = FunctionName.unique(long, taken: [long])
        XCTAssertEqual(suffixed.count, 64)
        XCTAssertTrue(suffixed.hasSuffix("_2") && FunctionName.isValid(suffixed), suffixed)
    }
}

final class PhoneNumberTests: XCTestCase {
    func testUsualSpellingsBecomeE164() {
        let spellings: [(String, String)] = [
            ("+1 (415) 555-0199", "+14155550199"), ("+14155550199", "+14155550199"), ("+1 415 555 0199", "+14155550199"),
            ("+1.415.555.0199", "+14155550199"), ("+1-415-555-0199", "+14155550199"), ("  +44 20 7946 0958 ", "+442079460958"),
            ("0044 20 7946 0958", "+442079460958"), ("+33 (0)1 23 45 67 89", "+33123456789"), ("+44 (0)20 7946 0958", "+442079460958"), ("+49/30/901820", "+4930901820"),
        ]
        for (typed, expected) in spellings {
            XCTAssertEqual(PhoneNumber.e164(typed), expected, typed)
            XCTAssertNil(FieldRules.phoneNumber(typed), typed)
        }
    }

    func testWhatCannotBeANumberIsRefusedWithAMessage() {
        let refused: [(String, String)] = [
            ("(415) 555-0199", "has no country code"), ("415 555 0199", "has no country code"),
            ("call me maybe", "is not a phone number"), ("+1 415 CALL NOW", "is not a phone number"), ("+0 415 555", "is not a phone number"),
            ("+1234567890123456", "at most 15"), ("", "enter the number"), ("+", "is not a phone number"), ("+1 415 555 0199 x12", "is not a phone number"),
        ]
        for (typed, expected) in refused {
            XCTAssertNil(PhoneNumber.e164(typed), typed)
            let message = FieldRules.phoneNumber(typed)
            XCTAssertTrue(message?.contains(expected) == true, "\(typed): \(message ?? "accepted")")
        }
    }

    func testEveryWayInKeepsTheE164Form() throws {
        var transfer = Action(name: "Sales", configuration: .transferCalls(TransferCallsConfiguration(phoneNumber: "+1 (415) 555-0199")))
        XCTAssertEqual(transfer.phoneNumber, "+14155550199")
        XCTAssertEqual(transfer.issues, [])
        var warm = WarmTransferConfiguration(summary: "Wants a refund")
        warm.phoneNumber = "0044 20 7946 0958"
        XCTAssertEqual(warm.phoneNumber, "+442079460958", "set later, it is normalised too")
        transfer.configuration = .transferCalls(TransferCallsConfiguration(phoneNumber: "not a number"))
        XCTAssertEqual(transfer.phoneNumber, "not a number", "kept as typed so the message can quote it")
        XCTAssertEqual(transfer.issues.map(\.field), [.phoneNumber])

        let document = try JSONValue(parsing: #"{"kind":"transfer-calls","name":"Sales","transfer_calls":{"phone_number":"+1 (415) 555-0199"}}"#)
        let imported = try ActionDocument.action(from: document, keepIdentity: false)
        XCTAssertEqual(imported.phoneNumber, "+14155550199", "an import keeps the E.164 form")
    }
}
