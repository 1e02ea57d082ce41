import ActionModel
import Foundation
import XCTest

@testable import CallSimulation

// MARK: - Fixtures

enum Fixtures {
    static func custom(
        _ name: String, description: String = "", trigger: ActionTrigger = .functionCall, url: String? = "https://example.com/hook",
        onSend: String = "", onReceive: String = "", properties: [SchemaProperty]
    ) -> Action {
        Action(
            name: name, description: description, trigger: trigger,
            configuration: .customInput(CustomInputConfiguration(
                url: url, speakOnSend: onSend, speakOnReceive: onReceive, inputSchema: InputSchema(properties: properties))),
            createdAt: fixedNow)
    }

    static let signUp = custom(
        "Sign up for a plan", description: "Create a subscription for a customer", onSend: "Let me set that up.",
        onReceive: "You're all set, account {{result.account.id}} has {{result.seats}} seats.",
        properties: [
            SchemaProperty(name: "email", isRequired: true, description: "The customer's email address", format: .email),
            SchemaProperty(name: "plan", isRequired: true, description: "The plan to subscribe to", enumValues: ["basic", "pro", "enterprise"]),
            SchemaProperty(name: "seats", type: .integer, isRequired: true, description: "How many seats do you need?", minimum: 1, maximum: 120),
            SchemaProperty(name: "phone", description: "A phone number to call back"),
        ])

    static let booking = custom(
        "Book appointment", description: "Schedule an appointment", onSend: "One moment while I book that.",
        onReceive: "Booked for {{result.date}} at {{result.time}}.",
        properties: [
            SchemaProperty(name: "name", isRequired: true, description: "The customer's full name"),
            SchemaProperty(name: "date", isRequired: true, description: "Preferred date", format: .date),
            SchemaProperty(name: "time", isRequired: true, description: "Preferred time", format: .time),
            SchemaProperty(name: "phone_number", isRequired: true, description: "The customer's phone number"),
            SchemaProperty(name: "reminders", type: .boolean, description: "Whether the customer wants reminders"),
        ])

    static let status = custom(
        "Check account status", description: "Look up the account by email", trigger: .phrases(["account status"]),
        onSend: "Let me check your account details.", onReceive: "Your account is {{result.status}}.",
        properties: [SchemaProperty(name: "email", isRequired: true, description: "The customer's email address", format: .email)])

    static let ticket = custom(
        "Create support ticket", description: "Open a ticket for a customer's problem", onReceive: "Ticket {{result.ticket}} is open.",
        properties: [
            SchemaProperty(name: "email", isRequired: true, description: "The customer's email address", format: .email),
            SchemaProperty(name: "issue", isRequired: true, description: "Brief description of the customer's issue"),
            SchemaProperty(name: "urgent", type: .boolean, isRequired: true, description: "Whether the issue is urgent"),
        ])

    static let callback = custom(
        "Schedule callback", description: "Arrange for someone to ring the customer back",
        properties: [
            SchemaProperty(name: "when", isRequired: true, description: "When to call back", format: .dateTime),
            SchemaProperty(name: "phone", isRequired: true, description: "The number to call"),
        ])

    static let donation = custom(
        "Make a donation", description: "Give money to the charity",
        properties: [SchemaProperty(name: "amount", type: .number, isRequired: true, description: "The amount in dollars", minimum: 1)])

    static let track = custom("Track order", description: "Find where a package is",
                              properties: [SchemaProperty(name: "order_id", isRequired: true, description: "The order number")])
    static let returns = custom("Return order", description: "Start a return for a purchase",
                                properties: [SchemaProperty(name: "order_id", isRequired: true, description: "The order number")])
    static let unconfigured = custom("Import lead", description: "Create a lead in the CRM", url: nil,
                                     properties: [SchemaProperty(name: "company", isRequired: true, description: "The company name")])
    static let ping = custom("Ping the server", description: "Check that the backend is up", onReceive: "The server says {{result.reply}}.",
                             properties: [])

    static let endCall = Action(name: "End call", description: "Hang up when the caller is finished",
                                configuration: .endConversation(EndConversationConfiguration(goodbye: "Thanks, bye now!")), createdAt: fixedNow)
    static let billing = Action(name: "Transfer to billing", description: "Send the caller to the billing team",
                                configuration: .transferCalls(TransferCallsConfiguration(phoneNumber: "+14155550100")), createdAt: fixedNow)
    static let menu = Action(name: "Navigate phone menu", description: "Press keypad buttons in the menu",
                             configuration: .dtmf(DTMFConfiguration(buttons: "1#")), createdAt: fixedNow)
    static let sales = Action(name: "Warm transfer to sales", description: "Brief a salesperson, then hand over",
                              configuration: .warmTransfer(WarmTransferConfiguration(phoneNumber: "+14155550199",
                                                                                     summary: "Caller wants a quote for 50 seats.")),
                              createdAt: fixedNow)

