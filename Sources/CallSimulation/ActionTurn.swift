import ActionModel
import Foundation

/// The product rules around an action, shared by every engine (the rule-based
/// agent and the model-driven one): Speak on Send, mute, invoke, unmute, Speak
/// on Receive or `agent_message`, the failure hints per status class, checking
/// collected values against the Input Schema, phrase triggers on what the
/// agent says, and the four phone kinds. Engines only decide what the agent
/// understood and wants to do; what happens around the request is decided here,
/// so both behave identically there.
public enum ActionTurn {
    /// Sending a Custom Input action's request: what is said first (the
    /// model's `user_message` when given, else the action's Speak on Send),
    /// then muted, then the request. An action without a URL fails unsent.
    public static func send(_ action: Action, arguments: JSONObject, callID: String, spokenBefore: String? = nil) -> Sending {
        guard let config = action.customInput else { return Sending(steps: [], sent: false) }
        if config.needsURL {
            return Sending(steps: [say(failureLine(for: .needsURL, actionName: SpokenName.midSentence(action))), .event(.actionFailed(action.id, .needsURL))],
                           sent: false)
        }
        // The request carries the schema's fields in the schema's order.
        var ordered = JSONObject()
        for property in config.inputSchema.properties {
            if let value = arguments[property.name] { ordered[property.name] = value }
        }
        var steps: [CallStep] = []
        let onSend = (spokenBefore ?? config.speakOnSend).trimmingCharacters(in: .whitespacesAndNewlines)
        if !onSend.isEmpty { steps.append(say(onSend)) }
        steps.append(.event(.muted))
        steps.append(.invoke(InvocationRequest(action: action, arguments: ordered, callID: callID)))
        return Sending(steps: steps, sent: true)
    }

    public struct Sending: Sendable, Equatable {
        public var steps: [CallStep]
        /// False when nothing went on the wire (the action has no URL).
        public var sent: Bool
    }

    /// The response to a request, as the call hears it.
    public struct Settled: Sendable, Equatable {
        public var steps: [CallStep]
        public var succeeded: Bool
        /// A 4xx the caller may correct: the rule-based agent asks what to change.
        public var isClientError: Bool
        /// The `agent_message` was spoken word for word: the model does not speak next.
        public var spokeAgentMessage: Bool
        /// What goes back to a model as the tool message.
        public var toolResult: JSONValue
    }

    /// Unmuted, then `agent_message` word for word, else Speak on Receive with
    /// its `{{result.…}}` filled; on failure the hint for the fault's class.
    public static func settle(_ outcome: InvocationOutcome, action: Action) -> Settled {
        let config = action.customInput
        var steps: [CallStep] = [.event(.unmuted)]
        switch outcome {
        case let .success(result, agentMessage, _):
            var spoke = false
            if let message = agentMessage, !message.trimmingCharacters(in: .whitespaces).isEmpty {
                steps.append(say(message))
                spoke = true
            } else if let template = config?.speakOnReceive, !template.isEmpty {
                let filled = SpeakOnReceive.fill(template, result: result)
                steps += filled.missing.map { .event(.placeholderMissing(path: $0)) }
                if !filled.text.isEmpty { steps.append(say(filled.text)) }
            }
            steps.append(.event(.actionCompleted(action.id)))
            return Settled(steps: steps, succeeded: true, isClientError: false, spokeAgentMessage: spoke,
                           toolResult: ["success": true, "result": .object(result)])
        case let .failure(fault, _):
            steps.append(.event(.actionFailed(action.id, fault)))
            var clientError = false
            if case .clientError = fault { clientError = true }
            let hint = failureLine(for: fault, actionName: SpokenName.midSentence(action))
            return Settled(steps: steps, succeeded: false, isClientError: clientError, spokeAgentMessage: false,
                           toolResult: ["success": false, "error": .string(fault.explanation), "hint": .string(hint)])
        }
    }

    /// What the agent says when a request failed, by the fault's class.
    public static func failureLine(for fault: InvocationFault, actionName: String) -> String {
        switch fault {
        case .needsURL:
            return "I'm sorry, \(actionName) isn't set up yet, so I can't do that right now."
        case .notSent:
            return "I'm sorry, \(actionName) isn't set up correctly, so I can't do that right now."
        case .authentication:
            return "I'm sorry, I couldn't get access to that system. Please try again later."
        case .clientError:
            return "Sorry, the system didn't accept those details. Could you check them and tell me what to correct?"
        case .timedOut:
            return "I'm sorry, that system took too long to answer. Please try again later."
        case .serverError, .connectionFailed, .tls, .tooManyRedirects, .redirectNotFollowed, .unexpectedStatus:
            return "I'm sorry, that system isn't available right now. Please try again later."
        case .bodyNotJSON, .resultMissing, .resultNotObject, .bodyTooLarge, .platformIgnored:
            return "I'm sorry, I got an answer I couldn't understand. Please try again later."
        case .toolError:
            return "I'm sorry, that system reported a problem, so I couldn't do that right now."
        case .cancelled:
            return "That request was cancelled before it finished."
        }
    }

