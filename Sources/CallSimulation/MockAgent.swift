import ActionModel
import Foundation

/// A rule-based agent for simulated calls: it picks an action from what the
/// caller says, collects the action's Input Schema fields (several per
/// utterance when said), validates them, asks for what is missing, and asks
/// the driver to send the request. Pure: no I/O, no clock unless given one.
///
/// Phrase triggers fire on the agent's words, as on the platform: the caller
/// asking for a phrase-triggered action only gets an acknowledging line with
/// its phrase ("Sure — transfer you to billing."), and that line — like any
/// other line of the turn that holds a phrase — fires it (`ActionTurn.triggered`,
/// once per turn, after the turn's lines).
public struct MockAgent: ConversationAgent {
    public let agent: Agent
    /// The actions this agent may use, in order.
    public let actions: [Action]
    public let callID: String
    public let startedFrom: Action?

    enum Phase: Equatable {
        case idle
        /// Asked which of these the caller meant.
        case choosing([ActionID])
        case collecting
        /// Read the values back ("…, right?"); waiting for yes, or for what to change.
        case confirming
        /// The endpoint refused the details (4xx); waiting for a correction.
        case clarifying
        case waiting
        case ended
    }

    private(set) var phase: Phase = .idle
    /// The action being collected for or waited on.
    public private(set) var current: Action?
    /// The fields held for the current action.
    public private(set) var collected = JSONObject()
    /// The field last asked for.
    public private(set) var asked: String?
    private var lastTouched: String?
    /// Optional fields already asked for once (answered, declined or not): never asked again.
    private var askedOptional: Set<String> = []
    /// The caller confirmed the read-back: the next advance sends.
    private var confirmed = false
    private var offeredMore = false
    private let fixedNow: Date?
    private var context: SpokenContext
    private var turn = TurnNotes()

    /// What one turn (a `hear` or a `receive`) keeps for its phrase-trigger check.
    private struct TurnNotes: Sendable {
        /// Lines said this turn that the check doesn't read: the agent's own menus
        /// (see `sayMenu`) and an `agent_message` (a canned response, which Vocode doesn't read).
        var unread: [String] = []
        /// The phrase-triggered action the agent acknowledged this turn, with the caller's words that asked for it.
        var acknowledged: (action: ActionID, tokens: [SpokenToken])?
        /// The agent said goodbye: it hangs up once the turn's check is done
        /// (so a goodbye line can still fire an End Conversation phrase).
        var closing = false
    }

    public var isMuted: Bool { phase == .waiting }
    public var hasEnded: Bool { phase == .ended }

    /// - Parameters:
    ///   - now: the call's "today" for "tomorrow" and "next friday"; nil uses the time of each utterance.
    public init(
        agent: Agent, actions: [Action], callID: String, startedFrom: Action? = nil, now: Date? = nil,
        timeZone: TimeZone = .current, calendar: Calendar? = nil
    ) {
        self.agent = agent
        self.actions = actions
        self.callID = callID
        self.startedFrom = startedFrom
        self.fixedNow = now
        self.context = SpokenContext(now: now ?? Date(), timeZone: timeZone, calendar: calendar)
    }

    static let anythingElse = "Is there anything else I can help with?"

    // MARK: ConversationAgent

    public mutating func start(at time: Date) -> [CallStep] {
        setClock(time)
        if let action = startedFrom {
            return begin(action, tokens: [], intro: "Let's test \(SpokenName.midSentence(action)).")
        }
        let greeting = agent.greeting.trimmingCharacters(in: .whitespacesAndNewlines)
        return [say(greeting.isEmpty ? "Hello, how can I help you today?" : greeting)]
    }

