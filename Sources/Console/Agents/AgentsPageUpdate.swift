import ActionModel
import Screen

/// The Agents page's reaction to keys and store answers.
enum AgentsPage {
    static func readOnlyMessage(_ verb: String) -> String { "Read-only store: can't \(verb) agents" }

    // MARK: Commands

    /// The checklist of the agent form: every action, by name.
    static func actionChoices(_ state: ConsoleState) -> [AgentActionChoice] {
        state.actions.index.orders[SortColumn.name.rawValue].map {
            let action = state.actions.index.actions[$0]
            return AgentActionChoice(id: action.id, name: action.name, functionName: action.functionName)
        }
    }

    static func takenNames(_ state: ConsoleState, except id: AgentID?) -> Set<String> {
        Set(state.agents.entries.filter { $0.id != id }.map { $0.name.lowercased() })
    }

    /// What the engine picker offers: the Models page's list; nil until read.
    static func engines(_ state: ConsoleState) -> [EngineChoice]? {
        state.models.loaded ? state.models.entries.map { EngineChoice($0.model) } : nil
    }

    /// The models, read when a form opens before they are known (the picker needs them).
    static func modelsIfUnknown(_ state: ConsoleState) -> [ConsoleEffect] { state.models.loaded ? [] : [.models(.load)] }

    static func newAgent(_ state: inout ConsoleState) -> [ConsoleEffect] {
        if state.readOnly {
            state.status = StatusMessage(readOnlyMessage("create"), kind: .error)
            return []
        }
        state.agents.filtering = false
        state.focus = .page
        state.agents.form = AgentFormState(creating: actionChoices(state), takenNames: takenNames(state, except: nil),
                                           engines: engines(state))
        return modelsIfUnknown(state)
    }

    static func editAgent(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let agent = state.agents.selectedAgent else {
            state.status = StatusMessage("No agent selected to edit", kind: .info)
            return []
        }
        if state.readOnly {
            state.status = StatusMessage(readOnlyMessage("edit"), kind: .error)
            return []
        }
        state.agents.filtering = false
        state.focus = .page
        state.agents.form = AgentFormState(editing: agent, choices: actionChoices(state),
                                           takenNames: takenNames(state, except: agent.id), engines: engines(state))
        return modelsIfUnknown(state)
    }

    /// A call with the selected agent: it greets and may use the actions it is allowed.
    static func callAgent(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let agent = state.agents.selectedAgent else {
            state.status = StatusMessage("No agent selected to call", kind: .info)
            return []
        }
        return Shell.startCall(agentID: agent.id, agentName: agent.name, &state)
    }

    static func deleteAgent(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let agent = state.agents.selectedAgent else {
            state.status = StatusMessage("No agent selected to delete", kind: .info)
            return []
        }
        if state.readOnly {
            state.status = StatusMessage(readOnlyMessage("delete"), kind: .error)
            return []
        }
        if agent.isDefault {
            state.status = StatusMessage("'\(agent.name)' is the default agent: it can't be deleted; press ⏎ to edit it instead",
                                         kind: .error, ticks: StatusMessage.lifetime * 2)
            return []
        }
        state.agents.filtering = false
        state.agents.confirmDelete = agent
        return []
    }

    // MARK: Store answers

    static func receive(_ message: AgentsMessage, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch message {
        case let .loaded(agents):
            loaded(agents, &state)
            if let form = state.agents.form {
                let taken = takenNames(state, except: form.draftID)
                state.agents.form?.takenNames = taken
            }
        case let .saved(agent):
            state.agents.list.upsert(agent)
            return saved(agent, status: "Saved agent '\(agent.name)'", &state)
        case let .deleted(id):
            let name = state.agents.list.entry(id)?.name ?? id.rawValue
            removed(id, &state)
            state.status = StatusMessage("Deleted agent '\(name)'", kind: .success)
        case let .failed(failure):
            // A delete refused because the agent changed elsewhere: show the list as it is now.
            if failed(failure, &state) {
                ensureVisible(&state)
                return [.agents(.load)]
            }
        }
        ensureVisible(&state)
        return []
    }

    /// The store's models (the Models page's answer, routed here too): the
    /// engine picker offers them.
    static func modelsLoaded(_ entries: [ModelListEntry], _ state: inout ConsoleState) {
        state.agents.form?.engines = entries.map { EngineChoice($0.model) }
    }
}
