import ActionModel
import Screen
import XCTest
@testable import Console

/// The keymap: the rows every page declares are what the keys do, what the
/// hint bar shows, what help lists and what the palette offers.
final class KeymapTests: XCTestCase {
    /// Each page's list, opened the way a person would.
    func pageStates() -> [(String, ConsoleState)] {
        var actions = Fixtures.state()
        actions.press(.character("j"))
        var agents = PageFixtures.state()
        agents.press(.function(3))
        agents.send(.agents(.loaded(PageFixtures.agents)))
        var calls = PageFixtures.state()
        calls.press(.function(4))
        calls.send(.calls(.loaded(PageFixtures.calls)))
        var webhooks = WebhookFixtures.state()
        var secrets = SecretsFixtures.state()
        var environments = SecretsFixtures.state()
        environments.press(.character("2"))
        var variables = environments
        variables.press(.enter)
        XCTAssertEqual(webhooks.section, .webhooks)
        XCTAssertEqual(secrets.section, .secrets)
        XCTAssertNotNil(variables.secrets.openEnvironment, "⏎ on an environment opens its variables")
        webhooks.press(.down)
        secrets.press(.down)
        return [("actions", actions), ("agents", agents), ("calls", calls), ("webhooks", webhooks), ("secrets", secrets),
                ("environments", environments), ("variables", variables)]
    }

    func rows(_ state: ConsoleState) -> [KeyBinding] {
        (Pages.current(state).bindings(state) + Keymap.global).filter { $0.applies(state) }
    }

    func testEveryHintIsARowWhoseKeyRunsItsCommand() {
        for (name, state) in pageStates() {
            let hints = Console.render(state)  // drawn without a crash
            XCTAssertEqual(hints.width, state.width)
            let shown = Keymap.hints(for: state)
            XCTAssertFalse(shown.isEmpty, name)
            for hint in shown {
                // The hint comes from a row of the table, and that row's keys
                // run its command here (no earlier row shadows them).
                let row = try! XCTUnwrap(rows(state).first { $0.hint == hint }, "\(name): hint \(hint) is no row of the keymap")
                for pair in row.pairs {
                    XCTAssertEqual(Keymap.command(for: pair.key, in: state), pair.command,
                                   "\(name): \(pair.key.label) is hinted as \(hint.label) but runs something else")
                }
            }
        }
    }

    func testNoKeyIsBoundTwiceOnAPage() {
        for (name, state) in pageStates() {
            var seen: [Key: String] = [:]
            for row in Pages.current(state).bindings(state) where row.applies(state) {
                for pair in row.pairs {
                    XCTAssertNil(seen[pair.key], "\(name): \(pair.key.label) is in '\(seen[pair.key] ?? "")' and '\(row.label)'")
                    seen[pair.key] = row.label
                }
            }
        }
    }

    func testHelpListsTheRowsAndNothingElse() {
        for (name, state) in pageStates() {
            let page = Pages.current(state)
            let table = helpLines(page.bindings(state) + Keymap.global)
            let help = Keymap.helpSections(for: state).flatMap(\.keys)
            // Sub-screens a page handles itself (an open call, the delivery log) add their own sections.
            let own = (page.section == .calls ? CallsPage.openCallHelp.keys : [])
                + (page.section == .webhooks ? WebhooksPageRenderer.deliveryLogHelp.keys : [])
            XCTAssertEqual(Set(help), Set(table + own), name)
            XCTAssertEqual(help.count, table.count + own.count, "\(name): a help line twice")
        }
    }

    func testThePaletteOffersTheRowsCommandsWithTheirKeys() {
        for (name, state) in pageStates() {
            let offered = Command.matching("", in: state)
            let fromRows = rows(state).flatMap(\.commands)
            for command in offered where !isEnvironmentChoice(command) {
                XCTAssertTrue(fromRows.contains(command), "\(name): \(command.title) offered but no row has it")
                let label = Keymap.keyLabel(for: command, in: state)
                guard let row = rows(state).first(where: { $0.commands.contains(command) && !$0.keyLabel(for: command).isEmpty })
                else { continue }
                XCTAssertEqual(label, row.keyLabel(for: command), name)
            }
        }
        // The key written next to a command runs it.
        var state = Fixtures.state()
        XCTAssertEqual(Keymap.keyLabel(for: .copyID, in: state), "y")
        XCTAssertEqual(state.press(.character("y")), [.copyToClipboard(Fixtures.all.sorted { $0.name < $1.name }[0].id.rawValue)])
    }

    func isEnvironmentChoice(_ command: Command) -> Bool {
        if case .useEnvironment = command { return true }
        return false
    }

    /// The bug the one rule fixes: `/` then `E` on Webhooks opened the
    /// environment picker instead of typing "E".
    func testATypedFilterGetsEveryPrintableKeyFirst() {
        var state = WebhookFixtures.state()
        state.press(.character("/"))
        state.type("E")
        XCTAssertNil(state.overlay, "no environment picker over a filter being typed")
        XCTAssertEqual(state.webhooks.filter.text, "E")
        for key in ["q", "?", ":", "j", "n", "l"] { state.type(key) }
        XCTAssertEqual(state.webhooks.filter.text, "Eq?:jnl")
        XCTAssertNil(state.overlay)
        // The section keys still leave it.
        XCTAssertEqual(state.press(.function(3)), [.agents(.load), .models(.load)])
        XCTAssertEqual(state.section, .agents)

        // The same on the Agents and Calls filters, and outside a filter `E` is the picker.
        var agents = PageFixtures.state()
        agents.press(.function(3), .character("/"))
        agents.type("E")
        XCTAssertEqual(agents.agents.filter.text, "E")
        agents.press(.enter, .character("E"))
        guard case .environmentPicker? = agents.overlay else { return XCTFail("E outside a filter opens the picker") }
    }

    func testAPageShadowsAKeyOfEveryPage() {
        // `l` is "focus the page" everywhere but opens the delivery log on Webhooks.
        var state = WebhookFixtures.state()
        XCTAssertEqual(Keymap.command(for: .character("l"), in: state), .openDeliveryLog)
        var agents = PageFixtures.state()
        agents.press(.function(3))
        XCTAssertEqual(Keymap.command(for: .character("l"), in: agents), .focusPage)
        state.press(.character("l"))
        XCTAssertNotNil(state.webhooks.log)
    }
}
