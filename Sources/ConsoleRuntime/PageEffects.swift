import ActionModel
import ActionStore
import CallDriver
import Console
import Foundation

// The store work of the Agents and Calls pages and the first-start demo offer.

extension ConsoleRuntime {
    /// What the console offers an empty store on first start.
    static let demoOffer = DemoWorkspaceOffer(actionCount: DemoWorkspace.actions.count, agentName: DemoWorkspace.agentName)

    /// Performs an agent, call or demo effect; the message to send back.
    static func performPageEffect(_ effect: ConsoleEffect, on store: ActionStore,
                                  currentDirectory: String = FileManager.default.currentDirectoryPath) -> ConsoleMessage? {
        switch effect {
        case .loadAgents:
            do { return .agentsLoaded(try store.allAgents()) } catch { return .agentFailed(agentFailure(error, agentID: nil)) }
        case let .insertAgent(agent):
            do { return .agentSaved(try store.insert(agent)) } catch { return .agentFailed(agentFailure(error, agentID: agent.id)) }
        case let .updateAgent(agent):
            do {
                return .agentSaved(try store.update(agent))
            } catch {
                return .agentFailed(agentFailure(error, agentID: agent.id, currentOf: agent, in: store))
            }
        case let .deleteAgent(agent):
            do {
                try store.delete(agent: agent)
                return .agentDeleted(agent.id)
            } catch {
                return .agentFailed(agentFailure(error, agentID: agent.id))
            }
        case .loadCalls:
            do {
                return .callsLoaded(try store.allCalls().map {
                    CallListEntry(call: $0.call, eventCount: $0.eventCount, actionIDs: $0.actionIDs,
                                  outcome: $0.lastResponse.map(CallOutcome.init(responseData:)))
                })
            } catch {
                return .callFailed(nil, message: "Calls could not be read: \(error.message)")
            }
        case let .openCall(id):
            do {
                let (call, events) = try store.call(id: id)
                return .callOpened(call, events)
            } catch {
                return .callFailed(id, message: error.message)
            }
        case let .exportCall(id, path, replacing):
            return exportCall(id, to: path, replacing: replacing, from: store, currentDirectory: currentDirectory)
        case .loadDemoWorkspace:
            do {
                let created = try DemoWorkspace.create(in: store)
                return .demoWorkspaceLoaded(actionsAdded: created.actions.count, agentName: created.agent.name)
            } catch {
                return .storeFailed(StoreFailure(reason: .other, message: "The demo workspace could not be loaded: \(error.message)"))
            }
        default:
            return nil
        }
    }

    /// Writes the call as `switchboard calls show --json` prints it.
    static func exportCall(_ id: CallID, to path: String, replacing: Bool, from store: ActionStore, currentDirectory: String) -> ConsoleMessage {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: currentDirectory).appendingPathComponent(path)
        let absolute = url.standardizedFileURL.path
        let document: JSONValue
        do {
            let (call, events) = try store.call(id: id)
            document = CallDocument.json(call, events: events)
        } catch {
            return .callFailed(id, message: error.message)
        }
        var isFolder: ObjCBool = false
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            return .callFailed(id, message: "Not exported: the folder \(folder) does not exist; create it or pick another path")
        }
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) {
            if isFolder.boolValue { return .callFailed(id, message: "Not exported: \(absolute) is a folder; add a file name") }
            if !replacing { return .callExportWouldReplace(id, path: path) }
        }
        do {
            try Data((document.prettyText + "\n").utf8).write(to: url, options: .atomic)
        } catch {
            return .callFailed(id, message: "Not exported: can't write \(absolute) (\(error.localizedDescription)); pick another path")
        }
        return .callExported(id, path: absolute)
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
