import ActionModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Secret values by name: the defaults, and each environment's own values
/// (which win over the defaults in that environment).
public struct SecretValues: Sendable, Equatable {
    public var defaults: [String: String]
    /// Environment name (as created) → secret name → value.
    public var byEnvironment: [String: [String: String]]

    public init(defaults: [String: String] = [:], byEnvironment: [String: [String: String]] = [:]) {
        self.defaults = defaults
        self.byEnvironment = byEnvironment
    }

    /// The value `{{secret.NAME}}` has in an environment: its own, else the default.
    public func value(of name: String, environment: String?) -> String? {
        if let environment, let own = values(inEnvironment: environment)?[name] { return own }
        return defaults[name]
    }

    func values(inEnvironment name: String) -> [String: String]? {
        byEnvironment.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The names of the secrets an environment has its own value for, sorted.
    public func secretNames(withOwnValueIn environment: String) -> [String] {
        (values(inEnvironment: environment) ?? [:]).keys.sorted()
    }

    /// The environments with their own value for a secret, sorted.
    public func environments(having name: String) -> [String] {
        byEnvironment.filter { $0.value[name] != nil }.map(\.key).sorted()
    }

    public mutating func set(_ name: String, to value: String, environment: String?) {
        guard let environment else { defaults[name] = value; return }
        let key = byEnvironment.keys.first { $0.caseInsensitiveCompare(environment) == .orderedSame } ?? environment
        byEnvironment[key, default: [:]][name] = value
    }

    /// Removes a secret's value everywhere (environment nil) or in one environment.
    public mutating func remove(_ name: String, environment: String?) {
        guard let environment else {
            defaults[name] = nil
            for key in byEnvironment.keys { byEnvironment[key]?[name] = nil }
            byEnvironment = byEnvironment.filter { !$0.value.isEmpty }
            return
        }
        for key in byEnvironment.keys where key.caseInsensitiveCompare(environment) == .orderedSame {
            byEnvironment[key]?[name] = nil
            if byEnvironment[key]?.isEmpty == true { byEnvironment[key] = nil }
        }
    }

    public mutating func removeEnvironment(_ environment: String) {
        byEnvironment = byEnvironment.filter { $0.key.caseInsensitiveCompare(environment) != .orderedSame }
    }
}

/// Why the secrets file could not be used. Messages name the file and the
/// fix; they never contain a value.
public struct SecretsFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { message }
}

/// The secret values of a store, in a JSON file beside it that only the user
/// may read: `switchboard.sqlite` keeps them in `switchboard.secrets.json`.
/// Never in the SQLite file, so a copied, exported or attached store carries no secret.
///
/// The file must be mode 0600 (no group or other bits): a wider one is refused,
/// naming the `chmod` that fixes it. It is written whole, atomically: a new
/// file created 0600 in the same folder, then renamed over the old one, under
/// a lock so two writers don't lose each other's change.
public struct SecretsFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The secrets file of the store at `storePath`.
    public init(storePath: String) { self.init(path: Self.path(forStore: storePath)) }

    /// `…/switchboard.sqlite` → `…/switchboard.secrets.json` (a name without an
    /// extension gets `.secrets.json` appended).
    public static func path(forStore storePath: String) -> String {
        let url = URL(fileURLWithPath: storePath)
        let base = url.pathExtension.isEmpty ? url.lastPathComponent : url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base + ".secrets.json").path
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The values (none when the file doesn't exist yet).
    public func load() throws(SecretsFileError) -> SecretValues {
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT { return SecretValues() }
            throw failure("it can't be read (\(String(cString: strerror(errno))))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw failure("it is not a regular file; remove it and set the secrets again")
        }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw failure("\(path) is readable by others (mode \(String(mode, radix: 8).leftPadded(to: 4))); run `chmod 600 \(path)` and try again", whole: true)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("it can't be read (check its owner)") }
        if data.isEmpty { return SecretValues() }
        guard let document = try? JSONValue(parsing: Array(data)), let object = document.objectValue else {
            throw failure("it is not valid JSON; fix it or remove it and set the secrets again")
        }
        func strings(_ value: JSONValue?, _ what: String) throws(SecretsFileError) -> [String: String] {
            guard let value else { return [:] }
            guard let object = value.objectValue else { throw failure("\(what) must be an object of name → value") }
            var result: [String: String] = [:]
            for (name, entry) in object {
                guard let text = entry.stringValue else { throw failure("\(what).\(name) must be a string") }
                result[name] = text
            }
            return result
        }
        var values = SecretValues(defaults: try strings(object["default"], "default"))
        if let environments = object["environments"] {
            guard let list = environments.objectValue else { throw failure("environments must be an object of environment → values") }
            for (name, entry) in list { values.byEnvironment[name] = try strings(entry, "environments.\(name)") }
        }
        return values
    }

    /// Reads, changes and writes the values under an exclusive lock.
    public func update(_ change: (inout SecretValues) -> Void) throws(SecretsFileError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw failure("can't create the folder \(folder)")
            }
        }
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw failure("can't create its lock file (\(String(cString: strerror(errno))))") }
        defer { close(lock) }
        guard flock(lock, LOCK_EX) == 0 else { throw failure("can't lock it (\(String(cString: strerror(errno))))") }
        var values = try load()
        change(&values)
        try write(values)
    }

    /// Writes the whole file: a temporary file created 0600 (and fchmod'ed to
    /// 0600 before a byte is written, whatever the umask), synced, renamed over.
    func write(_ values: SecretValues) throws(SecretsFileError) {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("can't create \(temporary) (\(String(cString: strerror(errno))))") }
        var written = false
        defer {
            if !written { unlink(temporary) }
        }
        guard fchmod(descriptor, 0o600) == 0 else {
            close(descriptor)
            throw failure("can't make \(temporary) private (\(String(cString: strerror(errno))))")
        }
        let bytes = Array((Self.document(values).prettyText + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { posixWrite(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 {
                close(descriptor)
                throw failure("can't write it (\(String(cString: strerror(errno))))")
            }
            offset += count
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else { throw failure("can't replace it (\(String(cString: strerror(errno))))") }
        written = true
    }

    static func document(_ values: SecretValues) -> JSONValue {
        func object(_ values: [String: String]) -> JSONValue {
            .object(JSONObject(values.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) }))
        }
        return .object([
            "format": "switchboard-secrets",
            "version": 1,
            "default": object(values.defaults),
            "environments": .object(JSONObject(values.byEnvironment.sorted { $0.key < $1.key }.map { (key: $0.key, value: object($0.value)) })),
        ])
    }

    func failure(_ detail: String, whole: Bool = false) -> SecretsFileError {
        SecretsFileError(path: path, message: whole ? detail : "the secrets file \(path) can't be used: \(detail)")
    }
}

/// `write(2)`, named apart from `SecretsFile.write`.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
