import ActionModel
import CallSimulation
import Foundation

// What the console and the runtime say to each other about calls and test
// requests. The runtime owns the call (a `LiveCall` run by its `CallRunner`);
// the console only sees these values, so the call pane is drawn and tested
// without a network.

/// Which call to start: "test this action" or a call with an agent.
public struct CallStart: Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        /// The default agent, with the call opened on this action.
        case action(ActionID)
        /// This agent, greeting first, with the actions it may use.
        case agent(AgentID)
    }
    /// Chosen by the console, so every message about the call can be matched to it.
    public var callID: CallID
    public var subject: Subject

    public init(callID: CallID, subject: Subject) {
        self.callID = callID
        self.subject = subject
    }
}

/// One thing that happened in a call the console started.
public struct CallActivity: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The call is set up: who answers.
        case started(agentName: String)
        /// The action the agent is about to select (sent just before its
        /// `.actionSelected`), for the checklist of its schema fields.
        case actionInUse(Action)
        /// The call could not start (the action or agent is gone, the store refused …).
        case failedToStart(String)
        /// Said before the call goes on: an action of the call references a
        /// `{{secret.…}}`/`{{env.…}}` the active environment doesn't define,
        /// so its request would not be sent.
        case warning(String)
        case event(CallEvent)
        /// A request left for the action's URL.
        case requestSent(actionID: ActionID, exchange: HTTPExchange)
        /// How it came back (the exchange then holds the response too).
        case response(actionID: ActionID, outcome: InvocationOutcome)
        /// A model reply under way: started, words as they stream, the first token, a 429 wait.
        case model(ModelProgress)
        /// A model turn ended: its figures in words, and the fault when it failed.
        case modelTurnEnded(summary: String, fault: String?)
    }
    public var callID: CallID
    public var kind: Kind
    public var time: Date

    public init(callID: CallID, kind: Kind, time: Date) {
        self.callID = callID
        self.kind = kind
        self.time = time
    }
}

/// "Send test request" from the action form: the action as the form has it and
/// sample arguments, sent without a call.
public struct TestRequest: Sendable, Equatable {
    /// Counts up per console, so a late answer to an earlier one is ignored.
    public var number: Int
    public var invocation: InvocationRequest

    public init(number: Int, invocation: InvocationRequest) {
        self.number = number
        self.invocation = invocation
    }
}

public struct TestRequestResult: Sendable, Equatable {
    public var number: Int
    /// The request as it was sent, when it could be built.
    public var sent: HTTPExchange?
    public var outcome: InvocationOutcome

    public init(number: Int, sent: HTTPExchange?, outcome: InvocationOutcome) {
        self.number = number
        self.sent = sent
        self.outcome = outcome
    }
}

/// What "copy as curl" did.
public struct CurlCopy: Sendable, Equatable {
    /// The command with secrets masked, to show.
    public var shown: String
    /// The file the command was written to, nil when it could not be.
    public var path: String?
    /// Whether the clipboard escape (OSC 52) was sent to the terminal.
    public var sentToClipboard: Bool
    /// The copy has the secrets' values (asked for); else `{{secret.…}}` placeholders.
    public var includesSecrets: Bool
    /// Why the file could not be written.
    public var problem: String?

    public init(shown: String, path: String?, sentToClipboard: Bool, includesSecrets: Bool = false, problem: String? = nil) {
        self.shown = shown
        self.path = path
        self.sentToClipboard = sentToClipboard
        self.includesSecrets = includesSecrets
        self.problem = problem
    }
}

/// The call runner's work (`ConsoleEffect.call`): the live call, whose news
/// comes back as `.call(CallActivity)`, and the action form's test request,
/// sent like a call would send it (answered by `.actions(.testRequestFinished)`).
public enum CallEffect: Sendable, Equatable {
    /// Start a simulated call; everything about it comes back as `.call` messages.
    case start(CallStart)
    /// The caller (the person at the console) said this line in the call.
    case say(CallID, String)
    /// Cancel the request the call is waiting on: the agent says it failed,
    /// the call log records `cancelled`.
    case cancelRequest(CallID)
    /// Hang up (cancelling a request in flight first).
    case end(CallID)
    /// Send the form's action with sample values, without a call.
    case sendTestRequest(TestRequest)
}
