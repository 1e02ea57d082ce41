import ActionModel
import Foundation

/// The model-driven engine: a language model decides when to use an action and
/// fills its arguments; everything around the request (Speak on Send, mute,
/// Speak on Receive / `agent_message`, failure hints, schema checks, phone
/// kinds) is `ActionTurn`, as for the rule-based agent. Pure: it asks the
/// driver to consult the model with `.consultModel` and continues in
/// `receive(_: ModelOutcome, …)`.
///
/// What it sends follows Vocode: the agent's prompt as the system message, the
/// greeting as the first assistant turn, one tool per action (the OpenAI export,
/// plus a required `user_message` when Speak on Send is on).
public struct ModelAgent: ConversationAgent {
    public let agent: Agent
    public let actions: [Action]
    public let callID: String
    public let startedFrom: Action?
    public let tools: [JSONValue]
    public private(set) var messages: [ChatMessage] = []

    enum Phase: Equatable {
        case idle
        /// A model turn is under way.
        case consulting
        /// Muted, waiting on this action's request for this tool call.
        case waiting(Action, toolCallID: String)
        case ended
    }

    private(set) var phase: Phase = .idle
    /// The reply's tool calls not handled yet, in order.
    private var queue: [ModelToolCall] = []
    /// Invalid-argument tries per function name; the second fails the action.
    private var invalidTries: [String: Int] = [:]
    private var batchHadTools = false
    private var batchSpokeAgentMessage = false
    private var consultsThisLine = 0

    /// Tool rounds the model may chain on one caller line before the agent stops asking it.
    public static let maximumConsultsPerLine = 6
    /// Tries the model gets to write valid arguments for an action.
    public static let maximumArgumentTries = 2

    public var isMuted: Bool { if case .waiting = phase { return true } else { return false } }
    public var hasEnded: Bool { phase == .ended }
    /// A model turn is in flight (the caller isn't heard until it ends).
    public var isConsulting: Bool { phase == .consulting }

    public init(agent: Agent, actions: [Action], callID: String, startedFrom: Action? = nil) {
        self.agent = agent
        self.actions = actions
        self.callID = callID
        self.startedFrom = startedFrom
        self.tools = actions.map(ModelTools.tool(for:))
    }

    public var greeting: String {
        let greeting = agent.greeting.trimmingCharacters(in: .whitespacesAndNewlines)
        return greeting.isEmpty ? "Hello, how can I help you today?" : greeting
    }

    var systemPrompt: String {
        var prompt = agent.prompt
        if let action = startedFrom {
            prompt += "\n\nThis call tests the action \"\(action.name)\" (the tool \(action.functionName)): help the caller use it."
        }
        return prompt
    }

    // MARK: ConversationAgent

    public mutating func start(at time: Date) -> [CallStep] {
        messages = [ChatMessage(role: .system, content: systemPrompt), ChatMessage(role: .assistant, content: greeting)]
        return [say(greeting)]
    }

    public mutating func hear(_ utterance: String, at time: Date) -> [CallStep] {
        switch phase {
        case .ended: return []
        case .waiting, .consulting: return [.event(.callerNotHeard(utterance))]
        case .idle: break
        }
        messages.append(ChatMessage(role: .user, content: utterance))
        consultsThisLine = 0
        return [.event(.callerSaid(utterance)), consult()]
    }

    public mutating func receive(_ outcome: ModelOutcome, at time: Date) -> [CallStep] {
        guard phase == .consulting else { return [] }
        switch outcome {
        case let .failure(fault):
            phase = .idle
            return [say(fault.spokenLine)]
        case let .reply(reply):
            let text = reply.text.trimmingCharacters(in: .whitespacesAndNewlines)
            messages.append(ChatMessage(role: .assistant, content: text.isEmpty ? nil : reply.text, toolCalls: reply.toolCalls))
            var steps: [CallStep] = []
            if !text.isEmpty {
                steps.append(say(text))
                // A trigger phrase in the model's words fires its action (phone
                // kinds: they need no arguments; a Custom Input action is a tool
                // the model calls with its arguments).
                if let action = ActionTurn.triggered(by: text, among: actions), action.customInput == nil {
                    let (fired, ended) = ActionTurn.fire(action)
                    steps += fired
                    if ended {
                        phase = .ended
                        return steps
                    }
                }
            }
            queue = reply.toolCalls
            batchHadTools = !queue.isEmpty
            batchSpokeAgentMessage = false
            return steps + next()
        }
    }

