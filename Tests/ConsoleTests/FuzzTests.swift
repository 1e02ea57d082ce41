import ActionModel
import CallSimulation
import Foundation
import Screen
import XCTest
@testable import Console

/// 100,000 seeded random events into update and render, with the invariants
/// checked after every step. A failure prints the seed and step to replay.
final class FuzzTests: XCTestCase {
    static let characters: [Character] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /:?[]12ehjklnqsSdGgyYNvuEé予約🚚📦👍🏽\u{301}")

    static let keys: [Key] = {
        var keys: [Key] = [.enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right,
                           .home, .end, .pageUp, .pageDown, .altUp, .altDown, .function(1), .function(5), .function(12),
                           // The section keys, so every page is reached often.
                           .function(2), .function(3), .function(4), .function(3), .function(4), .function(6), .function(6), .function(7), .function(7), .function(8)]
        keys += "cpurdfbsewkhna".map { Key.ctrl($0) }
        keys += "xjk".map { Key.alt($0) }
        return keys
    }()

    var oddSize = false
    /// Every full action the run has handed the console, for `.actions(.open)`.
    var known: [ActionID: Action] = [:]

    func remember(_ actions: [Action]) -> [Action] {
        for action in actions { known[action.id] = action }
        return actions
    }
    /// FUZZ_STEPS overrides the 100,000 events (split 60/40 between the two runs).
    static let steps = Int(ProcessInfo.processInfo.environment["FUZZ_STEPS"] ?? "") ?? 100_000

    func randomEvent(_ rng: inout SeededRandom) -> ConsoleMessage {
        if oddSize {
            oddSize = false
            return .input(.resize(width: 55 + Int(rng.next() % 70), height: 14 + Int(rng.next() % 20)))
        }
        let roll = rng.next() % 1000
        switch roll {
        case 0..<480:
            return .input(.key(.character(Self.characters.randomElement(using: &rng)!)))
        case 480..<900:
            return .input(.key(Self.keys.randomElement(using: &rng)!))
        case 900..<915:
            let length = Int(rng.next() % 400)
            let text = String((0..<length).map { _ in Self.characters.randomElement(using: &rng)! }) + (rng.next() % 2 == 0 ? "\n\t\r\n" : "")
            return .input(.paste(text))
        case 915..<935:
            // Any size up to 300×100 (for one step: big screens are slow to
            // draw in a debug build), or one around the usual ones.
            if rng.next() % 3 == 0 {
                oddSize = true
                return .input(.resize(width: Int(rng.next() % 301), height: Int(rng.next() % 101)))
            }
            return .input(.resize(width: 55 + Int(rng.next() % 70), height: 14 + Int(rng.next() % 20)))
        case 935..<978:
            return .tick
        case 978..<985:
            return .actions(.loaded(ActionList(remember(Fixtures.generated(Int(rng.next() % 30), seed: rng.next()) + (rng.next() % 2 == 0 ? Fixtures.all : []))
                .map(\.summary))))
        case 985..<987:
            return .agents(.loaded(PageFixtures.agents.shuffled(using: &rng).prefix(Int(rng.next() % 4)).map { $0 }))
        case 987..<989:
            return .calls(.loaded(Array(PageFixtures.calls.prefix(Int(rng.next() % 4)))))
        case 989..<990 where rng.next() % 2 == 0:
            return [.secrets(.loaded(SecretsFixtures.overview)), .secrets(.loaded(SecretsFixtures.tooOpen)), .secrets(.loaded(SecretsOverview())),
                    .secrets(.failed("Refused")), .deliveries(.changed),
                    .webhooks(.loaded(Array(WebhookFixtures.entries.prefix(Int(rng.next() % 4))), definedSecrets: [])),
                    .webhooks(.failed(WebhookFailure(reason: .conflict(current: nil), message: "Gone")))][Int(rng.next() % 7)]
        case 989..<990:
            return [.agents(.failed(AgentFailure(reason: .conflict(current: PageFixtures.frontDesk), message: "Changed"))),
                    .calls(.failed(nil, message: "Failed")), .store(.demoWorkspaceLoaded(actionsAdded: 8, agentName: "Demo"))][Int(rng.next() % 3)]
        case 990..<992:
            return .actions(.failed(StoreFailure(reason: [.conflict(current: nil), .duplicateFunctionName, .readOnly, .notFound, .invalid, .other][Int(rng.next() % 6)],
                                             message: "Failure \(rng.next() % 100)", actionID: nil)))
        default:
            return .actions(.saved(remember(Fixtures.generated(1, seed: rng.next()))[0]))
        }
    }

    // MARK: The store, as the runtime would answer (one answer per domain, every effect)

