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
    /// Every full action the run has handed the console, for `.openEditor`.
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
            return .actionsLoaded(ActionList(remember(Fixtures.generated(Int(rng.next() % 30), seed: rng.next()) + (rng.next() % 2 == 0 ? Fixtures.all : []))
                .map(\.summary)))
        case 985..<987:
            return .agentsLoaded(PageFixtures.agents.shuffled(using: &rng).prefix(Int(rng.next() % 4)).map { $0 })
        case 987..<989:
            return .callsLoaded(Array(PageFixtures.calls.prefix(Int(rng.next() % 4))))
        case 989..<990 where rng.next() % 2 == 0:
            return [.secretsLoaded(SecretsFixtures.overview), .secretsLoaded(SecretsFixtures.tooOpen), .secretsLoaded(SecretsOverview()),
                    .secretsFailed("Refused"), .deliveriesChanged,
                    .webhooksLoaded(Array(WebhookFixtures.entries.prefix(Int(rng.next() % 4))), definedSecrets: []),
                    .webhookFailed(WebhookFailure(reason: .conflict(current: nil), message: "Gone"))][Int(rng.next() % 7)]
        case 989..<990:
            return [.agentFailed(AgentFailure(reason: .conflict(current: PageFixtures.frontDesk), message: "Changed")),
                    .callFailed(nil, message: "Failed"), .demoWorkspaceLoaded(actionsAdded: 8, agentName: "Demo")][Int(rng.next() % 3)]
        case 990..<992:
            return .storeFailed(StoreFailure(reason: [.conflict(current: nil), .duplicateFunctionName, .readOnly, .notFound, .invalid, .other][Int(rng.next() % 6)],
                                             message: "Failure \(rng.next() % 100)", actionID: nil))
        default:
            return .actionSaved(remember(Fixtures.generated(1, seed: rng.next()))[0])
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
            if !pending.isEmpty, rng.next() % 4 == 0 {
                switch pending.removeFirst() {
                case let .insert(action), let .update(action):
                    var stored = action
                    stored.version += 1
                    message = .actionSaved(stored)
                    known[stored.id] = stored
                case let .openEditor(id):
                    // Sometimes it's gone by the time the store looks.
                    if let action = known[id], rng.next() % 5 != 0 {
                        message = .actionOpened(action)
                    } else {
                        message = .storeFailed(StoreFailure(reason: .notFound, message: "Gone", actionID: id))
                    }
                case let .delete(id, _): message = .actionDeleted(id)
                case .loadActions: message = .actionsLoaded(ActionList(state.actions.index.actions))
                case .loadAgents: message = .agentsLoaded(PageFixtures.agents)
                case let .insertAgent(agent), let .updateAgent(agent):
                    var stored = agent
                    stored.version += 1
                    message = rng.next() % 3 == 0
                        ? .agentFailed(AgentFailure(reason: .conflict(current: rng.next() % 2 == 0 ? stored : nil), message: "Changed", agentID: agent.id))
                        : .agentSaved(stored)
                case let .deleteAgent(agent): message = .agentDeleted(agent.id)
                case .loadCalls: message = .callsLoaded(PageFixtures.calls)
                case let .openCall(id):
                    message = PageFixtures.calls.first { $0.call.id == id }.map { .callOpened($0.call, PageFixtures.events(for: $0.call)) }
                        ?? .callFailed(id, message: "Gone")
                case let .exportCall(id, path, replacing):
                    message = replacing || rng.next() % 2 == 0 ? .callExported(id, path: "/tmp/" + path) : .callExportWouldReplace(id, path: path)
                case .loadDemoWorkspace: message = .demoWorkspaceLoaded(actionsAdded: 8, agentName: "Demo front desk")
                case let .startCall(start):
                    message = .call(CallActivity(callID: start.callID, kind: .started(agentName: "Fuzz"), time: Date()))
                case let .sayInCall(id, line):
                    message = .call(CallActivity(callID: id, kind: .event(.callerSaid(line)), time: Date()))
                case let .endCall(id):
                    message = .call(CallActivity(callID: id, kind: .event(.callEnded(reason: .callerHungUp)), time: Date()))
                case .loadSecrets: message = .secretsLoaded(SecretsFixtures.overview)
                case let .revealSecret(name): message = .secretRevealed(name: name, value: SecretText(SecretsFixtures.plantedValue))
                case .setSecretValue, .setSecretSource, .deleteSecret, .createEnvironment, .deleteEnvironment, .useEnvironment,
                     .setVariable, .unsetVariable:
                    message = rng.next() % 3 == 0 ? .secretsFailed("Refused") : .secretsChanged(SecretsFixtures.overview, done: "Done")
                case .loadWebhooks: message = .webhooksLoaded(WebhookFixtures.entries, definedSecrets: WebhookFixtures.definedSecrets)
                case let .insertWebhook(webhook), let .updateWebhook(webhook):
                    var stored = webhook
                    stored.version += 1
                    message = rng.next() % 3 == 0
                        ? .webhookFailed(WebhookFailure(reason: .conflict(current: rng.next() % 2 == 0 ? stored : nil), message: "Changed",
                                                        webhookID: webhook.id))
                        : .webhookSaved(stored)
                case let .deleteWebhook(webhook): message = .webhookDeleted(webhook.id)
                case let .loadDeliveries(scope):
                    message = .deliveriesLoaded(scope, Array(WebhookFixtures.log.prefix(Int(rng.next() % 6))))
                case let .openDelivery(id):
                    message = WebhookFixtures.log.first { $0.delivery.id == id }.map { .deliveryOpened($0, WebhookFixtures.attempts) }
                        ?? .webhookFailed(WebhookFailure(reason: .notFound, message: "Gone"))
                case .sendTestDelivery: message = .testDeliveryFinished(WebhookFixtures.log[0].delivery)
                case let .resendDelivery(id):
                    var delivery = WebhookFixtures.log[1].delivery
                    delivery.id = id
                    delivery.status = .pending
                    message = .deliveryResent(delivery)
                case .models(.load): message = .models(.loaded(ModelFixtures.entries))
                case let .models(.insert(model)), let .models(.update(model, _)):
                    var stored = model
                    stored.version += 1
                    message = rng.next() % 3 == 0
                        ? .models(.failed(ModelFailure(reason: .conflict(current: rng.next() % 2 == 0 ? stored : nil), message: "Changed",
                                                       recordID: model.id)))
                        : .models(.saved(stored, previousName: nil))
                case let .models(.delete(model)): message = .models(.deleted(name: model.name))
                case .models(.test): message = .models(.tested(rng.next() % 2 == 0 ? ModelFixtures.answered : ModelFixtures.refused))
                case .quit, .cancelCallRequest, .sendTestRequest, .copyCurl, .copyToClipboard: break
                }
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
            if readOnly {
                for effect in effects {
                    switch effect {
                    case .insert, .update, .delete, .openEditor, .insertAgent, .updateAgent, .deleteAgent, .loadDemoWorkspace, .startCall,
                         .setSecretValue, .setSecretSource, .deleteSecret, .createEnvironment, .deleteEnvironment, .useEnvironment,
                         .setVariable, .unsetVariable, .insertWebhook, .updateWebhook, .deleteWebhook, .sendTestDelivery, .resendDelivery,
                         .models(.insert), .models(.update), .models(.delete):
                        return XCTFail("seed \(seed) step \(step): \(effect) on a read-only store after \(message)")
                    default: break
                    }
                }
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
