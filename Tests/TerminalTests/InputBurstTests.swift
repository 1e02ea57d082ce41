import Screen
import XCTest
@testable import Terminal

/// Unbracketed pastes (a terminal or multiplexer that doesn't bracket them)
/// arrive as a burst of printable characters: one `.paste`, not one key each.
final class InputBurstTests: XCTestCase {
    func keys(_ text: String) -> [InputEvent] { text.map { .key(.character($0)) } }

    func testALongRunOfCharactersBecomesOnePaste() {
        let text = String(repeating: "Lorem ipsum dolor sit amet, ", count: 4000)  // 112 KB
        XCTAssertEqual(InputDecoder.coalescingBursts(keys(text)), [.paste(text)])
    }

    func testShortRunsStayKeysSoTypedCommandsKeepTheirMeaning() {
        let typed = keys("q") + [.key(.down)] + keys("/refund") + [.key(.enter)]
        XCTAssertEqual(InputDecoder.coalescingBursts(typed), typed)
        let fifteen = keys(String(repeating: "j", count: InputDecoder.burstMinimum - 1))
        XCTAssertEqual(InputDecoder.coalescingBursts(fifteen), fifteen)
    }

    /// A held key's auto-repeat read in one go is keys, not a paste: `j`×20
    /// on a list moves 20 rows. A run with two different characters is a paste.
    func testAHeldKeysRepeatsStayKeys() {
        let held = keys(String(repeating: "j", count: 20))
        XCTAssertEqual(InputDecoder.coalescingBursts(held), held)
        let heldThenTyped = held + [.key(.enter)] + keys("abcdefghijklmnopq")
        XCTAssertEqual(InputDecoder.coalescingBursts(heldThenTyped), held + [.key(.enter), .paste("abcdefghijklmnopq")])
        let pastedRepeatThenOther = String(repeating: "=", count: 20) + " title"
        XCTAssertEqual(InputDecoder.coalescingBursts(keys(pastedRepeatThenOther)), [.paste(pastedRepeatThenOther)])
    }

    func testOtherKeysEndARunAndKeepTheirPlace() {
        let line1 = "first line of the pasted text"
        let line2 = "second line of the pasted text"
        let events = [.key(.escape)] + keys(line1) + [.key(.enter)] + keys(line2) + [.key(.tab)] + keys("ab")
        XCTAssertEqual(InputDecoder.coalescingBursts(events),
                       [.key(.escape), .paste(line1), .key(.enter), .paste(line2), .key(.tab)] + keys("ab"))
    }

    func testWideAndCombiningCharactersSurviveWhole() {
        let text = "Grüße aus 日本 — café ✓ 👩‍💻 and more text"
        XCTAssertEqual(InputDecoder.coalescingBursts(keys(text)), [.paste(text)])
    }

    func testABracketedPasteIsLeftAsItIs() {
        let events: [InputEvent] = [.paste("hello"), .key(.character("x"))]
        XCTAssertEqual(InputDecoder.coalescingBursts(events), events)
    }

    func testTrailingRunCountsOnlyTheCharactersAtTheEnd() {
        XCTAssertEqual(InputDecoder.trailingCharacterRun(keys("abc") + [.key(.enter)] + keys("defg")), 4)
        XCTAssertEqual(InputDecoder.trailingCharacterRun(keys("abc") + [.key(.enter)]), 0)
        XCTAssertEqual(InputDecoder.trailingCharacterRun([]), 0)
    }

    /// What the terminal does with `wget_wch`'s stream: decode, then coalesce.
    func testDecodedBurstOfPrintableInputIsOnePaste() {
        var decoder = InputDecoder()
        let text = String(repeating: "0123456789abcdef", count: 6400)  // 100 KiB
        var events: [InputEvent] = []
        for scalar in text.unicodeScalars { events += decoder.feed(.character(scalar.value)) }
        XCTAssertEqual(InputDecoder.coalescingBursts(events), [.paste(text)])
    }
}

import Console

/// From the terminal's stream to the form: a 100 KiB burst typed into
/// Description is one message for the console, and the field holds it all.
final class BurstIntoFormTests: XCTestCase {
    func testAHundredKilobyteBurstLandsInDescriptionInOneUpdate() {
        var state = ConsoleState(width: 120, height: 40, storeDescription: "s.sqlite", readOnly: false, notice: nil)
        _ = Console.update(&state, .actions(.loaded([])))
        for key: Key in [.character("n"), .enter, .down, .down] {
            _ = Console.update(&state, .input(.key(key)))
        }
        XCTAssertTrue(Console.render(state).text.contains("Description"))

        let text = String(repeating: "please confirm the booking reference ", count: 2800) + "END"
        var decoder = InputDecoder()
        var events: [InputEvent] = []
        for scalar in text.unicodeScalars { events += decoder.feed(.character(scalar.value)) }
        let messages = InputDecoder.coalescingBursts(events)
        XCTAssertEqual(messages.count, 1)
        XCTAssertGreaterThan(text.utf8.count, 100 * 1024)

        _ = Console.update(&state, .input(messages[0]))
        let screen = Console.render(state).text
        XCTAssertTrue(screen.contains("unsaved"), screen)
        XCTAssertTrue(screen.contains("END"), "the field shows the end of the paste, where the cursor is:\n\(screen)")
        XCTAssertFalse(state.wantsTicks, "nothing moves on screen after a paste: no timer")
    }
}