    static let hotel = custom(
        "Book a room", description: "Reserve a hotel room",
        properties: [
            SchemaProperty(name: "check_in", isRequired: true, description: "Check-in date", format: .date),
            SchemaProperty(name: "check_out", isRequired: true, description: "Check-out date", format: .date),
            SchemaProperty(name: "adults", type: .integer, isRequired: true, description: "Number of adults", minimum: 1),
            SchemaProperty(name: "children", type: .integer, isRequired: true, description: "Number of children", minimum: 0),
            SchemaProperty(name: "room", isRequired: true, description: "Room type", enumValues: ["single", "double", "suite"]),
        ])

    static let agent = Agent(name: "Test agent", greeting: "Hi, thanks for calling Acme. How can I help?", createdAt: fixedNow)

    static func exchange() -> HTTPExchange { HTTPExchange(url: "https://example.com/hook", requestHeaders: [], requestBody: []) }
}

// MARK: - Running a call

enum Turn {
    case caller(String)
    case respond(InvocationOutcome)
    case hangUp
}

struct Transcript {
    var steps: [CallStep] = []
    var events: [CallEvent] { steps.compactMap { if case let .event(e) = $0 { return e } else { return nil } } }
    var requests: [InvocationRequest] { steps.compactMap { if case let .invoke(r) = $0 { return r } else { return nil } } }
    var agentLines: [String] { events.compactMap { if case let .agentSaid(s) = $0 { return s } else { return nil } } }
}

func runCall(_ actions: [Action], startedFrom: Action? = nil, _ turns: [Turn]) -> (Transcript, MockAgent) {
    var agent = MockAgent(agent: Fixtures.agent, actions: actions, callID: "call_test", startedFrom: startedFrom,
                          now: fixedNow, timeZone: TimeZone(identifier: "UTC")!)
    var transcript = Transcript()
    transcript.steps += agent.start(at: fixedNow)
    for turn in turns {
        switch turn {
        case let .caller(text): transcript.steps += agent.hear(text, at: fixedNow)
        case let .respond(outcome): transcript.steps += agent.receive(outcome, at: fixedNow)
        case .hangUp: transcript.steps += agent.hangUp(at: fixedNow)
        }
    }
    return (transcript, agent)
}

func ok(_ result: JSONObject, message: String? = nil) -> Turn { .respond(.success(result: result, agentMessage: message, exchange: Fixtures.exchange())) }
func failed(_ fault: InvocationFault) -> Turn { .respond(.failure(fault, exchange: nil)) }

/// One table row: caller lines (and responses), the arguments that must be
/// sent, lines the agent must say (substrings) and events that must occur.
struct Dialogue {
    var name: String
    var actions: [Action]
    var startedFrom: Action? = nil
    var turns: [Turn]
    /// Every request sent, in order; nil: don't check.
    var sent: [JSONObject]? = nil
    var says: [String] = []
    var events: [CallEvent] = []
    var ended: CallEndReason? = nil
}

final class MockAgentDialogueTests: XCTestCase {
    let signUp = Fixtures.signUp
    let booking = Fixtures.booking

    func check(_ dialogue: Dialogue, file: StaticString = #filePath, line: UInt = #line) {
        let (transcript, agent) = runCall(dialogue.actions, startedFrom: dialogue.startedFrom, dialogue.turns)
        let context = "[\(dialogue.name)] lines: \(transcript.agentLines)\nevents: \(transcript.events)"
        if let sent = dialogue.sent {
            XCTAssertEqual(transcript.requests.map(\.arguments), sent, context, file: file, line: line)
            for request in transcript.requests { XCTAssertEqual(request.callID, "call_test", file: file, line: line) }
        }
        for expected in dialogue.says {
            XCTAssertTrue(transcript.agentLines.contains { $0.contains(expected) }, "missing line “\(expected)” \(context)", file: file, line: line)
        }
        for event in dialogue.events {
            XCTAssertTrue(transcript.events.contains(event), "missing event \(event) \(context)", file: file, line: line)
        }
        if let ended = dialogue.ended {
            XCTAssertTrue(agent.hasEnded, context, file: file, line: line)
            XCTAssertEqual(transcript.events.last, .callEnded(reason: ended), context, file: file, line: line)
        }
    }