    /// The message the runtime would send back for an effect (nil: none).
    func answer(_ effect: ConsoleEffect, _ rng: inout SeededRandom, _ state: ConsoleState) -> ConsoleMessage? {
        switch effect {
        case let .actions(effect): return .actions(answer(effect, &rng, state))
        case let .agents(effect): return .agents(Self.answer(effect, &rng))
        case let .calls(effect): return .calls(Self.answer(effect, &rng))
        case let .call(effect): return Self.answer(effect).map(ConsoleMessage.call)
        case let .secrets(effect): return .secrets(Self.answer(effect, &rng))
        case let .webhooks(effect): return .webhooks(Self.answer(effect, &rng))
        case let .deliveries(effect): return Self.answer(effect, &rng)
        case let .dispatcher(effect): return .deliveries(Self.answer(effect))
        case let .store(effect): return .store(Self.answer(effect))
        case let .models(effect): return .models(Self.answer(effect, &rng))
        case .quit, .copyCurl, .copyToClipboard: return nil
        }
    }

    static func answer(_ effect: ModelsEffect, _ rng: inout SeededRandom) -> ModelsMessage {
        switch effect {
        case .load: return .loaded(ModelFixtures.entries)
        case let .insert(model), let .update(model, _):
            var stored = model
            stored.version += 1
            return rng.next() % 3 == 0
                ? .failed(ModelFailure(reason: .conflict(current: rng.next() % 2 == 0 ? stored : nil), message: "Changed", recordID: model.id))
                : .saved(stored, previousName: nil)
        case let .delete(model): return .deleted(name: model.name)
        case .test: return .tested(rng.next() % 2 == 0 ? ModelFixtures.answered : ModelFixtures.refused)
        }
    }

    func answer(_ effect: ActionsEffect, _ rng: inout SeededRandom, _ state: ConsoleState) -> ActionsMessage {
        switch effect {
        case let .insert(action), let .update(action):
            var stored = action
            stored.version += 1
            known[stored.id] = stored
            return .saved(stored)
        case let .open(id):
            // Sometimes it's gone by the time the store looks.
            if let action = known[id], rng.next() % 5 != 0 { return .opened(action) }
            return .failed(StoreFailure(reason: .notFound, message: "Gone", actionID: id))
        case let .delete(id, _): return .deleted(id)
        case .load: return .loaded(ActionList(state.actions.index.actions))
        }
    }

    static func answer(_ effect: AgentsEffect, _ rng: inout SeededRandom) -> AgentsMessage {
        switch effect {
        case .load: return .loaded(PageFixtures.agents)
        case let .insert(agent), let .update(agent):
            var stored = agent
            stored.version += 1
            return rng.next() % 3 == 0
                ? .failed(AgentFailure(reason: .conflict(current: rng.next() % 2 == 0 ? stored : nil), message: "Changed", agentID: agent.id))
                : .saved(stored)
        case let .delete(agent): return .deleted(agent.id)
        }
    }

    static func answer(_ effect: CallsEffect, _ rng: inout SeededRandom) -> CallsMessage {
        switch effect {
        case .load: return .loaded(PageFixtures.calls)
        case let .open(id):
            return PageFixtures.calls.first { $0.call.id == id }.map { .opened($0.call, PageFixtures.events(for: $0.call)) }
                ?? .failed(id, message: "Gone")
        case let .export(id, path, replacing):
            return replacing || rng.next() % 2 == 0 ? .exported(id, path: "/tmp/" + path) : .exportWouldReplace(id, path: path)
        }
    }

    static func answer(_ effect: CallEffect) -> CallActivity? {
        switch effect {
        case let .start(start): return CallActivity(callID: start.callID, kind: .started(agentName: "Fuzz"), time: Date())
        case let .say(id, line): return CallActivity(callID: id, kind: .event(.callerSaid(line)), time: Date())
        case let .end(id): return CallActivity(callID: id, kind: .event(.callEnded(reason: .callerHungUp)), time: Date())
        case .cancelRequest, .sendTestRequest: return nil
        }
    }

    static func answer(_ effect: SecretsEffect, _ rng: inout SeededRandom) -> SecretsMessage {
        switch effect {
        case .load: return .loaded(SecretsFixtures.overview)
        case let .reveal(name): return .revealed(name: name, value: SecretText(SecretsFixtures.plantedValue))
        case .setValue, .setSource, .delete, .createEnvironment, .deleteEnvironment, .useEnvironment, .setVariable, .unsetVariable:
            return rng.next() % 3 == 0 ? .failed("Refused") : .changed(SecretsFixtures.overview, done: "Done")
        }
    }

