import ActionModel

/// Why a store operation did not go through, worded for the person at the keyboard.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file exists but is not a Switchboard store (another program's SQLite file, or not SQLite at all).
    case notSwitchboardDatabase(path: String, detail: String)
    case corrupt(path: String, detail: String)
    /// Written by a newer Switchboard: this one doesn't know its latest migrations.
    case newerSchema(path: String, unknownMigrations: [String])
    case readOnly(path: String, reason: String)
    /// The action changed (or was deleted, `current` nil) since the version the caller read.
    case conflict(id: ActionID, name: String, current: Action?)
    case duplicateFunctionName(String, existing: ActionID)
    /// An agent changed since it was read.
    case agentConflict(name: String, currentVersion: Int)
    /// A webhook changed since it was read.
    case webhookConflict(label: String, currentVersion: Int)
    /// A webhook that can't be saved: each problem names the field and the fix.
    case webhookInvalid([String])
    case notFound(String)
    case invalid([FieldIssue])
    /// A request that isn't about an action's fields (an environment or secret name, a variable), with what to do.
    case rejected(String)
    case io(path: String, detail: String)
    /// SQLite could not write: the disk (or the store's quota) is full.
    case diskFull(path: String)
    /// The store's location itself is unusable (empty, a bad URL, a missing folder): the whole message.
    case location(String)
    /// A PostgreSQL store's server can't be reached now (down, restarting, too
    /// slow): nothing was written, and trying again later may work.
    case unreachable(path: String, detail: String)

    public var message: String {
        switch self {
        case let .notSwitchboardDatabase(path, detail):
            return "\(path) is not a Switchboard store (\(detail)). It was left untouched; pass another file with --store PATH."
        case let .corrupt(path, detail) where path.isEmpty:
            // One row, not the file: the rest reads fine, so no "restore a backup".
            return "\(detail). That row is damaged; the rest of the store can still be read: `switchboard actions list` names every damaged row, and `switchboard actions delete ID` removes one."
        case let .corrupt(path, detail):
            return "\(path) is damaged and can't be read (\(detail)). It was left untouched; restore a backup or pass another file with --store PATH."
        case let .newerSchema(path, unknown):
            return "\(path) was written by a newer Switchboard (it has migrations \(unknown.joined(separator: ", ")) that this version doesn't know). It was left untouched; upgrade switchboard to use it."
        case let .readOnly(path, reason):
            return "can't change \(path): \(reason). Listing and showing still work."
        case let .conflict(id, name, current):
            if let current {
                return "'\(name)' (\(id)) was changed elsewhere since you read it (now version \(current.version)); nothing was written. Reload it and apply your change again."
            }
            return "'\(name)' (\(id)) was deleted elsewhere since you read it; nothing was written."
        case let .agentConflict(name, currentVersion):
            return "agent '\(name)' was changed elsewhere since you read it (now version \(currentVersion)); nothing was written. Reload it and apply your change again."
        case let .webhookConflict(label, currentVersion):
            return "webhook '\(label)' was changed elsewhere since you read it (now version \(currentVersion)); nothing was written. Reload it and apply your change again."
        case let .webhookInvalid(problems):
            return problems.joined(separator: "\n")
        case let .duplicateFunctionName(name, existing):
            return "function name '\(name)' is already used by \(existing); pick another with --function-name."
        case let .notFound(what):
            return "no \(what)."
        case let .invalid(issues):
            return issues.map(\.description).joined(separator: "\n")
        case let .rejected(message):
            return message
        case let .io(path, detail):
            return "can't open \(path): \(detail)"
        case let .diskFull(path):
            return "disk full: \(path) could not be written, so the change was not saved; free some space and try again"
        case let .location(message):
            return message
        case let .unreachable(path, detail):
            return "the store \(path) is unreachable: \(detail). Nothing was written; check that the server is up and try again."
        }
    }

    public var description: String { message }

    /// True when the request itself was wrong (exit code 1), false for problems
    /// with the store (exit code 2).
    public var isInputProblem: Bool {
        switch self {
        case .invalid, .rejected, .webhookInvalid, .duplicateFunctionName, .notFound: return true
        default: return false
        }
    }
}
