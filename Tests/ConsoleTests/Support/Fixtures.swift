import ActionModel
import Foundation
import XCTest
import Screen
@testable import Console

/// Actions with fixed IDs and dates, in every kind, with accented, CJK and
/// emoji names so columns are seen to line up.
enum Fixtures {
    static func id(_ body: String) -> ActionID { ActionID("act_" + body)! }
    static func date(_ day: Int) -> Date { Date(timeIntervalSince1970: 1_767_225_600 + Double(day) * 86_400) }

    static let crmLead = Action(
        id: id("7k2m9q4x1c8d0f3h"), name: "Create CRM lead",
        description: "Creates a lead in the CRM from the caller's details",
        configuration: .customInput(CustomInputConfiguration(
            url: "https://crm.example.com/api/leads", speakOnSend: "Let me save your details.",
            speakOnReceive: "Done, you're in our system.",
            inputSchema: InputSchema(properties: [
                SchemaProperty(name: "first_name", isRequired: true, description: "The caller's first name"),
                SchemaProperty(name: "email", isRequired: true, description: "The customer's email address", format: .email),
                SchemaProperty(name: "issue", description: "Brief description of the customer's issue"),
            ]))),
        createdAt: date(1), updatedAt: date(9))

    static let accountStatus = Action(
        id: id("2b4d6f8h0j2k4m6n"), name: "Check account status",
        description: "Looks up the account by email or account ID",
        configuration: .customInput(CustomInputConfiguration(
            url: "https://api.example.com/accounts/status",
            inputSchema: InputSchema(properties: [SchemaProperty(name: "email", isRequired: true)]))),
        createdAt: date(2), updatedAt: date(3))

    static let reserver = Action(
        id: id("9z8y7x6w5v4t3s2r"), name: "Réserver un créneau",
        description: "Prend un rendez-vous dans l’agenda du cabinet médical",
        configuration: .customInput(CustomInputConfiguration(url: "https://rdv.example.fr/creneaux")),
        createdAt: date(3), updatedAt: date(5))

    static let yoyaku = Action(
        id: id("0a1b2c3d4e5f6g7h"), name: "予約を確認する",
        description: "予約状況を確認して読み上げます",
        configuration: .customInput(CustomInputConfiguration(url: nil)),
        createdAt: date(4), updatedAt: date(4))

    static let trackOrder = Action(
        id: id("m3n4p5q6r7s8t9v0"), name: "🚚 Track my order 📦",
        description: "Reads back the delivery status of an order",
        trigger: .phrases(["where is my order"]),
        configuration: .customInput(CustomInputConfiguration(url: "https://shop.example.com/track")),
        createdAt: date(5), updatedAt: date(8))

    static let goodbye = Action(
        id: id("e1d2c3b4a5z6y7x8"), name: "Say goodbye", description: "Ends the call politely",
        trigger: .phrases(["goodbye", "bye"]),
        configuration: .endConversation(EndConversationConfiguration(goodbye: "Thanks for calling, goodbye!")),
        createdAt: date(1), updatedAt: date(2))

    static let billing = Action(
        id: id("t1r2a3n4s5f6e7r8"), name: "Transfer to billing", description: "Sends the caller to the billing team",
        configuration: .transferCalls(TransferCallsConfiguration(phoneNumber: "+14155550100")),
        createdAt: date(2), updatedAt: date(6))

    static let skipMenu = Action(
        id: id("d7m8f9k0h1j2g3c4"), name: "Skip IVR menu", description: "Presses 1 then # to reach an operator",
        configuration: .dtmf(DTMFConfiguration(buttons: "1#")),
        createdAt: date(3), updatedAt: date(3))

    static let nurse = Action(
        id: id("w4r5m6t7r8a9n0s1"), name: "Hand over to a nurse", description: "Briefs the on-call nurse, then connects",
        trigger: .phrases(["speak to a nurse"]),
        configuration: .warmTransfer(WarmTransferConfiguration(phoneNumber: "+442071838750", summary: "Caller has symptoms to discuss")),
        createdAt: date(4), updatedAt: date(7))

