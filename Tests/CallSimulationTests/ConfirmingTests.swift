import ActionModel
import Foundation
import XCTest

@testable import CallSimulation

/// Per-action behaviours before sending (issue 11): optional fields asked once,
/// and the read-back where "yes" sends and "no, …" corrects.
final class ConfirmingTests: XCTestCase {
    /// The booking fixture (name, date, time, phone required; reminders optional) with the behaviours switched on.
    func booking(askOptional: Bool = false, readBack: Bool = false, extra: [SchemaProperty] = []) -> Action {
        var action = Fixtures.booking
        guard case var .customInput(config) = action.configuration else { fatalError("booking is a custom input action") }
        config.asksOptionalFields = askOptional
        config.readsBack = readBack
        config.inputSchema.properties += extra
        action.configuration = .customInput(config)
        return action
    }

    let filled: [Turn] = [
        .caller("I'd like to book an appointment"), .caller("Jo Smith"), .caller("next Tuesday at half past ten"),
        .caller("four one five five five five oh one oh oh"),
    ]

    func testByDefaultOptionalFieldsAreNotAskedAndNothingIsReadBack() {
        let (transcript, _) = runCall([booking()], filled)
        XCTAssertEqual(transcript.requests.count, 1, "\(transcript.agentLines)")
        XCTAssertFalse(transcript.agentLines.contains { $0.contains("optional") || $0.contains("read that back") })
    }

    func testOptionalFieldIsAskedOnceAndItsAnswerSent() {
        let (transcript, _) = runCall([booking(askOptional: true)], filled + [.caller("yes please")])
        XCTAssertTrue(transcript.agentLines.contains { $0.contains("whether you want reminders") && $0.contains("It's optional") },
                      "\(transcript.agentLines)")
        XCTAssertEqual(transcript.requests.map(\.arguments).first?["reminders"], .bool(true))
    }

    func testAYesNoOptionalFieldTakesNoAsItsAnswer() {
        let (transcript, _) = runCall([booking(askOptional: true)], filled + [.caller("no")])
        XCTAssertEqual(transcript.requests.map(\.arguments).first?["reminders"], .bool(false), "\(transcript.agentLines)")
    }

    func testDecliningAnOptionalFieldSendsWithoutItAndNeverAsksAgain() {
        let notes = SchemaProperty(name: "notes", description: "Anything the stylist should know")
        let (transcript, _) = runCall([booking(askOptional: true, extra: [notes])], filled + [.caller("skip it"), .caller("no thanks")])
        let sent = transcript.requests.map(\.arguments)
        XCTAssertEqual(sent.count, 1, "\(transcript.agentLines)")
        XCTAssertNil(sent.first?["reminders"])
        XCTAssertNil(sent.first?["notes"])
        XCTAssertEqual(transcript.agentLines.filter { $0.contains("It's optional") }.count, 2, "\(transcript.agentLines)")
    }

    func testThatsAllDeclinesTheRestOfTheOptionalFields() {
        let notes = SchemaProperty(name: "notes", description: "Anything the stylist should know")
        let (transcript, agent) = runCall([booking(askOptional: true, extra: [notes])], filled + [.caller("that's all")])
        XCTAssertEqual(transcript.requests.count, 1, "\(transcript.agentLines)")
        XCTAssertFalse(agent.hasEnded)
    }

    func testAnOptionalFieldGivenEarlierIsNotAsked() {
        let turns: [Turn] = [
            .caller("I'd like to book an appointment and send me reminders"), .caller("Jo Smith"), .caller("next Tuesday at half past ten"),
            .caller("four one five five five five oh one oh oh"),
        ]
        let (transcript, _) = runCall([booking(askOptional: true)], turns)
        XCTAssertFalse(transcript.agentLines.contains { $0.contains("It's optional") }, "\(transcript.agentLines)")
        XCTAssertEqual(transcript.requests.map(\.arguments).first?["reminders"], .bool(true))
    }

    func testReadBackSaysTheValuesAsPeopleSayThemAndYesSends() {
        let (transcript, _) = runCall([booking(readBack: true)], filled)
        XCTAssertTrue(transcript.requests.isEmpty, "nothing is sent before the caller confirms")
        let readBack = transcript.agentLines.last ?? ""
        // fixedNow is Wednesday 2026-11-25: next Tuesday is December 1st.
        XCTAssertEqual(readBack, "Let me read that back: Jo Smith, Tuesday, December 1st at 10:30 AM, 415 555 0100. Is that right?")
        let (confirmed, _) = runCall([booking(readBack: true)], filled + [.caller("yes, that's right")])
        XCTAssertEqual(confirmed.requests.count, 1)
        XCTAssertEqual(confirmed.requests.first?.arguments["date"], .string("2026-12-01"))
    }

