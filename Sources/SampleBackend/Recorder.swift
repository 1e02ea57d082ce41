import ActionModel
import Foundation
import NIOCore
import NIOPosix

/// One request exactly as it arrived: the bytes off the socket, split into
/// the request line, the headers (names as sent, in order) and the body.
public struct RecordedRequest: Sendable, Equatable {
    public var method: String
    /// The request target, e.g. `/hook?x=1`.
    public var path: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// Everything before the body, CRLFs included.
    public var rawHead: [UInt8]
    /// `DispatchTime` uptime of the first byte of this request read off the socket.
    public var firstByteNanoseconds: UInt64
    public var lastByteNanoseconds: UInt64

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
    public var rawHeadText: String { String(decoding: rawHead, as: UTF8.self) }
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// What a recorder has seen, in arrival order.
public actor RequestRecorder {
    public private(set) var requests: [RecordedRequest] = []
    public init() {}
    func record(_ request: RecordedRequest) { requests.append(request) }
    public func clear() { requests.removeAll() }
    public var last: RecordedRequest? { requests.last }
}

public final class RunningRecorder: Sendable {
    public let port: Int
    public let recorder: RequestRecorder
    let channel: any Channel
    let task: Task<Void, Never>

    init(port: Int, recorder: RequestRecorder, channel: any Channel, task: Task<Void, Never>) {
        self.port = port
        self.recorder = recorder
        self.channel = channel
        self.task = task
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func stop() async {
        task.cancel()
        try? await channel.close()
        await task.value
    }
}

extension SampleBackend {
    /// A bare HTTP/1.1 server on 127.0.0.1 that records each request byte for
    /// byte and answers with `respond` (JSON content type, keep-alive).
    public static func startRecorder(
        port: Int = 0, respond: @escaping @Sendable (RecordedRequest) -> (status: Int, body: String)
    ) async throws -> RunningRecorder {
        try await startRecorder(port: port, answer: { respond($0) })
    }

    /// Like `startRecorder(port:respond:)`, but the answer may take its time
    /// (a slow endpoint, for timeout tests) and may depend on earlier requests
    /// (fail the first N, then succeed). Requests are recorded before they are answered.
    public static func startRecorder(
        port: Int = 0, answer respond: @escaping @Sendable (RecordedRequest) async -> (status: Int, body: String)
    ) async throws -> RunningRecorder {
        let recorder = RequestRecorder()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let bound = server.channel.localAddress?.port ?? port
        let channel = server.channel
        let task = Task {
            _ = try? await server.executeThenClose { connections in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            group.addTask { await serve(connection, recorder: recorder, respond: respond) }
                        }
                    } catch {}
                    group.cancelAll()
                }
            }
        }
        return RunningRecorder(port: bound, recorder: recorder, channel: channel, task: task)
    }

    static func serve(
        _ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, recorder: RequestRecorder,
        respond: @escaping @Sendable (RecordedRequest) async -> (status: Int, body: String)
    ) async {
        try? await connection.executeThenClose { inbound, outbound in
            var pending: [UInt8] = []
            var firstByte: UInt64 = 0
            for try await chunk in inbound {
                if pending.isEmpty { firstByte = DispatchTime.now().uptimeNanoseconds }
                pending.append(contentsOf: chunk.readableBytesView)
                while let (request, consumed) = parseRequest(pending, firstByte: firstByte) {
                    pending.removeFirst(consumed)
                    await recorder.record(request)
                    let answer = await respond(request)
                    let body = Array(answer.body.utf8)
                    var head = "HTTP/1.1 \(answer.status) \(reason(answer.status))\r\n"
                    head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
                    var buffer = ByteBuffer(string: head)
                    buffer.writeBytes(body)
                    try await outbound.write(buffer)
                    if !pending.isEmpty { firstByte = DispatchTime.now().uptimeNanoseconds }
                }
            }
        }
    }

    /// A complete request at the front of `bytes` (Content-Length framing) and how many bytes it took.
    static func parseRequest(_ bytes: [UInt8], firstByte: UInt64) -> (RecordedRequest, Int)? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4, let end = (0...(bytes.count - 4)).first(where: { bytes[$0..<($0 + 4)].elementsEqual(terminator) })
        else { return nil }
        let headText = String(decoding: bytes[..<end], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [HTTPHeader] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(HTTPHeader(name: String(line[..<colon]),
                                      value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let bodyStart = end + 4
        guard bytes.count >= bodyStart + length else { return nil }
        let request = RecordedRequest(
            method: requestLine.first.map(String.init) ?? "", path: requestLine.count > 1 ? String(requestLine[1]) : "",
            headers: headers, body: Array(bytes[bodyStart..<(bodyStart + length)]), rawHead: Array(bytes[..<bodyStart]),
            firstByteNanoseconds: firstByte, lastByteNanoseconds: DispatchTime.now().uptimeNanoseconds)
        return (request, bodyStart + length)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 422: return "Unprocessable Entity"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}
