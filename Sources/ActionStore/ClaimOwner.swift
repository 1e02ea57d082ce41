import Foundation

/// Who holds a webhook delivery's claim: `PID-UUID@pidns:INODE`, so a claim
/// left by a process that stopped without releasing it (`kill -9`, a crash)
/// can be recognised and taken over at once instead of after it runs out.
/// A claim whose holder may be alive — or can't be judged (another PID
/// namespace, such as a container sharing the file; an older owner format) —
/// is left alone until it expires.
public enum ClaimOwner {
    /// A fresh owner name for this process.
    public static func make() -> String {
        "\(getpid())-\(UUID().uuidString.lowercased())" + (pidNamespace.map { "@" + $0 } ?? "")
    }

    /// True only when `owner` names a process of this PID namespace that no longer exists.
    public static func hasStopped(_ owner: String) -> Bool {
        guard let at = owner.lastIndex(of: "@"), let ours = pidNamespace, owner[owner.index(after: at)...] == ours,
              let pid = Int32(owner.prefix(while: \.isNumber)), pid > 0
        else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// The PID of the process named in `owner`, for messages.
    public static func pid(_ owner: String) -> Int32? { Int32(owner.prefix(while: \.isNumber)) }

    /// This process's PID namespace (`pid:[4026531836]` → `pidns:4026531836`); nil where there is no /proc.
    static let pidNamespace: String? = {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid") else { return nil }
        let digits = target.filter(\.isNumber)
        return digits.isEmpty ? nil : "pidns:" + digits
    }()
}