    public mutating func hear(_ utterance: String, at time: Date) -> [CallStep] {
        if phase == .ended { return [] }
        if isMuted { return [.event(.callerNotHeard(utterance))] }
        setClock(time)
        turn = TurnNotes()
        var steps: [CallStep] = [.event(.callerSaid(utterance))]
        let tokens = SpokenText.tokens(utterance)
        switch phase {
        case .collecting, .clarifying:
            if Intent.isCancel(tokens) {
                steps += cancel()
            } else if let optional = askedOptionalField, Intent.isSkip(tokens, for: optional) {
                // "no thanks", "skip it", "that's all": the optional field stays out (all of them for "that's all").
                if Intent.isGoodbye(tokens) { askedOptional.formUnion(schema.properties.filter { !$0.isRequired }.map(\.name)) }
                steps += advance(intro: "Okay.")
            } else if Intent.isGoodbye(tokens) {
                steps += close()
            } else {
                steps += collect(tokens)
            }
        case .confirming:
            if Intent.isCancel(tokens) {
                steps += cancel()
            } else if Intent.isGoodbye(tokens), tokens.contains(where: { ["bye", "goodbye", "bye-bye"].contains($0.word) }) {
                // Only a real goodbye ends the call here: "that's it" / "that's all" answer the read-back.
                steps += close()
            } else {
                steps += confirm(tokens)
            }
        case let .choosing(ids):
            steps += choose(among: ids, tokens: tokens)
        case .idle:
            steps += idle(tokens)
        case .waiting, .ended:
            break
        }
        return endTurn(steps)
    }

    public mutating func receive(_ outcome: InvocationOutcome, at time: Date) -> [CallStep] {
        guard phase == .waiting, let action = current, action.customInput != nil else { return [] }
        turn = TurnNotes()
        let settled = ActionTurn.settle(outcome, action: action)
        if settled.spokeAgentMessage, case let .success(_, message?, _) = outcome { turn.unread.append(message) }
        var steps = settled.steps
        if settled.isClientError {
            // The rule-based agent's own way on a 4xx: ask what to correct, keep the fields.
            phase = .clarifying
            // What the caller corrects is read back again before it is sent.
            confirmed = false
            asked = nil
            steps.append(say(ActionTurn.failureLine(for: .clientError(status: 400), actionName: SpokenName.midSentence(action))))
        } else {
            if !settled.succeeded, case let .failure(fault, _) = outcome {
                steps.append(say(ActionTurn.failureLine(for: fault, actionName: SpokenName.midSentence(action))))
            }
            steps += finishAction()
        }
        return endTurn(steps)
    }

    public mutating func hangUp(at time: Date) -> [CallStep] {
        guard phase != .ended else { return [] }
        phase = .ended
        return [.event(.callEnded(reason: .callerHungUp))]
    }

    // MARK: Phrase triggers

    /// The end of a turn: everything the agent said in it (but its menus and
    /// an `agent_message`) is read for trigger phrases, and the first action
    /// whose phrase it holds fires. Not once the call is over, nor when the turn
    /// ended by sending a request: its Speak on Send is Vocode's `user_message`,
    /// which Vocode doesn't read, and the lines said when the answer comes are read then.
    private mutating func endTurn(_ steps: [CallStep]) -> [CallStep] {
        var steps = steps
        if phase != .ended, phase != .waiting {
            var unread = turn.unread
            let read = steps.compactMap { step -> String? in
                guard case let .event(.agentSaid(line)) = step else { return nil }
                if let index = unread.firstIndex(of: line) {
                    unread.remove(at: index)
                    return nil
                }
                return line
            }
            if let action = ActionTurn.triggered(by: read.joined(separator: " "), among: actions) {
                steps += fire(action)
            }
        }
        if turn.closing, phase != .ended {
            phase = .ended
            steps.append(.event(.callEnded(reason: .completed)))
        }
        turn = TurnNotes()
        return steps
    }

    /// A fired action: a phone kind is carried out at once (the call may end);
    /// a Custom Input action is taken up when the agent is free, its fields
    /// from the caller's words that asked for it — in the middle of another
    /// action (or saying goodbye) the agent stays with what it is doing.
    private mutating func fire(_ action: Action) -> [CallStep] {
        guard action.customInput != nil else {
            let (steps, ended) = ActionTurn.fire(action)
            if ended {
                phase = .ended
                return steps
            }
            // Acknowledged for the caller, as when the caller's words chose a
            // phone kind: back to offering more.
            return turn.acknowledged?.action == action.id && !turn.closing ? steps + finishAction() : steps
        }
        guard phase == .idle, !turn.closing else { return [] }
        let tokens = turn.acknowledged.flatMap { $0.action == action.id ? $0.tokens : nil } ?? []
        return begin(action, tokens: tokens, intro: nil)
    }

