import ActionHTTP
import ActionModel
import ActionStore
import CallSimulation
import Foundation

/// One call set-up for the console and `simulate`: what the call is about
/// (an agent, an action to test) → the agent, its engine (the rule-based one
/// or a model), the actions it may use, and the call record with its origin.
public struct CallSetup: Sendable {
    /// The agent by ID or name; nil is the default agent.
    public var agentReference: String?
    /// The action the call tests ("test this action"), by ID, function name or name.
    public var actionReference: String?
    /// True: the call may use only that action (the console's `c` on an
    /// action); false: the agent's actions plus that one (`simulate --action`).
    public var onlyThatAction: Bool
    /// `rules` or a model name, overriding the agent's engine for this call.
    public var engineOverride: String?
    /// `console` or `headless`.
    public var origin: String
    public var callID: CallID

    public init(agentReference: String? = nil, actionReference: String? = nil, onlyThatAction: Bool = false, engineOverride: String? = nil,
                origin: String, callID: CallID = CallID.generate()) {
        self.agentReference = agentReference
        self.actionReference = actionReference
        self.onlyThatAction = onlyThatAction
        self.engineOverride = engineOverride
        self.origin = origin
        self.callID = callID
    }

    /// A call ready to start.
    public struct Prepared: Sendable {
        public var agent: Agent
        public var actions: [Action]
        public var startedFrom: Action?
        public var record: CallRecord
        public var engine: any ConversationAgent
        /// The model the engine consults; nil for the rule-based engine.
        public var model: (any ModelClient)?
        /// `rules` or the model's name.
        public var engineName: String
    }

    /// Reads the agent, the actions and the engine from the store. A model
    /// whose key or headers can't be filled in (an undefined secret) stops the
    /// call here, saying which and how to fix it.
    public func prepare(store: ActionStore, templates: TemplateContext, invoker: ActionInvoker) throws(CallSetupError) -> Prepared {
        let agent: Agent
        var actions: [Action]
        var startedFrom: Action?
        do {
            agent = try agentReference.map { try store.agent(reference: $0) } ?? store.defaultAgent()
            if let actionReference {
                let chosen = try store.action(reference: actionReference)
                startedFrom = chosen
                actions = onlyThatAction ? [chosen] : try store.actions(for: agent)
                if !actions.contains(where: { $0.id == chosen.id }) { actions.append(chosen) }
            } else {
                actions = try store.actions(for: agent)
            }
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.io(path: store.path, detail: "\(error)"))
        }
        let record = CallRecord(id: callID, agentID: agent.id, agentName: agent.name, startedFromAction: startedFrom?.id, origin: origin)
        let engineName = engineOverride ?? agent.engineName
        if engineName.lowercased() == ModelRecord.rulesEngineName {
            let mock = MockAgent(agent: agent, actions: actions, callID: callID.rawValue, startedFrom: startedFrom)
            return Prepared(agent: agent, actions: actions, startedFrom: startedFrom, record: record, engine: mock, model: nil, engineName: ModelRecord.rulesEngineName)
        }
        let modelRecord: ModelRecord
        do { modelRecord = try store.model(named: engineName) } catch { throw .store(error) }
        let endpoint: ModelEndpoint
        do { endpoint = try ModelEndpoint.prepare(modelRecord, templates: templates) } catch { throw .model(error.explanation) }
        let engine = ModelAgent(agent: agent, actions: actions, callID: callID.rawValue, startedFrom: startedFrom)
        return Prepared(agent: agent, actions: actions, startedFrom: startedFrom, record: record, engine: engine,
                        model: ChatCompletionsClient(endpoint: endpoint, invoker: invoker), engineName: modelRecord.name)
    }
}

/// Why a call could not be set up.
public enum CallSetupError: Error, Sendable, CustomStringConvertible {
    case store(StoreError)
    /// The agent's model can't be reached as configured.
    case model(String)

    public var message: String {
        switch self {
        case let .store(error): return error.message
        case let .model(detail): return detail
        }
    }

    public var description: String { message }
}