    var dialogues: [Dialogue] {
        let s = signUp, b = booking
        let signUpArgs: JSONObject = ["email": "jo.smith@example.com", "plan": "pro", "seats": 5]
        return [
            // Emails, enums and numbers, one per answer.
            Dialogue(name: "one field per answer", actions: [s], turns: [
                .caller("I'd like to sign up for a plan"), .caller("jo dot smith at example dot com"), .caller("the pro plan"),
                .caller("five"),
            ], sent: [signUpArgs], says: ["Could you tell me your email address?", "The options are basic, pro or enterprise.",
                                          "How many seats do you need?", "Let me set that up."]),
            Dialogue(name: "several fields in one utterance", actions: [s], turns: [
                .caller("sign up please"), .caller("my email is jo dot smith at example dot com and I want the pro plan with 5 seats"),
            ], sent: [signUpArgs], events: [.fieldCollected(name: "plan", value: "pro", heard: "pro"), .muted]),
            Dialogue(name: "everything in the opening line", actions: [s], turns: [
                .caller("I want to sign up for the pro plan, 5 seats, email jo.smith@example.com"),
            ], sent: [signUpArgs]),
            Dialogue(name: "spelled email and words for numbers", actions: [s], turns: [
                .caller("sign me up"), .caller("j o dot smith at example dot com"), .caller("enterprize"),
                .caller("one hundred and five seats"),
            ], sent: [["email": "jo.smith@example.com", "plan": "enterprise", "seats": 105]]),
            Dialogue(name: "optional phone collected when mentioned", actions: [s], turns: [
                .caller("sign up for basic, my phone is four one five five five five oh one oh oh"),
                .caller("jo at example dot com"), .caller("a dozen"),
            ], sent: [["email": "jo@example.com", "plan": "basic", "seats": 12, "phone": "4155550100"]]),
            Dialogue(name: "re-ask above the maximum", actions: [s], turns: [
                .caller("sign up"), .caller("jo.smith@example.com"), .caller("pro"), .caller("150"), .caller("OK, 5 then"),
            ], sent: [signUpArgs], says: ["Sorry, 150 is above the maximum of 120. How many seats do you need?"],
               events: [.fieldRejected(name: "seats", heard: "150", reason: "150 is above the maximum of 120")]),
            Dialogue(name: "re-ask below the minimum", actions: [s], turns: [
                .caller("sign up"), .caller("jo.smith@example.com"), .caller("pro"), .caller("zero"), .caller("five"),
            ], sent: [signUpArgs], says: ["Sorry, 0 is below the minimum of 1."]),
            Dialogue(name: "re-ask a fraction for an integer", actions: [s], turns: [
                .caller("sign up"), .caller("jo.smith@example.com"), .caller("pro"), .caller("two point five"), .caller("three"),
            ], sent: [["email": "jo.smith@example.com", "plan": "pro", "seats": 3]], says: ["must be a whole number, not 2.5"]),
            Dialogue(name: "re-ask when nothing was understood", actions: [s], turns: [
                .caller("sign up"), .caller("I'm not sure what you mean"), .caller("jo.smith@example.com"), .caller("pro"), .caller("5"),
            ], sent: [signUpArgs], says: ["Sorry, I didn't catch an email address. Could you tell me your email address?"]),
            Dialogue(name: "unknown plan is re-asked with the options", actions: [s], turns: [
                .caller("sign up"), .caller("jo.smith@example.com"), .caller("the gold plan"), .caller("pro"), .caller("5"),
            ], sent: [signUpArgs], says: ["Sorry, I didn't catch which option you meant. Could you tell me the plan to subscribe to? The options are basic, pro or enterprise."]),
            Dialogue(name: "ambiguous enum asks, never guesses", actions: [
                Fixtures.custom("Set direction", description: "Set the wind direction",
                                properties: [SchemaProperty(name: "direction", isRequired: true, enumValues: ["north", "south"])]),
            ], turns: [.caller("set the direction"), .caller("nouth"), .caller("north")],
               sent: [["direction": "north"]], says: ["Sorry, did you mean north or south?"]),
            Dialogue(name: "out-of-range value in the opening line is explained", actions: [s], turns: [
                .caller("sign up with email jo dot smith at example dot com for the pro plan and 200 seats"), .caller("OK, 5 then"),
            ], sent: [signUpArgs],
               says: ["Sure, I can help with that. Sorry, 200 is above the maximum of 120. How many seats do you need?"]),
            // Corrections.
            Dialogue(name: "self-correction inside one answer", actions: [s], turns: [
                .caller("sign up for pro"), .caller("jo.smith@example.com"), .caller("I need 4, no wait, 5"),
            ], sent: [signUpArgs]),
            Dialogue(name: "several fields at once: name and phone", actions: [b], turns: [
                .caller("book an appointment"), .caller("Jo Smith, and my number is 555 1234"), .caller("tomorrow at noon"),
            ], sent: [["name": "Jo Smith", "date": "2026-11-26", "time": "12:00:00Z", "phone_number": "5551234"]]),
            Dialogue(name: "actually my email is", actions: [s], turns: [
                .caller("sign up"), .caller("jo at example dot com"), .caller("actually my email is jo dot smith at example dot com"),
                .caller("pro"), .caller("5"),
            ], sent: [signUpArgs], events: [.fieldCorrected(name: "email", from: "jo@example.com", to: "jo.smith@example.com")]),
            Dialogue(name: "no, I meant", actions: [s], turns: [
                .caller("sign up"), .caller("jo.smith@example.com"), .caller("basic"), .caller("no, I meant pro"), .caller("5"),
            ], sent: [signUpArgs], events: [.fieldCorrected(name: "plan", from: "basic", to: "pro")]),
            Dialogue(name: "change the plan to", actions: [s], turns: [
                .caller("sign up for the basic plan"), .caller("jo.smith@example.com"), .caller("change the plan to pro"), .caller("5"),
            ], sent: [signUpArgs], events: [.fieldCorrected(name: "plan", from: "basic", to: "pro")]),
            Dialogue(name: "correct a number with its cue", actions: [s], turns: [
                .caller("sign up for pro with 4 seats"), .caller("actually make that 5 seats"), .caller("jo.smith@example.com"),
            ], sent: [signUpArgs], events: [.fieldCorrected(name: "seats", from: 4, to: 5)]),
            // Cancel.
            Dialogue(name: "cancel", actions: [s], turns: [.caller("sign up"), .caller("jo.smith@example.com"), .caller("cancel")],
                     sent: [], says: ["Okay, I've cancelled that.", "Is there anything else I can help with?"],
                     events: [.actionCancelled(s.id)]),
            Dialogue(name: "never mind, then start again", actions: [s], turns: [
                .caller("sign up"), .caller("never mind"), .caller("actually sign me up for pro"), .caller("jo.smith@example.com"),
                .caller("5"),
            ], sent: [signUpArgs], events: [.actionCancelled(s.id)]),
            Dialogue(name: "switching to another action mid-way", actions: [s, Fixtures.status], turns: [
                .caller("sign up"), .caller("actually, I want to check my account status instead"), .caller("jo.smith@example.com"),
            ], sent: [["email": "jo.smith@example.com"]], says: ["Okay — account status."],
               events: [.actionCancelled(s.id), .actionSelected(Fixtures.status.id, name: "Check account status")]),
            Dialogue(name: "forget it", actions: [s], turns: [.caller("sign up"), .caller("forget it")], sent: [],
                     events: [.actionCancelled(s.id)]),
            // Muted while waiting.
            Dialogue(name: "caller not heard while muted", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), .caller("hello? are you there?"),
                ok(["account": ["id": "A-17"], "seats": 5]),
            ], sent: [signUpArgs], events: [.callerNotHeard("hello? are you there?"), .muted, .unmuted]),
            // Success.
            Dialogue(name: "success with placeholders", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), ok(["account": ["id": "A-17"], "seats": 5]),
            ], sent: [signUpArgs], says: ["You're all set, account A-17 has 5 seats.", "Is there anything else I can help with?"],
               events: [.actionCompleted(s.id)]),
            Dialogue(name: "success with a missing placeholder", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), ok(["seats": 5]),
            ], sent: [signUpArgs], says: ["You're all set, account has 5 seats."],
               events: [.placeholderMissing(path: "result.account.id"), .actionCompleted(s.id)]),
            Dialogue(name: "success with agent_message said word for word", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), ok(["seats": 5], message: "Welcome aboard, Jo!"),
            ], sent: [signUpArgs], says: ["Welcome aboard, Jo!"], events: [.actionCompleted(s.id)]),
            Dialogue(name: "array index and booleans in placeholders", actions: [
                Fixtures.custom("Look up order", description: "Find an order",
                                onReceive: "First item: {{result.items.0.name}}. Shipped: {{ result.shipped }}. Total {{result.total}}.",
                                properties: [SchemaProperty(name: "order_id", isRequired: true, description: "The order number")]),
            ], turns: [.caller("look up my order"), .caller("it's A B 12"),
                       ok(["items": [["name": "Lamp"]], "shipped": true, "total": 12.5])],
               sent: [["order_id": "AB12"]], says: ["First item: Lamp. Shipped: yes. Total 12.5."]),
            // Failures.
            Dialogue(name: "authentication failure", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), failed(.authentication(status: 401)),
            ], says: ["I couldn't get access to that system"], events: [.unmuted, .actionFailed(s.id, .authentication(status: 401))]),
            Dialogue(name: "server error", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), failed(.serverError(status: 503)),
            ], says: ["Please try again later.", "Is there anything else I can help with?"],
               events: [.actionFailed(s.id, .serverError(status: 503))]),
            Dialogue(name: "timeout", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), failed(.timedOut(seconds: 10)),
            ], says: ["took too long to answer. Please try again later."]),
            Dialogue(name: "connection failed", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), failed(.connectionFailed("refused")),
            ], says: ["isn't available right now. Please try again later."]),
            Dialogue(name: "client error keeps the fields for a correction and resends", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), failed(.clientError(status: 422)),
                .caller("oh, the email should be jo at example dot org"),
            ], sent: [signUpArgs, ["email": "jo@example.org", "plan": "pro", "seats": 5]],
               says: ["Could you check them and tell me what to correct?"],
               events: [.fieldCorrected(name: "email", from: "jo.smith@example.com", to: "jo@example.org")]),
            Dialogue(name: "client error then try again unchanged", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), failed(.clientError(status: 400)), .caller("yes, try again"),
            ], sent: [signUpArgs, signUpArgs]),
            Dialogue(name: "bad response body", actions: [s], turns: [
                .caller("sign up for pro, 5 seats, jo.smith@example.com"), failed(.bodyNotJSON),
            ], says: ["I got an answer I couldn't understand"]),
            Dialogue(name: "no URL: refused without a request", actions: [Fixtures.unconfigured], turns: [
                .caller("import a lead"), .caller("Acme Corp"),
            ], sent: [], says: ["import lead isn't set up yet"], events: [.actionFailed(Fixtures.unconfigured.id, .needsURL)]),
            // Bookings: names, dates, times, phones, booleans.
            Dialogue(name: "booking one answer at a time", actions: [b], turns: [
                .caller("I'd like to book an appointment"), .caller("my name is Jo Smith"), .caller("next friday"),
                .caller("half past ten"), .caller("five five five, one two three four"),
            ], sent: [["name": "Jo Smith", "date": "2026-11-27", "time": "10:30:00Z", "phone_number": "5551234"]],
               says: ["Could you tell me your full name?", "Could you tell me the preferred date?", "Could you tell me the preferred time?",
                      "Could you tell me your phone number?", "One moment while I book that."]),
            Dialogue(name: "booking with date and time together", actions: [b], turns: [
                .caller("book an appointment for tomorrow at 3pm"), .caller("Jo Smith"), .caller("+1 415 555 0100"),
            ], sent: [["name": "Jo Smith", "date": "2026-11-26", "time": "15:00:00Z", "phone_number": "+14155550100"]]),
            Dialogue(name: "booking with name and phone in one line", actions: [b], turns: [
                .caller("schedule an appointment on March 3rd"), .caller("noon"),
                .caller("my name is Jo Smith and my number is 415 555 0100"),
            ], sent: [["name": "Jo Smith", "date": "2027-03-03", "time": "12:00:00Z", "phone_number": "4155550100"]]),
            Dialogue(name: "name introduced with 'for'", actions: [b], turns: [
                .caller("I'd like to book an appointment for Jo Smith on Monday at 9am"), .caller("415 555 0100"),
            ], sent: [["name": "Jo Smith", "date": "2026-11-30", "time": "09:00:00Z", "phone_number": "4155550100"]]),
            Dialogue(name: "booking with optional reminders", actions: [b], turns: [
                .caller("book an appointment"), .caller("Jo Smith"), .caller("the 3rd of December"), .caller("quarter to three"),
                .caller("double five five one two three four, and please send me reminders"),
            ], sent: [["name": "Jo Smith", "date": "2026-12-03", "time": "14:45:00Z", "phone_number": "5551234", "reminders": true]]),
            Dialogue(name: "booking without reminders", actions: [b], turns: [
                .caller("book an appointment for tomorrow at 10am, no reminders please"), .caller("Jo Smith"), .caller("555 1234"),
            ], sent: [["name": "Jo Smith", "date": "2026-11-26", "time": "10:00:00Z", "phone_number": "5551234", "reminders": false]]),
            Dialogue(name: "success reads the booking back", actions: [b], turns: [
                .caller("book an appointment for 2026-12-01 at 14:00"), .caller("Jo"), .caller("555 1234"),
                ok(["date": "December 1st", "time": "2 pm"]),
            ], sent: [["name": "Jo", "date": "2026-12-01", "time": "14:00:00Z", "phone_number": "5551234"]],
               says: ["Booked for December 1st at 2 pm."]),
            Dialogue(name: "date-time field", actions: [Fixtures.callback], turns: [
                .caller("schedule a callback"), .caller("tomorrow at 10 in the morning"), .caller("four one five five five five oh one oh oh"),
            ], sent: [["when": "2026-11-26T10:00:00Z", "phone": "4155550100"]], says: ["Could you tell me when to call back?"]),
            Dialogue(name: "boolean yes/no and free-text issue", actions: [Fixtures.ticket], turns: [
                .caller("I have a problem, please create a support ticket"), .caller("jo.smith@example.com"),
                .caller("um, my internet is down and the router is blinking"), .caller("yeah, pretty urgent"),
            ], sent: [["email": "jo.smith@example.com", "issue": "my internet is down and the router is blinking", "urgent": true]],
               says: ["Could you tell me a brief description of your issue?", "Could you tell me whether the issue is urgent?"]),
            Dialogue(name: "dates and option words inside free text stay in the text", actions: [
                Fixtures.custom("Report outage", description: "Report a service outage", properties: [
                    SchemaProperty(name: "details", isRequired: true, description: "What happened"),
                    SchemaProperty(name: "started_on", description: "The date it started", format: .date),
                    SchemaProperty(name: "tier", description: "Service tier", enumValues: ["basic", "premium"]),
                ]),
            ], turns: [.caller("report an outage"), .caller("basic browsing has been down since yesterday")],
               sent: [["details": "basic browsing has been down since yesterday"]]),
            Dialogue(name: "free text with its date field named", actions: [
                Fixtures.custom("Report outage", description: "Report a service outage", properties: [
                    SchemaProperty(name: "details", isRequired: true, description: "What happened"),
                    SchemaProperty(name: "started_on", description: "The date it started", format: .date),
                ]),
            ], turns: [.caller("report an outage"), .caller("the wifi keeps dropping, it started on Monday")],
               sent: [["details": "the wifi keeps dropping", "started_on": "2026-11-30"]]),
            Dialogue(name: "boolean no", actions: [Fixtures.ticket], turns: [
                .caller("create a support ticket"), .caller("jo.smith@example.com"), .caller("the printer jams"), .caller("nope"),
            ], sent: [["email": "jo.smith@example.com", "issue": "the printer jams", "urgent": false]]),
            Dialogue(name: "boolean not understood is re-asked", actions: [Fixtures.ticket], turns: [
                .caller("create a support ticket"), .caller("jo.smith@example.com"), .caller("the printer jams"), .caller("purple"),
                .caller("no"),
            ], sent: [["email": "jo.smith@example.com", "issue": "the printer jams", "urgent": false]],
               says: ["Sorry, I didn't catch a yes or a no."]),
            Dialogue(name: "decimal number", actions: [Fixtures.donation], turns: [
                .caller("I want to make a donation"), .caller("twelve point five"),
            ], sent: [["amount": 12.5]]),
            // Two fields of one shape, told apart by their names.
            Dialogue(name: "two dates and two counts in one line", actions: [Fixtures.hotel], turns: [
                .caller("book a room from december 3rd to december 5th for 2 adults and 1 child"), .caller("a suite please"),
            ], sent: [["check_in": "2026-12-03", "check_out": "2026-12-05", "adults": 2, "children": 1, "room": "suite"]],
               says: ["Could you tell me the room type? The options are single, double or suite."]),
            Dialogue(name: "check-in and check-out named in the answers", actions: [Fixtures.hotel], turns: [
                .caller("book a room"), .caller("checking in on friday"), .caller("check out on sunday"), .caller("two"),
                .caller("no children"), .caller("double"),
            ], sent: [["check_in": "2026-11-27", "check_out": "2026-11-29", "adults": 2, "children": 0, "room": "double"]],
               says: ["Could you tell me the check-in date?", "Could you tell me the check-out date?"]),
            Dialogue(name: "a correction changes the answer just given, not the next question", actions: [Fixtures.hotel], turns: [
                .caller("book a room"), .caller("the 3rd"), .caller("actually make it the 4th"), .caller("the 6th"), .caller("3 adults"),
                .caller("zero"), .caller("the dubble"),
            ], sent: [["check_in": "2026-12-04", "check_out": "2026-12-06", "adults": 3, "children": 0, "room": "double"]],
               events: [.fieldCorrected(name: "check_in", from: "2026-12-03", to: "2026-12-04")]),
            Dialogue(name: "date corrected while another field is asked", actions: [b], turns: [
                .caller("book"), .caller("Jo"), .caller("friday"), .caller("at 9"), .caller("actually make it monday"), .caller("5551234"),
            ], sent: [["name": "Jo", "date": "2026-11-30", "time": "09:00:00Z", "phone_number": "5551234"]],
               events: [.fieldCorrected(name: "date", from: "2026-11-27", to: "2026-11-30")]),
            Dialogue(name: "stop and that's it inside an answer are not cancel or goodbye", actions: [Fixtures.ticket], turns: [
                .caller("ticket"), .caller("jo@x.com"), .caller("the printer won't stop beeping and that's it"), .caller("no"),
            ], sent: [["email": "jo@x.com", "issue": "the printer won't stop beeping and that's it", "urgent": false]]),
            Dialogue(name: "a shape answers its own field while another is asked", actions: [b], turns: [
                .caller("book an appointment"), .caller("on the 5th at 4:30"), .caller("5551234"), .caller("Jo Smith"),
            ], sent: [["name": "Jo Smith", "date": "2026-12-05", "time": "16:30:00Z", "phone_number": "5551234"]],
               says: ["Could you tell me your full name?"]),
            // Action selection.
            // A phrase-triggered action: the caller asks by its name, the agent's line with the phrase fires it.
            Dialogue(name: "phrase-triggered action fired by the agent's line", actions: [s, Fixtures.status], turns: [
                .caller("what's my account status"), .caller("jo.smith@example.com"), ok(["status": "active"]),
            ], sent: [["email": "jo.smith@example.com"]],
               says: ["Sure — account status.", "Could you tell me your email address?", "Let me check your account details.",
                      "Your account is active."],
               events: [.actionSelected(Fixtures.status.id, name: "Check account status")]),
            Dialogue(name: "selection by description", actions: [s, Fixtures.status, Fixtures.ticket], turns: [
                .caller("I want to start a subscription for my team"),
            ], events: [.actionSelected(s.id, name: "Sign up for a plan")]),
            Dialogue(name: "nothing matched lists the actions", actions: [s, Fixtures.status], turns: [.caller("what's the weather like?")],
                     sent: [], says: ["I can help with: sign up for a plan and check account status. What would you like to do?"]),
            Dialogue(name: "ambiguity asks which of the top two", actions: [Fixtures.track, Fixtures.returns], turns: [
                .caller("it's about my order"), .caller("the first one"), .caller("A-123"),
            ], sent: [["order_id": "A-123"]], says: ["Which would you like: track order or return order?"],
               events: [.actionSelected(Fixtures.track.id, name: "Track order")]),
            Dialogue(name: "ambiguity answered by name", actions: [Fixtures.track, Fixtures.returns], turns: [
                .caller("order"), .caller("return it please"), .caller("A-123"),
            ], sent: [["order_id": "A-123"]], events: [.actionSelected(Fixtures.returns.id, name: "Return order")]),
            Dialogue(name: "started from an action", actions: [s], startedFrom: s, turns: [
                .caller("jo.smith@example.com"), .caller("pro"), .caller("5"),
            ], sent: [signUpArgs], says: ["Let's test sign up for a plan. Could you tell me your email address?"]),
            Dialogue(name: "action with no fields sends at once", actions: [Fixtures.ping], turns: [
                .caller("ping the server"), ok(["reply": "pong"]),
            ], sent: [[:]], says: ["The server says pong."]),
            Dialogue(name: "two actions in one call", actions: [s, Fixtures.status], turns: [
                .caller("check my account status, it's jo.smith@example.com"), ok(["status": "active"]),
                .caller("yes, sign me up for pro with 5 seats"), .caller("jo.smith@example.com"), ok(["seats": 5]),
                .caller("no thanks"),
            ], sent: [["email": "jo.smith@example.com"], signUpArgs], ended: .completed),
            // Phone-only kinds.
            Dialogue(name: "end conversation", actions: [s, Fixtures.endCall], turns: [.caller("please end the call")],
                     says: ["Thanks, bye now!"], events: [.actionSelected(Fixtures.endCall.id, name: "End call")], ended: .agentHungUp),
            Dialogue(name: "transfer calls", actions: [s, Fixtures.billing], turns: [.caller("I need to talk to billing")],
                     says: ["transferring you to +14155550100"], events: [.transferred(to: "+14155550100", warm: false)],
                     ended: .transferred),
            Dialogue(name: "dtmf then continue", actions: [s, Fixtures.menu], turns: [
                .caller("navigate the phone menu"), .caller("now sign up for pro, 5 seats, jo.smith@example.com"),
            ], sent: [signUpArgs], says: ["Is there anything else I can help with?"], events: [.dtmfSent("1#")]),
            Dialogue(name: "warm transfer", actions: [s, Fixtures.sales], turns: [.caller("can I talk to sales")],
                     says: ["(to +14155550199) Caller wants a quote for 50 seats."], events: [.transferred(to: "+14155550199", warm: true)],
                     ended: .transferred),
            // Ending.
            Dialogue(name: "caller says goodbye", actions: [s], turns: [.caller("that's all, bye")], sent: [],
                     says: ["Goodbye"], ended: .completed),
            Dialogue(name: "goodbye mid-action", actions: [s], turns: [.caller("sign up"), .caller("goodbye")], sent: [], ended: .completed),
            Dialogue(name: "caller hangs up", actions: [s], turns: [.caller("sign up"), .hangUp], sent: [], ended: .callerHungUp),
        ]
    }

    func testDialogues() {
        XCTAssertGreaterThanOrEqual(dialogues.count, 40)
        for dialogue in dialogues { check(dialogue) }
    }
}

