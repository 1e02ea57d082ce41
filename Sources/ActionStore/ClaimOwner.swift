import Foundation

/// Who holds a webhook delivery's claim: `PID-UUID@boot:BOOT_ID/pidns:INODE`,
/// so a claim left by a process that stopped without releasing it (`kill -9`,
/// a crash) can be recognised and taken over at once instead of after it runs out.
///
/// The PID is only meaningful on the machine (boot) and in the PID namespace
/// that issued it: every host's first namespace has the same inode
/// (4026531836), so the namespace alone would let one machine of a team store
/// take over a live claim of another. The kernel's boot ID tells machines (and
/// boots) apart. A claim whose holder may be alive — or can't be judged
/// (another machine, another PID namespace such as a container sharing the
/// file, an older owner format) — is left alone until it expires.
public enum ClaimOwner {
    /// A fresh owner name for this process.
    public static func make() -> String {
        "\(getpid())-\(UUID().uuidString.lowercased())" + (pidNamespace.map { "@" + $0 } ?? "")
    }

    /// True only when `owner` names a process of this machine's boot and PID namespace that no longer exists.
    public static func hasStopped(_ owner: String) -> Bool {
        guard let at = owner.lastIndex(of: "@"), let ours = pidNamespace, owner[owner.index(after: at)...] == ours,
              let pid = Int32(owner.prefix(while: \.isNumber)), pid > 0
        else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// The PID of the process named in `owner`, for messages.
    public static func pid(_ owner: String) -> Int32? { Int32(owner.prefix(while: \.isNumber)) }

    /// Where this process's PIDs mean something: the boot
    /// (`/proc/sys/kernel/random/boot_id`) and the PID namespace
    /// (`pid:[4026531836]` → `pidns:4026531836`), as
    /// `boot:BOOT_ID/pidns:INODE`; nil where either can't be read (no /proc),
    /// and then no claim is ever judged stopped.
    static let pidNamespace: String? = {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid"),
              let boot = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
        else { return nil }
        let digits = target.filter(\.isNumber)
        let bootID = boot.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !digits.isEmpty, !bootID.isEmpty, bootID.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return nil }
        return "boot:\(bootID)/pidns:\(digits)"
    }()
}