    public mutating func receive(_ outcome: InvocationOutcome, at time: Date) -> [CallStep] {
        guard case let .waiting(action, toolCallID) = phase else { return [] }
        let settled = ActionTurn.settle(outcome, action: action)
        answer(toolCallID, settled.toolResult)
        if settled.spokeAgentMessage { batchSpokeAgentMessage = true }
        phase = .consulting
        return settled.steps + next()
    }

    public mutating func hangUp(at time: Date) -> [CallStep] {
        guard phase != .ended else { return [] }
        phase = .ended
        return [.event(.callEnded(reason: .callerHungUp))]
    }

    // MARK: Tool calls

    /// Handles the queued tool calls until one sends a request (muted) or
    /// ends the call; when all are answered the model speaks next (unless an
    /// `agent_message` was already spoken word for word).
    private mutating func next() -> [CallStep] {
        var steps: [CallStep] = []
        while !queue.isEmpty {
            let call = queue.removeFirst()
            guard let action = actions.first(where: { $0.functionName == call.name }) else {
                answer(call.id, ["success": false, "error": .string("there is no tool named '\(call.name)'")])
                continue
            }
            steps.append(.event(.actionSelected(action.id, name: action.name)))
            guard action.customInput != nil else {
                let (phoneSteps, ended) = ActionTurn.phone(action)
                steps += phoneSteps
                answer(call.id, ["success": true])
                if ended {
                    phase = .ended
                    return steps
                }
                continue
            }
            var arguments = JSONObject()
            var problems: [String] = []
            switch Result(catching: { () throws(JSONParseError) -> JSONValue in try JSONValue(parsing: call.arguments.isEmpty ? "{}" : call.arguments) }) {
            case let .success(.object(object)): arguments = object
            case .success: problems = ["the arguments must be a JSON object"]
            case let .failure(error): problems = ["the arguments are not JSON (\(error.description))"]
            }
            let wantsMessage = ModelTools.wantsUserMessage(action)
            if problems.isEmpty { problems = ActionTurn.problems(in: arguments, for: action, requireUserMessage: wantsMessage) }
            if !problems.isEmpty {
                let tries = (invalidTries[call.name] ?? 0) + 1
                invalidTries[call.name] = tries
                let detail = problems.joined(separator: "; ")
                steps.append(.event(.fieldRejected(name: "arguments", heard: call.arguments, reason: detail)))
                if tries >= Self.maximumArgumentTries {
                    // As on the platform: the action fails, and the model is told.
                    invalidTries[call.name] = 0
                    steps.append(.event(.actionFailed(action.id, .notSent("the model's arguments were invalid \(tries) times: \(detail)"))))
                    answer(call.id, ["success": false, "error": .string("invalid arguments: \(detail); the action failed after \(tries) tries")])
                } else {
                    answer(call.id, .string("invalid arguments: \(detail)"))
                }
                continue
            }
            invalidTries[call.name] = 0
            for (name, value) in arguments where name != ModelTools.userMessage {
                steps.append(.event(.fieldCollected(name: name, value: value, heard: "model")))
            }
            let spoken = wantsMessage ? arguments[ModelTools.userMessage]?.stringValue : nil
            arguments[ModelTools.userMessage] = nil
            let sending = ActionTurn.send(action, arguments: arguments, callID: callID, spokenBefore: spoken)
            steps += sending.steps
            guard sending.sent else {
                answer(call.id, ["success": false, "error": .string(ActionTurn.failureLine(for: .needsURL, actionName: SpokenName.midSentence(action)))])
                continue
            }
            phase = .waiting(action, toolCallID: call.id)
            return steps
        }
        if batchHadTools && !batchSpokeAgentMessage && consultsThisLine < Self.maximumConsultsPerLine {
            steps.append(consult())
        } else {
            phase = .idle
        }
        return steps
    }

    /// The tool message for a call: JSON text, or a plain string as given.
    private mutating func answer(_ toolCallID: String, _ result: JSONValue) {
        let content = result.stringValue ?? result.compactText
        messages.append(ChatMessage(role: .tool, content: content, toolCallID: toolCallID))
    }

    private mutating func consult() -> CallStep {
        phase = .consulting
        consultsThisLine += 1
        return .consultModel(ModelRequest(messages: messages, tools: tools))
    }

    private func say(_ text: String) -> CallStep { .event(.agentSaid(text)) }
}
