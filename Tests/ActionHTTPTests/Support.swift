import ActionHTTP
import ActionModel
import CallSimulation
import SampleBackend
import XCTest

func customAction(
    url: String?, headers: [HTTPHeader] = [], secret: String? = nil, format: BodyFormat = .fluents, timeout: Int = 5
) -> Action {
    Action(
        name: "Test action", description: "A test action",
        configuration: .customInput(CustomInputConfiguration(
            url: url, timeoutSeconds: timeout, headers: headers, signatureSecret: secret, bodyFormat: format)))
}

func invocation(
    _ url: String?, arguments: JSONObject = ["email": "ada@example.com"], headers: [HTTPHeader] = [], secret: String? = nil,
    format: BodyFormat = .fluents, timeout: Int = 5, callID: String = "call-1", key: String = "key-1"
) -> InvocationRequest {
    InvocationRequest(
        action: customAction(url: url, headers: headers, secret: secret, format: format, timeout: timeout),
        arguments: arguments, callID: callID, idempotencyKey: key)
}

extension InvocationOutcome {
    var fault: InvocationFault? { if case let .failure(fault, _) = self { return fault } else { return nil } }
    var result: JSONObject? { if case let .success(result, _, _) = self { return result } else { return nil } }
    var agentMessage: String? { if case let .success(_, message, _) = self { return message } else { return nil } }
    var exchange: HTTPExchange? {
        switch self {
        case let .success(_, _, exchange): return exchange
        case let .failure(_, exchange): return exchange
        }
    }
}

/// Starts an invoker and a sample backend for each test and stops both after.
class LiveTestCase: XCTestCase {
    var invoker: ActionInvoker!
    var backend: RunningSampleBackend!

    override func setUp() async throws {
        invoker = ActionInvoker()
        backend = try await SampleBackend.start(host: "127.0.0.1", port: 0, secret: SampleBackend.demoSecret)
    }

    override func tearDown() async throws {
        await invoker.shutdown()
        await backend.stop()
    }

    func url(_ path: String) -> String { backend.baseURL + path }

    func invoke(_ path: String, arguments: JSONObject = ["email": "ada@example.com"], format: BodyFormat = .fluents,
                timeout: Int = 5, secret: String? = nil) async -> InvocationOutcome {
        await invoker.invoke(invocation(url(path), arguments: arguments, secret: secret, format: format, timeout: timeout))
    }
}
