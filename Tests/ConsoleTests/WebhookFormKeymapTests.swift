import ActionModel
import Screen
import XCTest

@testable import Console

/// The webhook form's keymap (`WebhookFormState.keys`): hint bar and help
/// come from the rows, and each key of a row runs that row's command.
final class WebhookFormKeymapTests: XCTestCase {
    /// The new-webhook form on the label, on the events (first and last
    /// row), on Enabled, and on the signing secret with a label typed.
    func formStates() -> [(String, ConsoleState)] {
        var onLabel = WebhookFixtures.state()
        onLabel.press(.character("n"))
        XCTAssertEqual(onLabel.webhooks.form?.focus, .label)
        var onEvents = onLabel
        onEvents.press(.tab, .tab)
        XCTAssertEqual(onEvents.webhooks.form?.focus, .events)
        var onLastEvent = onEvents
        onLastEvent.press(.end)
        var onEnabled = onLabel
        onEnabled.press(.backTab)
        XCTAssertEqual(onEnabled.webhooks.form?.focus, .enabled)
        var onSecret = onLabel
        onSecret.type("CRM")
        onSecret.press(.backTab, .backTab)
        XCTAssertEqual(onSecret.webhooks.form?.focus, .secret)
        return [("on the label", onLabel), ("on the events", onEvents), ("on the last event", onLastEvent),
                ("on Enabled", onEnabled), ("on the secret", onSecret)]
    }

    func testTheHintBarAndHelpAreTheRows() {
        let states = formStates()
        XCTAssertEqual(Keymap.hints(for: states[0].1), [KeyHint("↑↓ Tab", "field"), KeyHint("^S", "save"), KeyHint("Esc", "close"),
                                                        KeyHint("Ctrl-P", "commands"), KeyHint("F1", "help")])
        XCTAssertEqual(Keymap.hints(for: states[1].1).map(\.label), ["field", "tick", "all/none", "save", "close", "commands", "help"])
        XCTAssertEqual(Keymap.hints(for: states[3].1).map(\.label), ["field", "change", "save", "close", "commands", "help"])
        XCTAssertTrue(Keymap.hints(for: states[4].1).contains(KeyHint("Esc", "discard")))
        assertEveryHintIsARow(states.map { ($0.0, $0.1.webhooks.form) }, hints: WebhookFormRenderer.hints)
        assertRecordFormHelp(WebhookFormState.self, noun: "webhook", title: "Webhook form", in: states[0].1)
    }

    func testEachKeyOfARowRunsItsCommand() {
        assertEachKeyOfARowRunsItsCommand(formStates().map { ($0.0, $0.1.webhooks.form) })
        // Through the page: on the label `a` is text; on the events it ticks every event, ↑ on the first goes to the URL.
        var state = formStates()[0].1
        state.type("a")
        XCTAssertEqual(state.webhooks.form?.label.text, "a")
        var events = formStates()[1].1
        events.press(.character("a"))
        XCTAssertEqual(events.webhooks.form?.events, WebhookEventType.subscribable)
        events.press(.up)
        XCTAssertEqual(events.webhooks.form?.focus, .url)
        var enabled = formStates()[3].1
        let wasEnabled = enabled.webhooks.form?.isEnabled
        enabled.press(.right)
        XCTAssertEqual(enabled.webhooks.form?.isEnabled, wasEnabled.map { !$0 })
        enabled.press(.character("k"))
        XCTAssertEqual(enabled.webhooks.form?.focus, .secret)
    }
}
