import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client over a blocking socket: one request, `Connection:
/// close`, the raw response read to the end. Tests of the scripted model read
/// the bytes a client would see, with no HTTP library in between.
struct PlainHTTPResponse {
    var status: Int
    var headers: [(String, String)]
    /// The body with any chunked transfer-encoding removed.
    var body: String

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}

enum PlainHTTP {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func request(port: Int, method: String, path: String, headers: [(String, String)] = [], body: String? = nil) throws -> PlainHTTPResponse {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect to 127.0.0.1:\(port) failed") }
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure(description: "send failed") }
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return try parse(received)
    }

    static func parse(_ bytes: [UInt8]) throws -> PlainHTTPResponse {
        let raw = String(decoding: bytes, as: UTF8.self)
        guard let split = raw.range(of: "\r\n\r\n") else { throw Failure(description: "no response head in: \(raw)") }
        let headLines = raw[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = headLines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line: \(headLines[0])") }
        let headers = headLines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        // Bytes, not Characters: "\r\n" is one Character in Swift and would throw the counts off.
        let headLength = raw[..<split.upperBound].utf8.count
        var bodyBytes = Array(bytes[headLength...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            var decoded: [UInt8] = []
            var position = 0
            while let lineEnd = crlf(in: bodyBytes, from: position),
                  let size = Int(String(decoding: bodyBytes[position..<lineEnd], as: UTF8.self), radix: 16), size > 0 {
                let start = lineEnd + 2
                guard start + size <= bodyBytes.count else { throw Failure(description: "a chunk runs past the end of the response") }
                decoded += bodyBytes[start..<(start + size)]
                position = start + size + 2
            }
            bodyBytes = decoded
        }
        let body = String(decoding: bodyBytes, as: UTF8.self)
        return PlainHTTPResponse(status: status, headers: headers, body: body)
    }

    static func crlf(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }
}