    /// The caller asked for `action`: a function-call action is begun at once;
    /// for a phrase-triggered one the agent says its phrase in an acknowledging
    /// line ("Sure — transfer you to billing."), and that line fires it at the
    /// end of the turn, as on the platform (where the model says the phrase).
    private mutating func takeUp(_ action: Action, tokens: [SpokenToken], intro: String, acknowledging: String = "Sure") -> [CallStep] {
        guard case let .phrases(phrases) = action.trigger,
              let phrase = phrases.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }).first(where: { !$0.isEmpty })
        else { return begin(action, tokens: tokens, intro: intro) }
        phase = .idle
        offeredMore = false
        turn.acknowledged = (action.id, tokens)
        let ending = phrase.last.map { ".!?".contains($0) } == true ? "" : "."
        return [say("\(acknowledging) — \(phrase)\(ending)")]
    }

    // MARK: Choosing an action

    private mutating func idle(_ tokens: [SpokenToken]) -> [CallStep] {
        let words = tokens.map(\.word)
        if Intent.isGoodbye(tokens) { return close() }
        let choice = ActionMatcher.match(tokens, among: actions)
        if case .none = choice {
            if offeredMore && SpokenValues.boolean(words.joined(separator: " ")) == false {
                return close()
            }
            if offeredMore, SpokenValues.boolean(words.joined(separator: " ")) == true {
                return [say("Sure, what can I help you with?")]
            }
        }
        switch choice {
        case let .one(action):
            return takeUp(action, tokens: tokens, intro: "Sure, I can help with that.")
        case let .tie(first, second):
            phase = .choosing([first.id, second.id])
            return [sayMenu("Which would you like: \(SpokenName.midSentence(first)) or \(SpokenName.midSentence(second))?")]
        case .none:
            let names = actions.map(SpokenName.midSentence)
            if names.isEmpty { return [say("Sorry, I can't do anything on this call yet.")] }
            return [sayMenu("I can help with: \(SpokenText.list(names)). What would you like to do?")]
        }
    }

    private mutating func choose(among ids: [ActionID], tokens: [SpokenToken]) -> [CallStep] {
        let candidates = ids.compactMap { id in actions.first { $0.id == id } }
        let words = tokens.map(\.word)
        if words.contains(where: { ["first", "former"].contains($0) }), let first = candidates.first {
            return takeUp(first, tokens: tokens, intro: "Sure.")
        }
        if words.contains(where: { ["second", "latter", "last"].contains($0) }), candidates.count > 1 {
            return takeUp(candidates[1], tokens: tokens, intro: "Sure.")
        }
        if Intent.isCancel(tokens) {
            phase = .idle
            return [say("Okay. " + Self.anythingElse)]
        }
        switch ActionMatcher.match(tokens, among: candidates) {
        case let .one(action): return takeUp(action, tokens: tokens, intro: "Sure.")
        case .tie: return [sayMenu("Sorry, which one: \(SpokenText.list(candidates.map(SpokenName.midSentence), conjunction: "or"))?")]
        case .none:
            phase = .idle
            return idle(tokens)
        }
    }

    private mutating func begin(_ action: Action, tokens: [SpokenToken], intro: String?) -> [CallStep] {
        offeredMore = false
        var steps: [CallStep] = [.event(.actionSelected(action.id, name: action.name))]
        switch action.configuration {
        case .customInput:
            current = action
            collected = JSONObject()
            asked = nil
            lastTouched = nil
            askedOptional = []
            confirmed = false
            phase = .collecting
            if !tokens.isEmpty {
                let (events, _, rejection) = apply(extractor(for: action).extract(tokens, asked: nil, held: [], correcting: false))
                steps += events
                if let rejection {
                    // "…and 200 seats": say why, and ask for it again.
                    asked = rejection.name
                    steps.append(say([intro, rejection.line].compactMap { $0 }.joined(separator: " ")))
                    return steps
                }
            }
            steps += advance(intro: intro)
        default:
            // The phone kinds behave the same for every engine.
            let (phoneSteps, ended) = ActionTurn.phone(action)
            steps += phoneSteps
            if ended { phase = .ended } else { steps += finishAction() }
        }
        return steps
    }

    // MARK: Collecting fields

    private func extractor(for action: Action) -> FieldExtractor {
        FieldExtractor(schema: action.customInput?.inputSchema ?? InputSchema(), context: context)
    }

    private var schema: InputSchema { current?.customInput?.inputSchema ?? InputSchema() }

    private mutating func collect(_ tokens: [SpokenToken]) -> [CallStep] {
        guard let action = current else { return [] }
        let correcting = Intent.isCorrection(tokens)
        var findings = extractor(for: action).extract(
            tokens, asked: asked, held: Set(collected.keys), correcting: correcting || phase == .clarifying, lastTouched: lastTouched)
        let acceptedAny = findings.contains { if case .value = $0.reading { return true } else { return false } }
        if !acceptedAny, let other = switchTarget(tokens, from: action) {
            // "actually, I want to check my account status instead".
            var steps: [CallStep] = [.event(.actionCancelled(action.id))]
            current = nil
            collected = JSONObject()
            steps += takeUp(other, tokens: tokens, intro: "Okay, let's do that instead.", acknowledging: "Okay")
            return steps
        }
        if !acceptedAny, correcting || phase == .clarifying, let target = lastTouched, let property = schema.property(named: target) {
            // "no, I meant basic": the field touched last.
            let answer = Intent.strippingCorrection(tokens)
            if !answer.isEmpty, case let .value(value) = SpokenValues.read(tokens: answer, for: property, context: context),
                value != collected[target]
            {
                findings = [FieldFinding(name: target, reading: .value(value), heard: SpokenText.join(answer))]
            }
        }
        var (steps, accepted, rejection) = apply(findings)
        if let rejection {
            asked = rejection.name
            steps.append(say(rejection.line))
            return steps
        }
        if phase == .clarifying, !accepted {
            let words = tokens.map(\.word)
            if SpokenValues.boolean(SpokenText.join(tokens)) == true || words.contains("again") || words.contains("retry") {
                steps += advance(intro: nil)
            } else {
                steps.append(say("Which detail should I change?"))
            }
            return steps
        }
        steps += advance(intro: nil)
        return steps
    }

    /// Another action the caller clearly asked for instead of the current one:
    /// named, and scoring higher than the current.
    private func switchTarget(_ tokens: [SpokenToken], from action: Action) -> Action? {
        let words = Set(SpokenText.keywords(tokens.map(\.word).joined(separator: " ")))
        let currentScore = ActionMatcher.score(action, words: words)
        let others = actions.filter { $0.id != action.id }.map { ($0, ActionMatcher.score($0, words: words)) }
            .filter { $0.1 >= 3 && $0.1 > currentScore }.sorted { $0.1 > $1.1 }
        guard let best = others.first, others.count == 1 || others[1].1 < best.1 else { return nil }
        return best.0
    }

    /// Validates and keeps findings; returns the events, whether any value was
    /// kept, and the line to re-ask with when one was refused.
    private mutating func apply(_ findings: [FieldFinding]) -> ([CallStep], Bool, (name: String, line: String)?) {
        var steps: [CallStep] = []
        var accepted = false
        var rejection: (name: String, line: String)? = nil
        func reject(_ name: String, _ line: String) {
            if rejection == nil || name == asked { rejection = (name, line) }
        }
        for finding in findings {
            guard let property = schema.property(named: finding.name) else { continue }
            switch finding.reading {
            case let .value(value):
                if let issue = schema.validate(value: value, forProperty: finding.name).first {
                    steps.append(.event(.fieldRejected(name: finding.name, heard: finding.heard, reason: issue.message)))
                    // Never read a regular expression aloud: say what is wanted in words.
                    let reason = property.pattern.map { issue.message.contains($0) } == true
                        ? SpokenIdentifiers.plainRequirement(for: property) : issue.message
                    reject(finding.name, "Sorry, \(reason). \(Questions.question(for: property))")
                } else if let old = collected[finding.name] {
                    if old != value {
                        steps.append(.event(.fieldCorrected(name: finding.name, from: old, to: value)))
                        collected[finding.name] = value
                    }
                    lastTouched = finding.name
                    accepted = true
                } else {
                    steps.append(.event(.fieldCollected(name: finding.name, value: value, heard: finding.heard)))
                    collected[finding.name] = value
                    lastTouched = finding.name
                    accepted = true
                }
            case let .ambiguous(values):
                let options = SpokenText.list(values, conjunction: "or")
                steps.append(.event(.fieldRejected(name: finding.name, heard: finding.heard, reason: "it could be \(options)")))
                reject(finding.name, "Sorry, did you mean \(options)?")
            case let .notUnderstood(reason):
                steps.append(.event(.fieldRejected(name: finding.name, heard: finding.heard, reason: reason)))
                reject(finding.name, "Sorry, \(reason). \(Questions.question(for: property))")
            }
        }
        return (steps, accepted, rejection)
    }

    /// Asks for the next missing required field, or sends the request.
    private mutating func advance(intro: String?) -> [CallStep] {
        guard let action = current, let config = action.customInput else { return [] }
        let prefix = intro.map { $0 + " " } ?? ""
        if let next = config.inputSchema.properties.first(where: { $0.isRequired && collected[$0.name] == nil }) {
            asked = next.name
            phase = phase == .clarifying || phase == .confirming ? .collecting : phase
            return [say(prefix + Questions.question(for: next))]
        }
        if config.asksOptionalFields,
            let next = config.inputSchema.properties.first(where: { !$0.isRequired && collected[$0.name] == nil && !askedOptional.contains($0.name) })
        {
            // Each optional field once: an answer, a "no thanks" or anything else moves on.
            askedOptional.insert(next.name)
            asked = next.name
            phase = .collecting
            return [say(prefix + Questions.question(for: next) + " " + Questions.optionalNote(for: next))]
        }
        if config.readsBack, !confirmed, !collected.isEmpty {
            asked = nil
            phase = .confirming
            return [say(prefix + ReadBack.line(collected, schema: config.inputSchema))]
        }
        asked = nil
        let sending = ActionTurn.send(action, arguments: collected, callID: callID)
        if !sending.sent { return sending.steps + finishAction() }
        phase = .waiting
        return sending.steps
    }

    /// The optional field just asked for once, if that is what the agent is waiting on.
    private var askedOptionalField: SchemaProperty? {
        guard phase == .collecting, let asked, askedOptional.contains(asked), let property = schema.property(named: asked), !property.isRequired
        else { return nil }
        return property
    }

    /// The answer to the read-back: "yes" sends; "no, the 11th" corrects the value it
    /// names and reads back again; a bare "no" asks what to change.
    private mutating func confirm(_ tokens: [SpokenToken]) -> [CallStep] {
        guard let action = current else { return [] }
        var answer = SpokenValues.boolean(SpokenText.join(tokens))
        if answer == nil, Intent.contains(tokens.map(\.word), ["that's", "it"]) || Intent.contains(tokens.map(\.word), ["that's", "all"]) {
            answer = true
        }
        let rest = Intent.strippingCorrection(tokens)
        var findings: [FieldFinding] = []
        // "yes please" sends; anything longer may name a value to change ("no, the 11th", "make it 4 people").
        if !(answer == true && tokens.count <= 4), !rest.isEmpty {
            findings = extractor(for: action).extract(rest, asked: nil, held: Set(collected.keys), correcting: true, lastTouched: lastTouched)
                .filter { finding in
                    if case let .value(value) = finding.reading { return collected[finding.name] != value }
                    return true
                }
        }
        if !findings.isEmpty {
            let (steps, accepted, rejection) = apply(findings)
            if let rejection {
                // A corrected value the schema refuses: ask for that field again, then read back.
                asked = rejection.name
                phase = .collecting
                return steps + [say(rejection.line)]
            }
            if accepted { return steps + advance(intro: nil) }
        }
        switch answer {
        case true?:
            confirmed = true
            return advance(intro: nil)
        case false?:
            return [say("Which detail should I change?")]
        case nil:
            return [say("Sorry, is that right? Say yes to go ahead, or tell me what to change.")]
        }
    }

    private mutating func cancel() -> [CallStep] {
        guard let action = current else { return [] }
        var steps: [CallStep] = [.event(.actionCancelled(action.id))]
        steps.append(say("Okay, I've cancelled that."))
        steps += finishAction()
        return steps
    }

    private mutating func finishAction() -> [CallStep] {
        current = nil
        collected = JSONObject()
        asked = nil
        lastTouched = nil
        askedOptional = []
        confirmed = false
        phase = .idle
        offeredMore = true
        return [say(Self.anythingElse)]
    }

    /// Goodbye; the agent hangs up at the end of the turn (`endTurn`).
    private mutating func close() -> [CallStep] {
        turn.closing = true
        return [say("Thank you for calling. Goodbye!")]
    }

    private func say(_ text: String) -> CallStep { .event(.agentSaid(text)) }

    /// A line listing what the agent can do ("I can help with: …", "Which would
    /// you like: …"). Trigger phrases in it don't fire: it names the actions,
    /// often by names that hold their own phrase ("Transfer to billing"), and
    /// stands in for a model's paraphrase — someone debugging a trigger expects
    /// it to fire when the agent commits to the action, not when it offers it.
    /// (Vocode reads every model line, so a model reciting the phrase would fire it.)
    private mutating func sayMenu(_ text: String) -> CallStep {
        turn.unread.append(text)
        return say(text)
    }

    private mutating func setClock(_ time: Date) {
        if fixedNow == nil { context.now = time }
    }

    /// What the agent says when a request failed (the shared rule, `ActionTurn.failureLine`).
    public static func spokenLine(for fault: InvocationFault, actionName: String) -> String {
        ActionTurn.failureLine(for: fault, actionName: actionName)
    }
}