final class MockAgentBehaviourTests: XCTestCase {
    func testGreetsAndEchoesCallerFirst() {
        var agent = MockAgent(agent: Fixtures.agent, actions: [Fixtures.signUp], callID: "c", now: fixedNow, timeZone: TimeZone(identifier: "UTC")!)
        XCTAssertEqual(agent.start(at: fixedNow), [.event(.agentSaid("Hi, thanks for calling Acme. How can I help?"))])
        let steps = agent.hear("sign up", at: fixedNow)
        XCTAssertEqual(steps.first, .event(.callerSaid("sign up")))
    }

    func testMutedOnlyReportsNotHeardAndEndedSaysNothing() {
        var agent = MockAgent(agent: Fixtures.agent, actions: [Fixtures.signUp], callID: "c", now: fixedNow, timeZone: TimeZone(identifier: "UTC")!)
        _ = agent.start(at: fixedNow)
        let steps = agent.hear("sign up for pro, 5 seats, jo.smith@example.com", at: fixedNow)
        XCTAssertEqual(Array(steps.suffix(3).prefix(2)), [.event(.agentSaid("Let me set that up.")), .event(.muted)])
        XCTAssertTrue(agent.isMuted)
        XCTAssertEqual(agent.hear("cancel", at: fixedNow), [.event(.callerNotHeard("cancel"))])
        _ = agent.receive(.success(result: [:], agentMessage: nil, exchange: Fixtures.exchange()), at: fixedNow)
        XCTAssertFalse(agent.isMuted)
        _ = agent.hangUp(at: fixedNow)
        XCTAssertTrue(agent.hasEnded)
        XCTAssertEqual(agent.hear("hello?", at: fixedNow), [])
    }