    static func answer(_ effect: WebhooksEffect, _ rng: inout SeededRandom) -> WebhooksMessage {
        switch effect {
        case .load: return .loaded(WebhookFixtures.entries, definedSecrets: WebhookFixtures.definedSecrets)
        case let .insert(webhook), let .update(webhook):
            var stored = webhook
            stored.version += 1
            return rng.next() % 3 == 0
                ? .failed(WebhookFailure(reason: .conflict(current: rng.next() % 2 == 0 ? stored : nil), message: "Changed", webhookID: webhook.id))
                : .saved(stored)
        case let .delete(webhook): return .deleted(webhook.id)
        }
    }

    static func answer(_ effect: DeliveriesEffect, _ rng: inout SeededRandom) -> ConsoleMessage {
        switch effect {
        case let .load(scope):
            return .deliveries(.loaded(scope, Array(WebhookFixtures.log.prefix(Int(rng.next() % 6)))))
        case let .open(id):
            return WebhookFixtures.log.first { $0.delivery.id == id }.map { .deliveries(.opened($0, WebhookFixtures.attempts)) }
                ?? .webhooks(.failed(WebhookFailure(reason: .notFound, message: "Gone")))
        }
    }

    static func answer(_ effect: DispatcherEffect) -> DeliveriesMessage {
        switch effect {
        case .sendTestDelivery: return .testFinished(WebhookFixtures.log[0].delivery)
        case let .resendDelivery(id):
            var delivery = WebhookFixtures.log[1].delivery
            delivery.id = id
            delivery.status = .pending
            return .resent(delivery)
        }
    }

    static func answer(_ effect: StoreEffect) -> StoreMessage {
        switch effect {
        case .loadDemoWorkspace: return .demoWorkspaceLoaded(actionsAdded: 8, agentName: "Demo front desk")
        }
    }

    /// Effects a read-only store must never be asked for: writes, opening the
    /// action form, starting a call (it is logged in the store).
    static func writes(_ effect: ConsoleEffect) -> Bool {
        switch effect {
        case let .actions(effect):
            switch effect {
            case .insert, .update, .delete, .open: return true
            case .load: return false
            }
        case let .agents(effect):
            switch effect {
            case .insert, .update, .delete: return true
            case .load: return false
            }
        case let .call(effect):
            switch effect {
            case .start: return true
            case .say, .cancelRequest, .end, .sendTestRequest: return false
            }
        case let .secrets(effect):
            switch effect {
            case .setValue, .setSource, .delete, .createEnvironment, .deleteEnvironment, .useEnvironment, .setVariable, .unsetVariable: return true
            case .load, .reveal: return false
            }
        case let .webhooks(effect):
            switch effect {
            case .insert, .update, .delete: return true
            case .load: return false
            }
        case let .models(effect):
            switch effect {
            case .insert, .update, .delete: return true
            case .load, .test: return false
            }
        case .dispatcher: return true
        case .store(.loadDemoWorkspace): return true
        case .calls, .deliveries, .quit, .copyCurl, .copyToClipboard: return false
        }
    }

