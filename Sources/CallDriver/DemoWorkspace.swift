import ActionModel
import ActionStore
import SampleBackend

/// The demo workspace: actions that call the embedded sample backend (started
/// on demand by `SampleHost`), the phone behaviours, and an agent that uses them.
public enum DemoWorkspace {
    public static let agentName = "Demo front desk"

    /// The demo model record: the scripted OpenAI-compatible model that the
    /// in-process sample backend serves at `/v1` (see `ScriptedModel`), so a
    /// newcomer can try an LLM-style call with no key and no network. Like the
    /// demo actions it names `sample.localhost`, which `SampleHost.resolve`
    /// turns into the running backend's loopback address.
    public static let modelName = "Demo scripted model"
    public static var modelBaseURL: String { SampleHost.demoBaseURL + "/v1" }
    public static let modelID = ScriptedModel.modelID

    public static var actions: [Action] {
        let base = SampleHost.demoBaseURL
        func custom(_ name: String, _ description: String, path: String, send: String, receive: String,
                    _ properties: [SchemaProperty], timeout: Int = 10, trigger: ActionTrigger = .functionCall) -> Action {
            Action(
                name: name, description: description, trigger: trigger,
                configuration: .customInput(CustomInputConfiguration(
                    url: base + path, speakOnSend: send, speakOnReceive: receive,
                    inputSchema: InputSchema(properties: properties), timeoutSeconds: timeout,
                    signatureSecret: SampleBackend.demoSecret)))
        }
        return [
            custom("Create CRM lead", "Creates a sales lead in the CRM from the caller's details", path: "/crm/leads",
                   send: "One moment while I save your details.",
                   receive: "You're all set. Your lead number is {{result.lead_id}} and {{result.owner}} will be in touch.",
                   [SchemaProperty(name: "first_name", isRequired: true, description: "The caller's first name"),
                    SchemaProperty(name: "email", isRequired: true, description: "The caller's email address", format: .email),
                    SchemaProperty(name: "plan", description: "The plan they are interested in", enumValues: ["basic", "pro", "enterprise"])]),
            custom("Check account status", "Looks up the status, plan and balance of the caller's account", path: "/accounts/status",
                   send: "Let me check your account details.",
                   receive: "Your account is {{result.status}} on the {{result.plan}} plan, with a balance of {{result.balance}} dollars.",
                   [SchemaProperty(name: "email", isRequired: true, description: "The email address on the account", format: .email)]),
            custom("Book appointment", "Books an appointment at the caller's preferred date and time", path: "/appointments",
                   send: "Let me book that for you.",
                   receive: "You're booked for {{result.slot}}. Your confirmation number is {{result.confirmation_id}}.",
                   [SchemaProperty(name: "name", isRequired: true, description: "The caller's full name"),
                    SchemaProperty(name: "date", isRequired: true, description: "The preferred date", format: .date),
                    SchemaProperty(name: "time", isRequired: true, description: "The preferred time", format: .time)]),
            custom("Create support ticket", "Opens a support ticket about the caller's issue", path: "/support/tickets",
                   send: "I'm opening a ticket for you now.",
                   receive: "Ticket {{result.ticket_id}} is open with {{result.priority}} priority.",
                   [SchemaProperty(name: "email", isRequired: true, description: "The customer's email address", format: .email),
                    SchemaProperty(name: "issue", isRequired: true, description: "A brief description of the customer's issue")]),
            custom("Check order status (slow)", "Checks an order's status through a slow backend, to try the muted wait",
                   path: "/faults/slow?ms=2500", send: "Let me look that up, it can take a moment.",
                   receive: "Thanks for waiting, I've got your order details.",
                   [SchemaProperty(name: "order_number", type: .integer, isRequired: true, description: "The order number", minimum: 1)]),
            custom("Refund request (failing)", "Files a refund request with a backend that always fails, to try error handling",
                   path: "/faults/500", send: "Let me file that refund request.", receive: "Your refund request is filed.",
                   [SchemaProperty(name: "order_number", type: .integer, isRequired: true, description: "The order number", minimum: 1)]),
        ] + platformActions + [
            Action(name: "Say goodbye", description: "Ends the call politely when the caller is done",
                   configuration: .endConversation(.init(goodbye: "Thanks for calling, have a great day!"))),
            Action(name: "Transfer to billing", description: "Transfers the caller to the billing team",
                   trigger: .phrases(["transfer you to billing"]),
                   configuration: .transferCalls(.init(phoneNumber: "+14155550100"))),
        ]
    }

    /// One order-status action per platform other than Fluents (the ones
    /// above), each answered by the sample backend in that platform's contract.
    static var platformActions: [Action] {
        let base = SampleHost.demoBaseURL
        let order = SchemaProperty(name: "order_id", type: .integer, isRequired: true, description: "The order number the caller reads out", minimum: 1)
        func action(_ platform: ActionPlatform, path: String, secret: String? = nil, format: BodyFormat = .fluents) -> Action {
            Action(
                name: "Order status (\(platform.title))", functionName: "order_status_\(platform.rawValue)",
                description: "Looks up an order's status through the \(platform.title) contract",
                configuration: .customInput(CustomInputConfiguration(
                    url: base + path, speakOnSend: "Let me look up that order.",
                    speakOnReceive: "Order {{result.order_id}} is {{result.status}}.",
                    inputSchema: InputSchema(properties: [order]), timeoutSeconds: 10,
                    signatureSecret: secret, bodyFormat: format)),
                platform: platform)
        }
        return [
            action(.vapi, path: "/vapi/order-status"),
            action(.retell, path: "/retell/order-status", secret: SampleBackend.demoRetellKey),
            action(.elevenlabs, path: "/elevenlabs/orders/{order_id}", format: .argsAtRoot),
            action(.bland, path: "/bland/order-status", format: .argsAtRoot),
        ]
    }

    public struct Created: Sendable {
        public var actions: [Action]
        public var agent: Agent
        /// Demo actions already in the store (by function name), left as they were.
        public var alreadyThere: [String]
    }

    /// Adds the demo actions that aren't in the store yet and the demo agent.
    public static func create(in store: ActionStore) throws(StoreError) -> Created {
        var created: [Action] = []
        var alreadyThere: [String] = []
        var ids: [ActionID] = []
        for action in actions {
            if let existing = try store.action(functionName: action.functionName) {
                alreadyThere.append(action.functionName)
                ids.append(existing.id)
            } else {
                let stored = try store.insert(action)
                created.append(stored)
                ids.append(stored.id)
            }
        }
        if (try? store.model(named: modelName)) == nil {
            _ = try store.insert(ModelRecord(name: modelName, baseURL: modelBaseURL, modelID: modelID))
        }
        let agent: Agent
        if var existing = try? store.agent(reference: agentName) {
            existing.actionIDs = ids
            agent = try store.update(existing)
        } else {
            agent = try store.insert(Agent(
                name: agentName, greeting: "Thanks for calling Acme! I can create a lead, check your account, book an appointment or open a support ticket. What can I do for you?",
                prompt: "You are Acme's front desk. Use the actions to help the caller; collect every required field first.",
                actionIDs: ids))
        }
        return Created(actions: created, agent: agent, alreadyThere: alreadyThere)
    }
}