// MARK: - Intents

enum Intent {
    static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard words.count >= phrase.count, !phrase.isEmpty else { return false }
        for start in 0...(words.count - phrase.count) where Array(words[start..<(start + phrase.count)]) == phrase { return true }
        return false
    }

    static func isCancel(_ tokens: [SpokenToken]) -> Bool {
        let words = tokens.map(\.word)
        // "stop" alone only: "the printer won't stop beeping" is an answer.
        if words.count <= 3, words.contains("stop") { return true }
        return [["cancel"], ["never", "mind"], ["nevermind"], ["forget", "it"], ["forget", "about", "it"], ["don't", "bother"],
                ["scratch", "that"]].contains { contains(words, $0) }
    }

    static func isGoodbye(_ tokens: [SpokenToken]) -> Bool {
        let words = tokens.map(\.word)
        if [["goodbye"], ["bye"], ["bye-bye"], ["good", "bye"]].contains(where: { contains(words, $0) }) { return true }
        // "that's it" inside a longer answer ("it goes black and that's it") is not a goodbye.
        guard words.count <= 5 else { return false }
        return [["that's", "all"], ["that", "is", "all"], ["that's", "it"], ["nothing", "else"], ["hang", "up"], ["i'm", "done"],
                ["all", "done"]].contains { contains(words, $0) }
    }

    static let correctionMarkers: [[String]] = [
        ["actually"], ["i", "meant"], ["i", "mean"], ["sorry"], ["change"], ["make", "it"], ["make", "that"], ["instead"],
        ["correction"], ["not", "that"], ["wrong"], ["update"], ["switch"], ["no", "wait"], ["wait"],
    ]

    /// "no thanks", "no, I'm good", "no need": turning something down, not correcting it.
    static func isDecline(_ tokens: [SpokenToken]) -> Bool {
        let words = tokens.map(\.word)
        guard let first = words.first, ["no", "nope", "nah"].contains(first) else { return false }
        let polite: Set<String> = ["no", "nope", "nah", "thanks", "thank", "you", "i'm", "im", "good", "fine", "need", "that's", "ok", "okay", "it's", "all", "right"]
        return words.allSatisfy { polite.contains($0) }
    }

    /// Turning down an optional field: "no thanks", "skip it", "none", "that's all".
    /// For a yes/no field a plain "no" is its answer, so only skipping words count.
    static func isSkip(_ tokens: [SpokenToken], for property: SchemaProperty) -> Bool {
        let words = tokens.map(\.word)
        guard let first = words.first else { return false }
        if isGoodbye(tokens), !words.contains("bye"), !words.contains("goodbye") { return true }
        let skipping: Set<String> = ["skip", "none", "nothing", "pass", "n/a", "rather", "not", "needed", "necessary", "don't", "need", "it", "that", "one"]
        if ["skip", "none", "nothing", "pass"].contains(first) || words.contains("skip") && words.count <= 4 {
            return words.allSatisfy { skipping.contains($0) || ["no", "thanks", "thank", "you", "please", "i'd", "i"].contains($0) }
        }
        let yesNo = property.type == .boolean || FieldExtractor.yesNoValues(property) != nil
        if yesNo { return false }
        return isDecline(tokens) || ["no", "nope", "nah"].contains(first) && words.count <= 4 && words.dropFirst().allSatisfy { skipping.contains($0) || ["thanks", "thank", "you"].contains($0) }
    }

    static func isCorrection(_ tokens: [SpokenToken]) -> Bool {
        let words = tokens.map(\.word)
        if isDecline(tokens) { return false }
        if words.first == "no", words.count > 1 { return true }
        return correctionMarkers.contains { contains(words, $0) }
    }

    /// The answer with the correction words at its start removed ("no, I meant basic" → "basic").
    static func strippingCorrection(_ tokens: [SpokenToken]) -> [SpokenToken] {
        var rest = tokens
        var changed = true
        while changed, !rest.isEmpty {
            changed = false
            for marker in correctionMarkers + [["no"], ["it", "should", "be"], ["it's"], ["to"], ["it"], ["that"], ["is"]]
            where rest.count > marker.count && zip(rest, marker).allSatisfy({ $0.word == $1 }) {
                rest.removeFirst(marker.count)
                changed = true
            }
        }
        return rest
    }
}