    static let all = [crmLead, accountStatus, reserver, yoyaku, trackOrder, goodbye, billing, skipMenu, nurse]
    static let customOnly = [crmLead, accountStatus, reserver, yoyaku, trackOrder]

    static func state(_ actions: [Action]? = all, width: Int = 80, height: Int = 24, readOnly: Bool = false,
                      store: String = "~/.local/share/switchboard/switchboard.sqlite") -> ConsoleState {
        var state = ConsoleState(width: width, height: height, storeDescription: store, readOnly: readOnly, notice: nil)
        if let actions { _ = Console.update(&state, .actions(.loaded(ActionList(actions.map(\.summary))))) }
        return state
    }

    /// Many generated actions, deterministic.
    static func generated(_ count: Int, seed: UInt64 = 42) -> [Action] {
        var rng = SeededRandom(seed: seed)
        let verbs = ["Create", "Check", "Update", "Cancel", "Book", "Look up", "Send", "Réserver", "確認", "Track"]
        let things = ["lead", "ticket", "order", "account", "appointment", "invoice", "créneau", "予約", "shipment 📦", "refund"]
        return (0..<count).map { i in
            let name = "\(verbs[Int(rng.next() % 10)]) \(things[Int(rng.next() % 10)]) \(i)"
            let kind = ActionKind.allCases[Int(rng.next() % 8) < 4 ? 0 : Int(rng.next() % 5)]
            var configuration = ActionConfiguration.empty(kind)
            if case .customInput = configuration {
                configuration = .customInput(CustomInputConfiguration(url: i % 7 == 0 ? nil : "https://api.example.com/\(i)"))
            } else if kind == .transferCalls {
                configuration = .transferCalls(TransferCallsConfiguration(phoneNumber: "+1415555\(String(format: "%04d", i % 10000))"))
            }
            return Action(id: ActionID.generate(using: &rng), name: name, description: "Generated action number \(i) for testing",
                          trigger: i % 5 == 0 ? .phrases(["phrase \(i)"]) : .functionCall,
                          configuration: configuration, createdAt: date(i % 300), updatedAt: date(i % 365))
        }
    }
}

/// SplitMix64: a small seeded generator so fuzz runs and generated data repeat.
struct SeededRandom: RandomNumberGenerator {
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

extension ConsoleState {
    /// Sends keys, returning every effect produced.
    @discardableResult
    mutating func press(_ keys: Key...) -> [ConsoleEffect] {
        keys.flatMap { Console.update(&self, .input(.key($0))) }
    }

    @discardableResult
    mutating func type(_ text: String) -> [ConsoleEffect] {
        text.flatMap { Console.update(&self, .input(.key(.character($0)))) }
    }

    @discardableResult
    mutating func send(_ message: ConsoleMessage) -> [ConsoleEffect] { Console.update(&self, message) }

    /// Presses the keys, the last of which opens the selected action: checks
    /// it asked the store for it (`.actions(.open)`) and answers as the runtime
    /// would, with the full action from `actions`. Returns the ID asked for.
    @discardableResult
    mutating func pressAndOpen(_ keys: Key..., from actions: [Action] = Fixtures.all,
                               file: StaticString = #filePath, line: UInt = #line) -> ActionID? {
        let effects = keys.flatMap { Console.update(&self, .input(.key($0))) }
        guard case let .actions(.open(id))? = effects.last, effects.count == 1 else {
            XCTFail("expected [.actions(.open)], got \(effects)", file: file, line: line)
            return nil
        }
        guard let action = actions.first(where: { $0.id == id }) else {
            XCTFail("no fixture with ID \(id)", file: file, line: line)
            return nil
        }
        _ = Console.update(&self, .actions(.opened(action)))
        return id
    }

    var screen: String { Console.render(self).text }
}
