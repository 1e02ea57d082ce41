import ActionModel
import ActionStore
import Console

// The store work of the Actions page.

extension ConsoleRuntime {
    /// Performs an actions effect; the message to send back.
    static func performActionsEffect(_ effect: ActionsEffect, on store: ActionStore) -> ActionsMessage {
        do {
            switch effect {
            case .load:
                // One damaged row must not hide the rest: they are listed, it is named.
                let (summaries, damaged) = try store.readableSummaries()
                return .loaded(ActionList(summaries, damaged: damaged))
            case let .open(id):
                let found: Action?
                do { found = try store.action(id: id) } catch StoreError.corrupt(let path, let detail) where path.isEmpty {
                    // The row, not the file, is damaged (a summary can list while its schema can't be read).
                    let notice = DamagedRow(id: id.rawValue, problem: detail).notice
                    return .failed(StoreFailure(reason: .other, message: "Can't open: " + notice, actionID: id))
                }
                guard let action = found else {
                    return .failed(StoreFailure(reason: .notFound, message: "Action \(id) is no longer in the store", actionID: id))
                }
                return .opened(action)
            case let .insert(action):
                return .saved(try store.insert(action))
            case let .update(action):
                return .saved(try store.update(action))
            case let .delete(id, expectedVersion):
                try store.delete(id: id, expectedVersion: expectedVersion)
                return .deleted(id)
            }
        } catch {
            return .failed(failure(for: error, actionID: effect.actionID))
        }
    }

    /// The ConsoleFailure for a store error: what the console shows and how it reacts.
    public static func failure(for error: StoreError, actionID: ActionID? = nil) -> StoreFailure {
        switch error {
        case let .conflict(id, _, current):
            return StoreFailure(reason: .conflict(current: current), message: error.message, actionID: id)
        case let .duplicateFunctionName(_, existing):
            return StoreFailure(reason: .duplicateFunctionName, message: error.message, actionID: actionID ?? existing)
        case .readOnly:
            return StoreFailure(reason: .readOnly, message: error.message, actionID: actionID)
        case .notFound:
            return StoreFailure(reason: .notFound, message: error.message, actionID: actionID)
        case .invalid:
            return StoreFailure(reason: .invalid, message: error.message, actionID: actionID)
        default:
            return StoreFailure(reason: .other, message: error.message, actionID: actionID)
        }
    }
}

extension ActionsEffect {
    /// The action an effect is about, for failure messages.
    var actionID: ActionID? {
        switch self {
        case let .insert(action), let .update(action): return action.id
        case let .delete(id, _), let .open(id): return id
        case .load: return nil
        }
    }
}