// MARK: - Choosing an action from what was said

enum ActionMatcher {
    enum Choice {
        case one(Action)
        case tie(Action, Action)
        case none
    }

    static func keywordWeights(_ action: Action) -> [String: Int] {
        var weights: [String: Int] = [:]
        func add(_ words: [String], _ weight: Int) {
            for word in words { weights[word] = max(weights[word] ?? 0, weight) }
        }
        add(SpokenText.keywords(action.description), 1)
        add(SpokenText.keywords(action.functionName.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")), 3)
        add(SpokenText.keywords(action.name), 3)
        // Trigger phrases are not read here: they are the agent's words, never
        // the caller's (a phrase-triggered action is asked for by its name and
        // description, like any other; its phrase fires it when the agent says it).
        return weights
    }

    static func score(_ action: Action, words: Set<String>) -> Int {
        keywordWeights(action).reduce(0) { total, entry in words.contains(entry.key) ? total + entry.value : total }
    }

    static func match(_ tokens: [SpokenToken], among actions: [Action]) -> Choice {
        let words = Set(SpokenText.keywords(tokens.map(\.word).joined(separator: " ")))
        let scored = actions.map { ($0, score($0, words: words)) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
        guard let top = scored.first else { return .none }
        if scored.count > 1, scored[1].1 == top.1 { return .tie(top.0, scored[1].0) }
        return .one(top.0)
    }
}

// MARK: - Questions

enum Questions {
    /// A natural question from the field's description ("The customer's email
    /// address" → "Could you tell me your email address?"), else from its name.
    static func question(for property: SchemaProperty) -> String {
        var question: String
        let description = property.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if description.hasSuffix("?") {
            question = description
        } else if let phrase = nounPhrase(description) {
            question = "Could you tell me \(phrase)?"
        } else {
            let spaced = property.name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            question = property.type == .boolean ? "Could you tell me whether \(spaced) applies? Yes or no?" : "Could you tell me your \(spaced)?"
        }
        if property.isEnum {
            question += " The options are \(SpokenText.list(property.enumValues, conjunction: "or"))."
        }
        return question
    }

    /// Said after an optional field's question, so the caller knows they may leave it out.
    static func optionalNote(for property: SchemaProperty) -> String {
        property.type == .boolean || FieldExtractor.yesNoValues(property) != nil
            ? "It's optional: you can say skip." : "It's optional: you can say no."
    }

    static func nounPhrase(_ description: String) -> String? {
        var text = description
        while let last = text.last, ".!:;".contains(last) { text.removeLast() }
        let wordCount = text.split(separator: " ").count
        guard wordCount > 0, wordCount <= 14, !text.contains("\n") else { return nil }
        for (pattern, replacement) in [
            ("the customer's ", "your "), ("the caller's ", "your "), ("the user's ", "your "), ("the client's ", "your "),
            ("customer's ", "your "), ("caller's ", "your "), ("user's ", "your "),
            ("the customer ", "you "), ("the caller ", "you "), ("the user ", "you "),
        ] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .caseInsensitive)
        }
        // "you wants" → "you want", "you is" → "you are".
        var words = text.split(separator: " ").map(String.init)
        for index in words.indices.dropLast() where words[index].lowercased() == "you" {
            let verb = words[index + 1]
            switch verb {
            case "is": words[index + 1] = "are"
            case "was": words[index + 1] = "were"
            case "has": words[index + 1] = "have"
            case "does": words[index + 1] = "do"
            default:
                if verb.count > 3, verb.hasSuffix("s"), !verb.hasSuffix("ss") { words[index + 1] = String(verb.dropLast()) }
            }
        }
        guard var first = words.first else { return nil }
        let chars = Array(first)
        if chars.count == 1 || chars[1].isLowercase { first = first.lowercased() }  // "A brief…" → "a brief…", "URL" stays
        words[0] = first
        let lead = first.lowercased()
        if ["the", "a", "an", "your", "whether", "if", "which", "what", "how", "when", "where", "who", "any"].contains(lead) {
            return words.joined(separator: " ")
        }
        if ["brief", "short", "quick"].contains(lead) { return "a " + words.joined(separator: " ") }
        return "the " + words.joined(separator: " ")
    }
}

// MARK: - Speak on Receive

/// Speak on Receive with its `{{result.path}}` placeholders filled from a response.
public enum SpeakOnReceive {
    /// Fills `{{result.path}}` from the result (dotted paths, array indexes).
    /// A missing value leaves the placeholder out (spaces tidied) and is listed.
    public static func fill(_ template: String, result: JSONObject) -> (text: String, missing: [String]) {
        var output = ""
        var missing: [String] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                output += rest[open.lowerBound...]
                rest = ""
                break
            }
            let path = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            var lookup = path
            if lookup == "result" {
                lookup = ""
            } else if lookup.hasPrefix("result.") {
                lookup = String(lookup.dropFirst("result.".count))
            }
            let value = lookup.isEmpty ? JSONValue.object(result) : JSONValue.object(result).value(atPath: lookup)
            if let value, let text = render(value) {
                output += text
            } else {
                missing.append(path)
            }
            rest = rest[close.upperBound...]
        }
        output += rest
        return (tidy(output), missing)
    }

    /// Numbers without a needless `.0`, booleans as yes/no, lists as "a, b and c",
    /// dates, times and phone numbers as people say them.
    static func render(_ value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case let .bool(b): return b ? "yes" : "no"
        case let .integer(i): return String(i)
        case let .number(d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
            return String(d)
        case let .string(s): return SpokenForms.spoken(s)  // "Tuesday, December 8th at 3:15 PM", never raw ISO
        case let .array(items): return SpokenText.list(items.compactMap(render))
        case .object: return value.compactText
        }
    }

    static func tidy(_ text: String) -> String {
        var result = text
        while result.contains("  ") { result = result.replacingOccurrences(of: "  ", with: " ") }
        for mark in [",", ".", "!", "?", ";", ":"] { result = result.replacingOccurrences(of: " " + mark, with: mark) }
        while result.contains(",,") { result = result.replacingOccurrences(of: ",,", with: ",") }
        result = result.replacingOccurrences(of: ",.", with: ".")
        return result.trimmingCharacters(in: .whitespaces)
    }
}