    func testReceiveWhenNotWaitingDoesNothing() {
        var agent = MockAgent(agent: Fixtures.agent, actions: [Fixtures.signUp], callID: "c", now: fixedNow)
        XCTAssertEqual(agent.receive(.failure(.timedOut(seconds: 1), exchange: nil), at: fixedNow), [])
    }

    func testSpokenLineForEveryFault() {
        let faults: [InvocationFault] = [.needsURL, .connectionFailed("x"), .timedOut(seconds: 3), .tls("x"), .authentication(status: 403),
                                         .clientError(status: 400), .serverError(status: 500), .tooManyRedirects, .redirectNotFollowed("x"), .bodyNotJSON,
                                         .resultMissing, .resultNotObject, .bodyTooLarge(limit: 10), .cancelled, .unexpectedStatus(302)]
        for fault in faults {
            XCTAssertFalse(MockAgent.spokenLine(for: fault, actionName: "X").isEmpty)
        }
        XCTAssertTrue(MockAgent.spokenLine(for: .needsURL, actionName: "Import lead").contains("Import lead isn't set up yet"))
    }

    func testQuestionsFromDescriptions() {
        let cases: [(SchemaProperty, String)] = [
            (SchemaProperty(name: "email", description: "The customer's email address"), "Could you tell me your email address?"),
            (SchemaProperty(name: "issue", description: "Brief description of the customer's issue."),
             "Could you tell me a brief description of your issue?"),
            (SchemaProperty(name: "seats", description: "How many seats do you need?"), "How many seats do you need?"),
            (SchemaProperty(name: "first_name"), "Could you tell me your first name?"),
            (SchemaProperty(name: "news", type: .boolean, description: "Whether the customer wants the newsletter"),
             "Could you tell me whether you want the newsletter?"),
            (SchemaProperty(name: "plan", description: "Plan", enumValues: ["a", "b"]), "Could you tell me the plan? The options are a or b."),
            (SchemaProperty(name: "ok", type: .boolean), "Could you tell me whether ok applies? Yes or no?"),
        ]
        for (property, question) in cases { XCTAssertEqual(Questions.question(for: property), question) }
    }

