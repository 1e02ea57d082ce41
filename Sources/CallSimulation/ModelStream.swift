import ActionModel
import Foundation

/// Reads a Chat Completions SSE stream (`data: {chat.completion.chunk}` events,
/// `data: [DONE]` last) fed in pieces split anywhere — inside a key, inside a
/// multi-byte character, across chunks — and assembles the reply: the text,
/// the tool calls by their `index` (id, name and argument fragments
/// concatenated exactly), the usage and the echoed model id.
public struct ModelStream: Sendable {
    public private(set) var reply = ModelReply()
    /// `[DONE]` or a `finish_reason` came: the reply is whole.
    public private(set) var isFinished = false
    public private(set) var sawDone = false
    /// A server error sent inside the stream (`{"error": {...}}`).
    public private(set) var streamError: String?
    private var pending: [UInt8] = []
    private var dataLines: [[UInt8]] = []
    private var calls: [Int: ModelToolCall] = [:]
    private var callOrder: [Int] = []

    public init() {}

    /// Some text or a tool call has arrived (the first token, for timing).
    public var hasContent: Bool { !reply.text.isEmpty || !calls.isEmpty }

    /// Feeds bytes; returns the text deltas they completed, in order (for the
    /// call pane), and throws on an event that is not JSON.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) throws(ModelFault) -> [String] where Bytes.Element == UInt8 {
        var deltas: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                var line = pending
                pending.removeAll(keepingCapacity: true)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if let delta = try take(line) { deltas.append(delta) }
            } else {
                pending.append(byte)
            }
        }
        return deltas
    }

    /// The stream closed: whatever event is still open counts (a server that
    /// omits the last blank line), and the reply is returned or the fault.
    public mutating func finish() throws(ModelFault) -> ModelReply {
        do {
            if !pending.isEmpty {
                let line = pending
                pending = []
                _ = try take(line)
            }
            _ = try dispatch()
        } catch {
            // An event cut off by the end of the stream is a cut stream, not bad JSON.
            if !isFinished { throw .streamCut("no [DONE]: the connection closed inside an event") }
            throw error
        }
        if let streamError { throw .serverError(status: 200, detail: streamError) }
        var assembled = reply
        // A local server may leave the id out; the tool message still needs one to answer.
        assembled.toolCalls = callOrder.compactMap { index in
            guard var call = calls[index] else { return nil }
            if call.id.isEmpty { call.id = "call_\(index)" }
            return call
        }
        guard isFinished else {
            throw .streamCut(assembled.text.isEmpty && assembled.toolCalls.isEmpty
                ? "no [DONE] and nothing received" : "no [DONE] after \(assembled.text.count) characters and \(assembled.toolCalls.count) tool call(s)")
        }
        if assembled.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && assembled.toolCalls.isEmpty { throw .emptyReply }
        return assembled
    }

    /// One line of the event stream.
    private mutating func take(_ line: [UInt8]) throws(ModelFault) -> String? {
        if line.isEmpty { return try dispatch() }
        if line.first == UInt8(ascii: ":") { return nil }  // a comment (keep-alive)
        let field: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            field = line[...]
            value = []
        }
        if field.elementsEqual("data".utf8) { dataLines.append(Array(value)) }
        return nil
    }

    /// An event is complete: read its data.
    private mutating func dispatch() throws(ModelFault) -> String? {
        guard !dataLines.isEmpty else { return nil }
        var data: [UInt8] = []
        for (index, line) in dataLines.enumerated() {
            if index > 0 { data.append(UInt8(ascii: "\n")) }
            data += line
        }
        dataLines.removeAll(keepingCapacity: true)
        if data.elementsEqual("[DONE]".utf8) {
            sawDone = true
            isFinished = true
            return nil
        }
        let chunk: JSONValue
        do { chunk = try JSONValue(parsing: data) } catch {
            throw .malformedStream("an event's data is not JSON (\(error.message)): \(String(decoding: data.prefix(120), as: UTF8.self))")
        }
        return apply(chunk)
    }

    private mutating func apply(_ chunk: JSONValue) -> String? {
        guard let object = chunk.objectValue else { return nil }
        if let error = object["error"] {
            streamError = error.objectValue?["message"]?.stringValue ?? error.compactText
            isFinished = true
            return nil
        }
        if let model = object["model"]?.stringValue, !model.isEmpty, reply.model == nil { reply.model = model }
        if let usage = object["usage"]?.objectValue {
            reply.usage = ModelUsage(promptTokens: usage["prompt_tokens"]?.integerValue ?? 0,
                                     completionTokens: usage["completion_tokens"]?.integerValue ?? 0)
        }
        var delta: String?
        for choice in object["choices"]?.arrayValue ?? [] {
            guard let choice = choice.objectValue else { continue }
            if let piece = choice["delta"]?.objectValue {
                if let text = piece["content"]?.stringValue, !text.isEmpty {
                    reply.text += text
                    delta = (delta ?? "") + text
                }
                for call in piece["tool_calls"]?.arrayValue ?? [] {
                    guard let call = call.objectValue else { continue }
                    let index = call["index"]?.integerValue ?? callOrder.count
                    var current = calls[index] ?? ModelToolCall(id: "", name: "", arguments: "")
                    if calls[index] == nil { callOrder.append(index) }
                    if let id = call["id"]?.stringValue, !id.isEmpty { current.id = id }
                    if let function = call["function"]?.objectValue {
                        if let name = function["name"]?.stringValue { current.name += name }
                        if let arguments = function["arguments"]?.stringValue { current.arguments += arguments }
                    }
                    calls[index] = current
                }
            }
            if let reason = choice["finish_reason"]?.stringValue {
                reply.finishReason = reason
                isFinished = true
            }
        }
        return delta
    }
}