// MARK: - Read-back

/// The values said back before sending, as people say them: "Let me read that back:
/// Jo Smith, Thursday, December 10th at 10:30 AM, party size 2. Is that right?".
enum ReadBack {
    static func line(_ collected: JSONObject, schema: InputSchema) -> String {
        var parts: [String] = []
        let properties = schema.properties.filter { collected[$0.name] != nil }
        var index = 0
        while index < properties.count {
            let property = properties[index]
            var part = spoken(property, collected[property.name]!)
            // A date then a time is one moment: "Thursday, December 10th at 10:30 AM".
            if property.format == .date, index + 1 < properties.count, properties[index + 1].format == .time {
                part += " at " + spoken(properties[index + 1], collected[properties[index + 1].name]!)
                index += 1
            }
            parts.append(part)
            index += 1
        }
        return "Let me read that back: " + parts.joined(separator: ", ") + ". Is that right?"
    }

    /// A name, a date or a place alone; a number or a yes/no with what it is about ("party size 2", "reminders: yes").
    static func spoken(_ property: SchemaProperty, _ value: JSONValue) -> String {
        let text = SpeakOnReceive.render(value) ?? value.compactText
        let label = property.name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        switch value {
        case .bool: return "\(label): \(text)"
        case .integer, .number: return "\(label) \(text)"
        default:
            if FieldExtractor.yesNoValues(property) != nil || FieldExtractor.isCountEnum(property) { return "\(label): \(text)" }
            return text
        }
    }
}
