import Foundation

/// A purpose-built HTTP server on 127.0.0.1 for model-endpoint faults: each
/// connection gets a script of pieces (bytes, pauses, a hang, a close), so a
/// test decides exactly where a stream stops. Records every request.
final class ScriptedServer: @unchecked Sendable {
    enum Piece {
        case send([UInt8])
        case pause(milliseconds: Int)
        /// Keep the connection open, sending nothing, until the server stops.
        case hang
    }

    struct Request {
        var head: String
        var body: [UInt8]
        var requestLine: String { String(head.split(separator: "\r\n").first ?? "") }
        func header(_ name: String) -> String? {
            for line in head.split(separator: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() { return parts[1].trimmingCharacters(in: .whitespaces) }
            }
            return nil
        }
    }

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var received: [Request] = []
    private var connections = 0
    private var stopped = false
    private let script: @Sendable (_ connection: Int) -> [Piece]

    var requests: [Request] { lock.withLock { received } }

    init(script: @escaping @Sendable (_ connection: Int) -> [Piece]) throws {
        self.script = script
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard listening else { throw POSIXError(.EADDRNOTAVAIL) }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    static func text(_ text: String) -> Piece { .send(Array(text.utf8)) }

    /// A whole SSE reply in pieces of `size` bytes, `pause` apart.
    static func stream(_ events: String, pieces size: Int = 0, pause: Int = 0) -> [Piece] {
        var pieces: [Piece] = [text("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")]
        guard size > 0 else { return pieces + [text(events)] }
        let bytes = Array(events.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            // Pieces may split a UTF-8 sequence: the bytes go out exactly.
            pieces.append(.send(Array(bytes[start..<end])))
            if pause > 0 { pieces.append(.pause(milliseconds: pause)) }
            start = end
        }
        return pieces
    }

    static func status(_ code: Int, _ reason: String, body: String, headers: [String] = []) -> [Piece] {
        [text("HTTP/1.1 \(code) \(reason)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
               + headers.map { $0 + "\r\n" }.joined() + "\r\n" + body)]
    }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            let number = lock.withLock { () -> Int in
                connections += 1
                return connections
            }
            let thread = Thread { [self] in serve(client, number: number) }
            thread.start()
        }
    }

    private func serve(_ client: Int32, number: Int) {
        defer { close(client) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headEnd: Int?
        while headEnd == nil {
            let count = read(client, &chunk, chunk.count)
            if count <= 0 { return }
            buffer += chunk[0..<count]
            if let range = buffer.firstRange(of: Array("\r\n\r\n".utf8)) { headEnd = range.upperBound }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        let request = Request(head: head, body: [])
        let length = Int(request.header("content-length") ?? "0") ?? 0
        while buffer.count - headEnd! < length {
            let count = read(client, &chunk, chunk.count)
            if count <= 0 { break }
            buffer += chunk[0..<count]
        }
        lock.withLock { received.append(Request(head: head, body: Array(buffer[headEnd!...]))) }
        for piece in script(number) {
            switch piece {
            case let .send(bytes):
                var sent = 0
                while sent < bytes.count {
                    let count = bytes[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                    if count <= 0 { return }
                    sent += count
                }
            case let .pause(milliseconds):
                usleep(useconds_t(milliseconds * 1000))
            case .hang:
                while !isStopped { usleep(20_000) }
                return
            }
        }
    }
}
