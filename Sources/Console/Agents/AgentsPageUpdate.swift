import ActionModel
import Screen

/// The Agents page's reaction to keys and store answers.
enum AgentsPage {
    static func readOnlyMessage(_ verb: String) -> String { "Read-only store: can't \(verb) agents" }

    // MARK: Keys

    /// The form, the delete question and the filter being typed take every
    /// key; on the list only a paste (it starts a filter): the list's keys
    /// are rows of `bindings`.
    static func handleKeys(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        if let agent = state.agents.confirmDelete { return answerDelete(agent, event, &state) }
        if state.agents.form != nil { return handleForm(event, &state) }
        if state.agents.filtering { return handleFilter(event, &state) }
        if case let .paste(text) = event {
            FilteredListKeys.pasteStartsFilter(text, &state, \.agents) { $0.agents.refilter() }
            return []
        }
        return nil
    }

    static func handleFilter(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        FilteredListKeys.handleFilter(event, &state, \.agents, refilter: { $0.agents.refilter() })
    }

    static func handleForm(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var form = state.agents.form else { return [] }
        if case let .key(key) = event, form.question == nil,
           let effects = Shell.formShellKey(key, capturesTextInput: form.capturesTextInput, &state) {
            return effects
        }
        let outcome = form.handle(event)
        state.agents.form = form
        if outcome == .none, Shell.isSaveKey(event) { Shell.saveRefused(&state) }
        return apply(outcome, &state)
    }

    /// What the page does with the form's answer (to a key, or to a save landing).
    static func apply(_ outcome: AgentFormOutcome, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch outcome {
        case .none:
            return []
        case let .save(agent, isNew):
            if state.readOnly {
                Shell.saveRefused(&state)
                state.agents.form?.saving.failed()
                state.agents.form?.message = "Not saved: " + readOnlyMessage("save")
                return []
            }
            state.agents.pendingSave = agent.id
            return [isNew ? .insertAgent(agent) : .updateAgent(agent)]
        case .close:
            let id = state.agents.form?.original?.id
            state.agents.form = nil
            state.agents.pendingSave = nil
            state.focus = .page
            state.agents.refilter(keeping: id)
            ensureVisible(&state)
            return []
        }
    }

    static func answerDelete(_ agent: Agent, _ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch Shell.confirmation(event) {
        case .yes?:
            state.agents.confirmDelete = nil
            state.status = StatusMessage("Deleting agent '\(agent.name)'…", kind: .info)
            return [.deleteAgent(agent)]
        case .no?:
            state.agents.confirmDelete = nil
        case .quit?:
            state.agents.confirmDelete = nil
            return Shell.run(.quit, &state)
        case nil:
            break
        }
        return []
    }

    // MARK: Commands

    /// The checklist of the agent form: every action, by name.
    static func actionChoices(_ state: ConsoleState) -> [AgentActionChoice] {
        state.actions.index.orders[SortColumn.name.rawValue].map {
            let action = state.actions.index.actions[$0]
            return AgentActionChoice(id: action.id, name: action.name, functionName: action.functionName)
        }
    }

    static func takenNames(_ state: ConsoleState, except id: AgentID?) -> Set<String> {
        Set(state.agents.agents.filter { $0.id != id }.map { $0.name.lowercased() })
    }

    static func newAgent(_ state: inout ConsoleState) -> [ConsoleEffect] {
        if state.readOnly {
            state.status = StatusMessage(readOnlyMessage("create"), kind: .error)
            return []
        }
        state.agents.filtering = false
        state.focus = .page
        state.agents.form = AgentFormState(creating: actionChoices(state), takenNames: takenNames(state, except: nil))
        state.agents.pendingSave = nil
        return []
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
                                           takenNames: takenNames(state, except: agent.id))
        state.agents.pendingSave = nil
        return []
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

    static func receive(_ message: ConsoleMessage, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch message {
        case let .agentsLoaded(agents):
            let keep = state.agents.selectedAgent?.id
            state.agents.agents = agents
            state.agents.loaded = true
            state.agents.refilter(keeping: keep)
            if let form = state.agents.form {
                let taken = takenNames(state, except: form.draftID)
                state.agents.form?.takenNames = taken
            }
        case let .agentSaved(agent):
            var next = AgentFormOutcome.none
            if let at = state.agents.agents.firstIndex(where: { $0.id == agent.id }) {
                state.agents.agents[at] = agent
            } else {
                state.agents.agents.append(agent)
            }
            state.agents.loaded = true
            state.agents.refilter(keeping: agent.id)
            if let form = state.agents.form, agent.id == form.draftID || agent.id == state.agents.pendingSave {
                state.agents.pendingSave = nil
                // A Ctrl-S pressed while this save was under way is sent now.
                next = state.agents.form?.saved(agent) ?? .none
            }
            state.status = StatusMessage("Saved agent '\(agent.name)'", kind: .success)
            if next != .none {
                ensureVisible(&state)
                return apply(next, &state)
            }
        case let .agentDeleted(id):
            let name = state.agents.agents.first { $0.id == id }?.name ?? id.rawValue
            let keep = state.agents.selectedAgent?.id
            state.agents.agents.removeAll { $0.id == id }
            state.agents.refilter(keeping: keep)
            state.status = StatusMessage("Deleted agent '\(name)'", kind: .success)
        case let .agentFailed(failure):
            if let form = state.agents.form, state.agents.pendingSave != nil,
               failure.agentID == nil || failure.agentID == form.draftID || failure.agentID == state.agents.pendingSave {
                state.agents.form?.saveFailed(failure)
                state.agents.pendingSave = nil
            }
            state.status = StatusMessage(failure.message, kind: .error, ticks: StatusMessage.lifetime * 2)
            // A delete refused because the agent changed elsewhere: show the list as it is now.
            if state.agents.form == nil, case .conflict = failure.reason {
                ensureVisible(&state)
                return [.loadAgents]
            }
        default:
            return nil
        }
        ensureVisible(&state)
        return []
    }

    // MARK: The list

    static func tableRows(_ state: ConsoleState) -> Int { FilteredListKeys.tableRows(state) }

    static func move(_ state: inout ConsoleState, to row: Int) { FilteredListKeys.move(&state, \.agents, to: row) }

    static func ensureVisible(_ state: inout ConsoleState) { state.agents.ensureVisible(rows: tableRows(state)) }
}
