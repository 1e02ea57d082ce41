import ActionModel
import Foundation
import XCTest

@testable import CallSimulation

/// Odd and random input never traps, and what comes out still fits the schema formats.
final class SpokenRobustnessTests: XCTestCase {
    static let vocabulary = [
        "at", "dot", "the", "a", "an", "and", "of", "to", "past", "quarter", "half", "minus", "point", "oh", "double", "triple",
        "plus", "+", "-", "1", "12", "2026-03-03", "3/3", "3rd", "twenty", "first", "one", "hundred", "thousand", "dozen",
        "march", "may", "friday", "next", "this", "in", "days", "weeks", "am", "pm", "o'clock", "noon", "10:30", "25:99",
        "jo", "example", "com", "@", "jo@x.io", "yes", "no", "not", "really", "pro", "basic", "seats", "email", "is", "my",
        "", "   ", ",", ".", "?", "'", "\"", "é", "日本", "🙂", "9999999999999999999999", "0.0.0", "1,2,3", "$", "%", "(", ")",
        "in", "the", "morning", "at", "night", "day", "after", "tomorrow", "to", "till", "minutes", "a.m.", "p.m",
    ]

    func testRandomWordSoupNeverTraps() {
        var generator = SplitMix64(seed: 2026)
        let plans = ["basic", "pro", "enterprise", "pro plus"]
        for _ in 0..<3000 {
            let count = Int(generator.next() % 9)
            let said = (0..<count).map { _ in Self.vocabulary[Int(generator.next() % UInt64(Self.vocabulary.count))] }
                .joined(separator: " ")
            _ = SpokenValues.email(said)
            _ = SpokenValues.number(said)
            _ = SpokenValues.integer(said)
            _ = SpokenValues.phone(said)
            _ = SpokenValues.boolean(said)
            _ = SpokenValues.enumValue(said, among: plans)
            _ = SpokenValues.plainString(said)
            if let date = SpokenValues.date(said, context: utcContext) {
                XCTAssertTrue(StringFormat.date.accepts(date), "\(said) → \(date)")
            }
            if let time = SpokenValues.time(said, context: utcContext) {
                XCTAssertTrue(StringFormat.time.accepts(time), "\(said) → \(time)")
            }
            if let dateTime = SpokenValues.dateTime(said, context: utcContext) {
                XCTAssertTrue(StringFormat.dateTime.accepts(dateTime), "\(said) → \(dateTime)")
            }
        }
    }

    func testRandomCallsNeverTrapAndOnlySendValidArguments() {
        var generator = SplitMix64(seed: 7)
        let actions = [Fixtures.signUp, Fixtures.booking, Fixtures.ticket, Fixtures.hotel, Fixtures.callback, Fixtures.endCall]
        for _ in 0..<300 {
            var agent = MockAgent(agent: Fixtures.agent, actions: actions, callID: "c", now: fixedNow, timeZone: TimeZone(identifier: "UTC")!)
            _ = agent.start(at: fixedNow)
            for _ in 0..<8 where !agent.hasEnded {
                let count = 1 + Int(generator.next() % 8)
                let said = (0..<count).map { _ in Self.vocabulary[Int(generator.next() % UInt64(Self.vocabulary.count))] }
                    .joined(separator: " ")
                let prefix = ["sign up ", "book an appointment ", "book a room ", "", ""][Int(generator.next() % 5)]
                for step in agent.hear(prefix + said, at: fixedNow) {
                    guard case let .invoke(request) = step else { continue }
                    let schema = request.action.customInput!.inputSchema
                    XCTAssertEqual(schema.validate(arguments: request.arguments), [], "\(request.arguments)")
                    _ = agent.receive(.success(result: [:], agentMessage: nil, exchange: Fixtures.exchange()), at: fixedNow)
                }
            }
        }
    }
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