    func testPlaceholders() {
        let result: JSONObject = ["a": ["b": 2.0], "list": ["x", "y", "z"], "flag": false, "none": nil, "n": 3.25]
        XCTAssertEqual(SpeakOnReceive.fill("B is {{result.a.b}}.", result: result).text, "B is 2.")
        XCTAssertEqual(SpeakOnReceive.fill("{{result.list}}", result: result).text, "x, y and z")
        XCTAssertEqual(SpeakOnReceive.fill("Flag {{result.flag}}, n {{result.n}}", result: result).text, "Flag no, n 3.25")
        let missing = SpeakOnReceive.fill("Hello {{result.name}}, your total is {{result.none}}.", result: result)
        XCTAssertEqual(missing.text, "Hello, your total is.")
        XCTAssertEqual(missing.missing, ["result.name", "result.none"])
        XCTAssertEqual(SpeakOnReceive.fill("Unclosed {{result.a", result: result).text, "Unclosed {{result.a")
    }

    func testIdempotencyKeysDifferPerInvocation() {
        let (transcript, _) = runCall([Fixtures.signUp], [
            .caller("sign up for pro, 5 seats, jo.smith@example.com"), failed(.clientError(status: 400)), .caller("try again"),
        ])
        XCTAssertEqual(transcript.requests.count, 2)
        XCTAssertNotEqual(transcript.requests[0].idempotencyKey, transcript.requests[1].idempotencyKey)
    }
}
