import ActionModel
import ActionStore
import CallDriver
import Console
import Foundation

// The store work of the Agents and Calls pages and of the store as a whole
// (the first-start demo offer): one handler each.

extension ConsoleRuntime {
    /// What the console offers an empty store on first start.
    static let demoOffer = DemoWorkspaceOffer(actionCount: DemoWorkspace.actions.count, agentName: DemoWorkspace.agentName)

    /// Performs an agents effect; the message to send back.
    static func performAgentsEffect(_ effect: AgentsEffect, on store: ActionStore) -> AgentsMessage {
        switch effect {
        case .load:
            do { return .loaded(try store.allAgents()) } catch { return .failed(agentFailure(error, agentID: nil)) }
        case let .insert(agent):
            do { return .saved(try store.insert(agent)) } catch { return .failed(agentFailure(error, agentID: agent.id)) }
        case let .update(agent):
            do {
                return .saved(try store.update(agent))
            } catch {
                return .failed(agentFailure(error, agentID: agent.id, currentOf: agent, in: store))
            }
        case let .delete(agent):
            do {
                try store.delete(agent: agent)
                return .deleted(agent.id)
            } catch {
                return .failed(agentFailure(error, agentID: agent.id))
            }
        }
    }

    /// Performs a calls (history) effect; the message to send back.
    static func performCallsEffect(_ effect: CallsEffect, on store: ActionStore,
                                   currentDirectory: String = FileManager.default.currentDirectoryPath) -> CallsMessage {
        switch effect {
        case .load:
            do {
                return .loaded(try store.allCalls().map {
                    CallListEntry(call: $0.call, eventCount: $0.eventCount, actionIDs: $0.actionIDs,
                                  outcome: $0.lastResponse.map(CallOutcome.init(responseData:)))
                })
            } catch {
                return .failed(nil, message: "Calls could not be read: \(error.message)")
            }
        case let .open(id):
            do {
                let (call, events) = try store.call(id: id)
                return .opened(call, events)
            } catch {
                return .failed(id, message: error.message)
            }
        case let .export(id, path, replacing):
            return exportCall(id, to: path, replacing: replacing, from: store, currentDirectory: currentDirectory)
        }
    }

    /// Performs a store-wide effect; the message to send back.
    static func performStoreEffect(_ effect: StoreEffect, on store: ActionStore) -> StoreMessage {
        switch effect {
        case .loadDemoWorkspace:
            do {
                let created = try DemoWorkspace.create(in: store)
                return .demoWorkspaceLoaded(actionsAdded: created.actions.count, agentName: created.agent.name)
            } catch {
                return .failed(StoreFailure(reason: .other, message: "The demo workspace could not be loaded: \(error.message)"))
            }
        }
    }

    /// Writes the call as `switchboard calls show --json` prints it.
    static func exportCall(_ id: CallID, to path: String, replacing: Bool, from store: ActionStore, currentDirectory: String) -> CallsMessage {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: currentDirectory).appendingPathComponent(path)
        let absolute = url.standardizedFileURL.path
        let document: JSONValue
        do {
            let (call, events) = try store.call(id: id)
            document = CallDocument.json(call, events: events)
        } catch {
            return .failed(id, message: error.message)
        }
        var isFolder: ObjCBool = false
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            return .failed(id, message: "Not exported: the folder \(folder) does not exist; create it or pick another path")
        }
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) {
            if isFolder.boolValue { return .failed(id, message: "Not exported: \(absolute) is a folder; add a file name") }
            if !replacing { return .exportWouldReplace(id, path: path) }
        }
        do {
            try Data((document.prettyText + "\n").utf8).write(to: url, options: .atomic)
        } catch {
            return .failed(id, message: "Not exported: can't write \(absolute) (\(error.localizedDescription)); pick another path")
        }
        return .exported(id, path: absolute)
    }

    /// An agent store error for the console; a conflict carries the agent as
    /// stored now (nil when it was deleted), read again here.
    static func agentFailure(_ error: StoreError, agentID: AgentID?, currentOf agent: Agent? = nil, in store: ActionStore? = nil) -> AgentFailure {
        switch error {
        case .agentConflict:
            let current = agent.flatMap { agent in store.flatMap { try? $0.agent(reference: agent.id.rawValue) } }
            return AgentFailure(reason: .conflict(current: current), message: error.message, agentID: agentID)
        case .notFound where agent != nil && (try? store?.agent(reference: agent!.id.rawValue)) == nil:
            // Updating an agent that is gone (not one of its actions): the same choice as a conflict.
            return AgentFailure(reason: .conflict(current: nil), message: error.message, agentID: agentID)
        case .notFound:
            return AgentFailure(reason: .notFound, message: error.message, agentID: agentID)
        case .readOnly:
            return AgentFailure(reason: .readOnly, message: error.message, agentID: agentID)
        case .invalid:
            return AgentFailure(reason: .invalid, message: error.message, agentID: agentID)
        default:
            return AgentFailure(reason: .other, message: error.message, agentID: agentID)
        }
    }
}