    /// A phone kind carried out: End Conversation, Transfer Calls, DTMF, Warm
    /// Transfer. `ended` when the call is over after it (hung up, transferred).
    public static func phone(_ action: Action) -> (steps: [CallStep], ended: Bool) {
        var steps: [CallStep] = []
        switch action.configuration {
        case .customInput:
            return ([], false)
        case let .endConversation(config):
            let goodbye = config.goodbye.trimmingCharacters(in: .whitespacesAndNewlines)
            steps.append(say(goodbye.isEmpty ? "Thank you for calling. Goodbye!" : goodbye))
            steps.append(.event(.actionCompleted(action.id)))
            steps.append(.event(.callEnded(reason: .agentHungUp)))
            return (steps, true)
        case let .transferCalls(config):
            guard !config.phoneNumber.isEmpty else {
                return ([say("Sorry, I can't transfer you: \(action.name) has no phone number set up yet.")], false)
            }
            steps.append(say("I'm transferring you to \(config.phoneNumber) now. Please hold."))
            steps.append(.event(.transferred(to: config.phoneNumber, warm: false)))
            steps.append(.event(.actionCompleted(action.id)))
            steps.append(.event(.callEnded(reason: .transferred)))
            return (steps, true)
        case let .dtmf(config):
            steps.append(.event(.dtmfSent(config.buttons)))
            steps.append(.event(.actionCompleted(action.id)))
            return (steps, false)
        case let .warmTransfer(config):
            guard !config.phoneNumber.isEmpty else {
                return ([say("Sorry, I can't transfer you: \(action.name) has no phone number set up yet.")], false)
            }
            let summary = config.summary.trimmingCharacters(in: .whitespacesAndNewlines)
            steps.append(say("Please hold while I connect you with someone who can help."))
            steps.append(say("(to \(config.phoneNumber)) " + (summary.isEmpty ? "I have a caller on the line who needs your help." : summary)))
            steps.append(.event(.transferred(to: config.phoneNumber, warm: true)))
            steps.append(.event(.actionCompleted(action.id)))
            steps.append(.event(.callEnded(reason: .transferred)))
            return (steps, true)
        }
    }

    /// Arguments checked against the action's Input Schema (plus the required
    /// `user_message` when Speak on Send is on and `requireUserMessage`):
    /// the problems, each naming the field, empty when valid.
    public static func problems(in arguments: JSONObject, for action: Action, requireUserMessage: Bool = false) -> [String] {
        let schema = action.customInput?.inputSchema ?? InputSchema()
        var fields = arguments
        var problems: [String] = []
        let message = fields[ModelTools.userMessage]
        fields[ModelTools.userMessage] = nil
        if requireUserMessage {
            switch message {
            case .string?: break
            case nil: problems.append("\(ModelTools.userMessage) is required")
            default: problems.append("\(ModelTools.userMessage) must be a string")
            }
        }
        problems += schema.validate(arguments: fields).map(\.description)
        return problems
    }

    /// The action an agent's turn fires by its trigger phrase, as Vocode
    /// decides it: once per turn, on everything the agent said in it (the
    /// model's reply; for the rule-based agent its own lines), with
    /// `ActionTrigger.matches(agentUtterance:)`'s rule (case-insensitive,
    /// punctuation in the agent's words ignored), and only the first matching
    /// action in the agent's order — never on what the caller says. Lines
    /// Vocode speaks without its model are not read: the greeting (the
    /// conversation's initial message), `user_message` / Speak on Send, and an
    /// `agent_message` (a canned response).
    public static func triggered(by agentWords: String, among actions: [Action]) -> Action? {
        actions.first { $0.trigger.matches(agentUtterance: agentWords) }
    }

    /// A phone kind fired by a trigger phrase: selected, then carried out as `phone` does.
    public static func fire(_ action: Action) -> (steps: [CallStep], ended: Bool) {
        let (steps, ended) = phone(action)
        return ([.event(.actionSelected(action.id, name: action.name))] + steps, ended)
    }

    static func say(_ text: String) -> CallStep { .event(.agentSaid(text)) }
}
