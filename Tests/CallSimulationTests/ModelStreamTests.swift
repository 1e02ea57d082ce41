import ActionModel
import Foundation
import XCTest

@testable import CallSimulation

/// A reply as an OpenAI-compatible server streams it: words with a multi-byte
/// character, two parallel tool calls whose arguments arrive in fragments
/// (split inside keys and values), the finish reason, then usage and [DONE].
enum RecordedStreams {
    static let parallel = """
        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"Sure — één moment "},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"please 😀."},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_A","type":"function","function":{"name":"sign_up_for_a_plan","arguments":""}}]},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"em"}}]},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ail\\": \\"jö@exa"}}]},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_B","type":"function","function":{"name":"check_account_status","arguments":"{\\"email\\":"}}]},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"mple.com\\", \\"seats\\": 5}"}}]},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":" \\"a@b.co\\"}"}}]},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":412,"completion_tokens":57,"total_tokens":469}}

        data: [DONE]


        """

    static let expected = ModelReply(
        text: "Sure — één moment please 😀.",
        toolCalls: [
            ModelToolCall(id: "call_A", name: "sign_up_for_a_plan", arguments: #"{"email": "jö@example.com", "seats": 5}"#),
            ModelToolCall(id: "call_B", name: "check_account_status", arguments: #"{"email": "a@b.co"}"#),
        ],
        usage: ModelUsage(promptTokens: 412, completionTokens: 57), model: "gpt-4o-mini-2024-07-18", finishReason: "tool_calls")
}

final class ModelStreamTests: XCTestCase {
    let bytes = Array(RecordedStreams.parallel.utf8)

    func read(_ pieces: [ArraySlice<UInt8>]) throws -> (ModelReply, String) {
        var stream = ModelStream()
        var streamed = ""
        for piece in pieces { streamed += try stream.feed(piece).joined() }
        return (try stream.finish(), streamed)
    }

    func testWholeStreamAssemblesTextToolCallsUsageAndModel() throws {
        let (reply, streamed) = try read([bytes[...]])
        XCTAssertEqual(reply, RecordedStreams.expected)
        XCTAssertEqual(streamed, RecordedStreams.expected.text)
    }

    /// Every split point: inside `data:`, inside a key, inside a UTF-8 sequence, between events.
    func testEverySingleSplitGivesTheSameReply() throws {
        for split in 0...bytes.count {
            let (reply, streamed) = try read([bytes[..<split], bytes[split...]])
            XCTAssertEqual(reply, RecordedStreams.expected, "split at byte \(split)")
            XCTAssertEqual(streamed, RecordedStreams.expected.text, "split at byte \(split)")
        }
    }

    func testByteByByteAndCRLFGiveTheSameReply() throws {
        let (reply, _) = try read(bytes.indices.map { bytes[$0...$0] })
        XCTAssertEqual(reply, RecordedStreams.expected)
        let crlf = Array(RecordedStreams.parallel.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        for split in stride(from: 0, through: crlf.count, by: 7) {
            let (again, _) = try read([crlf[..<split], crlf[split...]])
            XCTAssertEqual(again, RecordedStreams.expected, "CRLF split at \(split)")
        }
    }

    func testAStreamThatStopsMidWayIsCut() throws {
        // Cut inside the second tool call's arguments: no finish reason, no [DONE].
        let cut = Array(bytes.prefix(through: bytes.firstIndex(of: UInt8(ascii: "B"))!))
        var stream = ModelStream()
        _ = try stream.feed(cut)
        XCTAssertThrowsError(try stream.finish()) { error in
            guard case let .streamCut(detail) = error as? ModelFault else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("no [DONE]"), detail)
        }
    }

    func testNotJSONDataIsAMalformedStream() {
        var stream = ModelStream()
        XCTAssertThrowsError(try stream.feed(Array("data: {not json\n\n".utf8))) { error in
            guard case .malformedStream = error as? ModelFault else { return XCTFail("\(error)") }
        }
    }

    func testNeitherTextNorToolCallIsAnEmptyReply() throws {
        var stream = ModelStream()
        _ = try stream.feed(Array(#"data: {"choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}]}"#.utf8) + Array("\n\ndata: [DONE]\n\n".utf8))
        XCTAssertThrowsError(try stream.finish()) { XCTAssertEqual($0 as? ModelFault, .emptyReply) }
    }

    func testAnErrorEventInsideTheStreamIsAServerError() throws {
        var stream = ModelStream()
        _ = try stream.feed(Array(#"data: {"error":{"message":"The server had an error while processing your request."}}"#.utf8) + [10, 10])
        XCTAssertThrowsError(try stream.finish()) {
            XCTAssertEqual($0 as? ModelFault, .serverError(status: 200, detail: "The server had an error while processing your request."))
        }
    }

    func testCommentsAndAMissingFinalBlankLineAreFine() throws {
        var stream = ModelStream()
        _ = try stream.feed(Array(": keep-alive\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]".utf8))
        XCTAssertEqual(try stream.finish().text, "Hi")
    }

    func testAToolCallWithoutAnIDGetsOneFromItsIndex() throws {
        var stream = ModelStream()
        _ = try stream.feed(Array(#"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"name":"ping","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}"#.utf8) + [10, 10])
        XCTAssertEqual(try stream.finish().toolCalls, [ModelToolCall(id: "call_0", name: "ping", arguments: "{}")])
    }
}