    func run(seed: UInt64, steps: Int, readOnly: Bool) {
        var rng = SeededRandom(seed: seed)
        var state = Fixtures.state(remember(Fixtures.generated(200, seed: seed)), width: 80, height: 24, readOnly: readOnly)
        var pending: [ConsoleEffect] = []
        var lastScreen = ""
        /// The Webhooks page's screens the run reached (checked at the end).
        var reached: Set<String> = []
        for step in 0..<steps {
            // Sometimes the store answers the last effect.
            var message = randomEvent(&rng)
            if !pending.isEmpty, rng.next() % 4 == 0, let answer = answer(pending.removeFirst(), &rng, state) {
                message = answer
            }
            let effects = Console.update(&state, message)
            if state.section == .webhooks {
                reached.insert("list")
                if state.webhooks.form != nil { reached.insert("form") }
                if state.webhooks.log != nil { reached.insert("log") }
                if state.webhooks.log?.detail != nil { reached.insert("attempts") }
            }
            if state.section == .models {
                reached.insert("models list")
                if state.models.form != nil { reached.insert("models form") }
            }
            if readOnly, let write = effects.first(where: Self.writes) {
                return XCTFail("seed \(seed) step \(step): \(write) on a read-only store after \(message)")
            }
            pending += effects.filter { $0 != .quit }
            if pending.count > 8 { pending.removeFirst(pending.count - 8) }

            for tab in state.actions.tabs {
                guard tab.visible.isEmpty ? tab.selection == 0 : tab.visible.indices.contains(tab.selection),
                      tab.scroll >= 0, tab.visible.isEmpty || tab.visible[tab.selection] < state.actions.index.count else {
                    return XCTFail("seed \(seed) step \(step): selection \(tab.selection) scroll \(tab.scroll) of \(tab.visible.count) after \(message)")
                }
            }
            let agents = state.agents, calls = state.calls
            guard agents.visible.isEmpty ? agents.selection == 0 : agents.visible.indices.contains(agents.selection),
                  calls.visible.isEmpty ? calls.selection == 0 : calls.visible.indices.contains(calls.selection),
                  agents.visible.allSatisfy(agents.entries.indices.contains), calls.visible.allSatisfy(calls.entries.indices.contains),
                  agents.scroll >= 0, calls.scroll >= 0, (calls.view?.scroll ?? 0) >= 0 else {
                return XCTFail("seed \(seed) step \(step): agents/calls cursor out of range after \(message)")
            }
            let secrets = state.secrets
            guard secrets.overview.secrets.isEmpty ? secrets.secretSelection == 0 : secrets.overview.secrets.indices.contains(secrets.secretSelection),
                  secrets.overview.environments.isEmpty ? secrets.environmentSelection == 0
                      : secrets.overview.environments.indices.contains(secrets.environmentSelection),
                  secrets.variableSelection >= 0, secrets.openEnvironment == nil || secrets.openedEnvironment != nil else {
                return XCTFail("seed \(seed) step \(step): secrets cursor out of range after \(message)")
            }
            if (state.secrets.form != nil || state.secrets.question != nil) && state.readOnly {
                return XCTFail("seed \(seed) step \(step): a secrets form or delete opened on a read-only store")
            }
            let webhooks = state.webhooks
            guard webhooks.visible.isEmpty ? webhooks.selection == 0 : webhooks.visible.indices.contains(webhooks.selection),
                  webhooks.visible.allSatisfy(webhooks.entries.indices.contains), webhooks.scroll >= 0,
                  webhooks.log.map({ $0.entries.isEmpty ? $0.selection == 0 : $0.entries.indices.contains($0.selection) }) ?? true,
                  (webhooks.log?.scroll ?? 0) >= 0, (webhooks.log?.detail?.scroll ?? 0) >= 0,
                  calls.view?.deliveries.map({ $0.isEmpty || $0.indices.contains(calls.view!.deliverySelection) }) ?? true else {
                return XCTFail("seed \(seed) step \(step): webhooks/deliveries cursor out of range after \(message)")
            }
            if (state.webhooks.form != nil || state.webhooks.confirmDelete != nil) && state.readOnly {
                return XCTFail("seed \(seed) step \(step): a webhook form or delete opened on a read-only store")
            }
            if (state.agents.form != nil || state.agents.confirmDelete != nil) && state.readOnly {
                return XCTFail("seed \(seed) step \(step): an agent form or delete opened on a read-only store")
            }
            if state.actions.editor != nil && state.readOnly {
                return XCTFail("seed \(seed) step \(step): the editor opened on a read-only store")
            }
            // Drawing a screen is ~1 ms in a debug build, so it is checked after
            // every resize, every change of screen, and every 16th step.
            let screen = "\(String(describing: state.overlay).prefix(20))\(state.actions.editor == nil)\(state.actions.filtering)\(state.actions.tab)"
                + "\(state.section)\(state.agents.form == nil)\(state.calls.view == nil)\(state.calls.export == nil)"
                + "\(state.secrets.tab)\(state.secrets.form == nil)\(state.secrets.revealed == nil)\(state.secrets.openEnvironment ?? "")"
                + "\(state.webhooks.form == nil)\(state.webhooks.log == nil)\(state.webhooks.log?.detail == nil)"
            if case .input(.resize) = message {} else if screen == lastScreen && step % 16 != 0 { continue }
            lastScreen = screen
            let buffer = Console.render(state)
            guard buffer.width == state.width, buffer.height == state.height else {
                return XCTFail("seed \(seed) step \(step): buffer \(buffer.width)x\(buffer.height) for state \(state.width)x\(state.height)")
            }
            if let cursor = buffer.cursor, !(0..<max(1, buffer.width + 1)).contains(cursor.x) || !(0..<max(1, buffer.height)).contains(cursor.y) {
                return XCTFail("seed \(seed) step \(step): cursor \(cursor) outside \(buffer.width)x\(buffer.height)")
            }
        }
        let expected: Set<String> = readOnly ? ["list", "log"] : ["list", "form", "log"]
        XCTAssertTrue(expected.isSubset(of: reached), "seed \(seed): the run never reached \(expected.subtracting(reached)) of the Webhooks page")
        let models: Set<String> = readOnly ? ["models list"] : ["models list", "models form"]
        XCTAssertTrue(models.isSubset(of: reached), "seed \(seed): the run never reached \(models.subtracting(reached)) of the Models page")
    }

    func testRandomEventsOnAWritableStore() {
        run(seed: 0x5EED_0001, steps: Self.steps * 6 / 10, readOnly: false)
    }

    func testRandomEventsOnAReadOnlyStore() {
        run(seed: 0x5EED_0002, steps: Self.steps * 4 / 10, readOnly: true)
    }
}