    func testNoWithAValueCorrectsThatValueAndReadsBackAgain() {
        let (transcript, _) = runCall([booking(readBack: true)], filled + [.caller("no, make it 11:15"), .caller("yes")])
        XCTAssertTrue(transcript.events.contains(.fieldCorrected(name: "time", from: .string("10:30:00Z"), to: .string("11:15:00Z"))),
                      "\(transcript.events)")
        XCTAssertEqual(transcript.agentLines.filter { $0.hasPrefix("Let me read that back") }.count, 2)
        XCTAssertTrue(transcript.agentLines.contains { $0.contains("December 1st at 11:15 AM") }, "\(transcript.agentLines)")
        XCTAssertEqual(transcript.requests.map(\.arguments).first?["time"], .string("11:15:00Z"))
        // The name is untouched by a correction of the time.
        XCTAssertEqual(transcript.requests.map(\.arguments).first?["name"], .string("Jo Smith"))
    }

    func testABareNoAsksWhatToChangeThenTheNextLineCorrects() {
        let (transcript, _) = runCall([booking(readBack: true)], filled + [.caller("no"), .caller("the date should be December 3rd"), .caller("yes")])
        XCTAssertTrue(transcript.agentLines.contains("Which detail should I change?"), "\(transcript.agentLines)")
        XCTAssertEqual(transcript.requests.map(\.arguments).first?["date"], .string("2026-12-03"))
        XCTAssertEqual(transcript.requests.count, 1)
    }

    func testOptionalFieldsThenReadBackTogether() {
        let (transcript, _) = runCall([booking(askOptional: true, readBack: true)], filled + [.caller("sure"), .caller("correct")])
        XCTAssertTrue(transcript.agentLines.contains { $0.contains("reminders: yes. Is that right?") }, "\(transcript.agentLines)")
        XCTAssertEqual(transcript.requests.map(\.arguments).first?["reminders"], .bool(true))
    }

    func testThatsAllAnswersTheReadBackAndByeEndsTheCall() {
        let (confirmed, _) = runCall([booking(readBack: true)], filled + [.caller("that's all")])
        XCTAssertEqual(confirmed.requests.count, 1, "\(confirmed.agentLines)")
        let (ended, agent) = runCall([booking(readBack: true)], filled + [.caller("bye")])
        XCTAssertTrue(ended.requests.isEmpty)
        XCTAssertTrue(agent.hasEnded)
    }

    func testACorrectionAfterTheEndpointRefusedIsReadBackAgain() {
        let turns = filled + [.caller("yes"), failed(.clientError(status: 422)), .caller("the time should be 11:15")]
        let (transcript, _) = runCall([booking(readBack: true)], turns)
        XCTAssertEqual(transcript.requests.count, 1, "only the first request went out: \(transcript.agentLines)")
        XCTAssertTrue(transcript.agentLines.last?.contains("at 11:15 AM") == true && transcript.agentLines.last?.hasSuffix("Is that right?") == true,
                      "\(transcript.agentLines)")
    }

    func testCancelDuringReadBackSendsNothing() {
        let (transcript, _) = runCall([booking(readBack: true)], filled + [.caller("cancel")])
        XCTAssertTrue(transcript.requests.isEmpty)
        XCTAssertTrue(transcript.agentLines.contains("Okay, I've cancelled that."))
    }

    func testTheSettingsTravelInTheActionDocument() throws {
        let action = booking(askOptional: true, readBack: true)
        let json = ActionDocument.json(action)
        XCTAssertEqual(json.value(atPath: "custom_input.read_back"), .bool(true))
        XCTAssertEqual(json.value(atPath: "custom_input.ask_optional_fields"), .bool(true))
        let back = try ActionDocument.action(from: json, keepIdentity: true)
        XCTAssertEqual(back.customInput?.readsBack, true)
        XCTAssertEqual(back.customInput?.asksOptionalFields, true)
        // A document written before the settings existed reads as off.
        var object = json.objectValue!
        var config = object["custom_input"]!.objectValue!
        config["read_back"] = nil
        config["ask_optional_fields"] = nil
        object["custom_input"] = .object(config)
        XCTAssertEqual(try ActionDocument.action(from: .object(object), keepIdentity: true).customInput?.readsBack, false)
        // A wrong type says where and what.
        config["read_back"] = .string("yes")
        object["custom_input"] = .object(config)
        XCTAssertThrowsError(try ActionDocument.action(from: .object(object), keepIdentity: true)) { error in
            XCTAssertTrue("\(error)".contains("read_back"), "\(error)")
        }
    }
}
