import ActionModel
import Screen

/// The Secrets page's reaction to keys and store answers.
enum SecretsPage {
    static func readOnlyMessage(_ verb: String) -> String { "Read-only store: can't \(verb)" }

    // MARK: Keys

    /// The question and the form take every key; the page's own keys are
    /// rows of `bindings`.
    static func handleKeys(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        if let question = state.secrets.question { return answer(question, event, &state) }
        if state.secrets.form != nil { return handleForm(event, &state) }
        return nil
    }

    /// The open environment's variables: n adds one, ⏎ edits, d deletes, u uses the environment.
    static func runVariables(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let environment = state.secrets.openedEnvironment else { return [] }
        switch command {
        case .moveDown, .pageDown, .moveToLast:
            let step = command == .moveDown ? 1 : command == .pageDown ? FilteredListKeys.tableRows(state) : 10_000
            state.secrets.variableSelection = min(environment.variables.count - 1, state.secrets.variableSelection + step)
        case .moveUp, .pageUp, .moveToFirst:
            let step = command == .moveUp ? 1 : command == .pageUp ? FilteredListKeys.tableRows(state) : 10_000
            state.secrets.variableSelection = max(0, state.secrets.variableSelection - step)
        case .closeEnvironment:
            state.secrets.openEnvironment = nil
        case .addVariable:
            guard writable("add variables", &state) else { return [] }
            state.secrets.form = SecretsForm(.variable(environment: environment.name, editing: nil), activeEnvironment: nil,
                                             takenNames: Set(environment.variables.map(\.name)))
        case .editVariable:
            guard let variable = state.secrets.selectedVariable else {
                state.status = StatusMessage("No variable selected: press n to add one", kind: .info)
                return []
            }
            guard writable("change variables", &state) else { return [] }
            state.secrets.form = SecretsForm(.variable(environment: environment.name, editing: variable.name),
                                             activeEnvironment: nil, variableValue: variable.value)
        case .deleteVariable:
            guard let variable = state.secrets.selectedVariable else { return [] }
            guard writable("delete variables", &state) else { return [] }
            state.secrets.question = .deleteVariable(environment: environment.name, name: variable.name)
        case .useSelectedEnvironment:
            return EnvironmentSwitch.use(environment.name, &state)
        default:
            return []
        }
        state.secrets.clamp()
        return []
    }

    /// `u` or Space on the Environments tab.
    static func useSelected(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let environment = state.secrets.selectedEnvironment else {
            state.status = StatusMessage("No environment selected: press n to create one", kind: .info)
            return []
        }
        return EnvironmentSwitch.use(environment.name, &state)
    }

    static func handleForm(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var form = state.secrets.form else { return [] }
        let outcome = form.handle(event)
        state.secrets.form = form
        switch outcome {
        case .none: return []
        case let .shell(command): return Shell.run(command, &state)
        case .cancel:
            state.secrets.form = nil
            state.secrets.pendingSave = false
            return []
        case let .submit(effect):
            if state.readOnly {
                state.secrets.form?.saving.failed()
                state.secrets.form?.message = "Not saved: " + readOnlyMessage("change secrets or environments")
                return []
            }
            state.secrets.pendingSave = true
            state.status = StatusMessage("Saving…", kind: .info)
            return [effect]
        }
    }

    /// The delete question's answer: the "Delete …? y/N" rows (`Dialogs.deleteAnswers`).
    static func answer(_ question: SecretsQuestion, _ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch Shell.confirmation(event) {
        case .yes?:
            state.secrets.question = nil
            switch question {
            case let .deleteSecret(name):
                state.status = StatusMessage("Deleting secret \(name)…", kind: .info)
                return [.secrets(.delete(name: name, environment: nil))]
            case let .deleteEnvironment(name):
                state.status = StatusMessage("Deleting environment \(name)…", kind: .info)
                return [.secrets(.deleteEnvironment(name))]
            case let .deleteVariable(environment, name):
                return [.secrets(.unsetVariable(environment: environment, name: name))]
            }
        case .no?:
            state.secrets.question = nil
        case .quit?:
            state.secrets.question = nil
            return Shell.run(.quit, &state)
        case nil:
            break
        }
        return []
    }

    // MARK: Commands

    /// Refuses a change on a read-only store, in the status line.
    static func writable(_ verb: String, _ state: inout ConsoleState) -> Bool {
        if state.readOnly { state.status = StatusMessage(readOnlyMessage(verb), kind: .error) }
        return !state.readOnly
    }

    static func newSecret(_ state: inout ConsoleState) -> [ConsoleEffect] {
        state.secrets.tab = .secrets
        guard writable("create secrets", &state) else { return [] }
        state.focus = .page
        state.secrets.form = SecretsForm(.newSecret, activeEnvironment: state.secrets.overview.activeEnvironment,
                                         takenNames: Set(state.secrets.overview.secrets.map(\.name)))
        return []
    }

    static func newEnvironment(_ state: inout ConsoleState) -> [ConsoleEffect] {
        state.secrets.tab = .environments
        state.secrets.openEnvironment = nil
        guard writable("create environments", &state) else { return [] }
        state.focus = .page
        state.secrets.form = SecretsForm(.newEnvironment, activeEnvironment: nil,
                                         takenNames: Set(state.secrets.overview.environments.map { $0.name.lowercased() }))
        return []
    }

    static func setValue(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let secret = state.secrets.selectedSecret else {
            state.status = StatusMessage("No secret selected: press n to create one", kind: .info)
            return []
        }
        guard writable("set secret values", &state) else { return [] }
        state.secrets.form = SecretsForm(.setValue(secret: secret.name, source: secret.fromEnvironmentVariable),
                                         activeEnvironment: state.secrets.overview.activeEnvironment)
        return []
    }

    static func openEnvironment(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let environment = state.secrets.selectedEnvironment else {
            state.status = StatusMessage("No environment selected: press n to create one", kind: .info)
            return []
        }
        state.secrets.openEnvironment = environment.name
        state.secrets.variableSelection = 0
        return []
    }

    /// Asks the runtime for the value; it is shown when `.secrets(.revealed)` comes back.
    static func reveal(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let secret = state.secrets.selectedSecret else {
            state.status = StatusMessage("No secret selected to reveal", kind: .info)
            return []
        }
        state.secrets.pendingReveal = secret.name
        return [.secrets(.reveal(name: secret.name))]
    }

    static func askDelete(_ state: inout ConsoleState) -> [ConsoleEffect] {
        let page = state.secrets
        switch page.tab {
        case .secrets:
            guard let secret = page.selectedSecret else { return [] }
            guard writable("delete secrets", &state) else { return [] }
            state.secrets.question = .deleteSecret(secret.name)
        case .environments:
            guard let environment = page.selectedEnvironment else { return [] }
            guard writable("delete environments", &state) else { return [] }
            state.secrets.question = .deleteEnvironment(environment.name)
        }
        return []
    }

    static func showTab(_ tab: SecretsTab, _ state: inout ConsoleState) -> [ConsoleEffect] {
        state.secrets.tab = tab
        state.secrets.openEnvironment = nil
        state.focus = .page
        return []
    }

    // MARK: The revealed value

    /// The next key after a reveal only hides the value again (and drops it
    /// from the state); a reveal still on its way is forgotten too. True when
    /// the key was used up that way.
    static func hideRevealed(on event: InputEvent, _ state: inout ConsoleState) -> Bool {
        if case .resize = event { return false }
        state.secrets.pendingReveal = nil
        guard state.secrets.revealed != nil else { return false }
        state.secrets.revealed = nil
        return true
    }

    static func tick(_ state: inout ConsoleState) {
        guard var revealed = state.secrets.revealed else { return }
        revealed.ticksLeft -= 1
        state.secrets.revealed = revealed.ticksLeft > 0 ? revealed : nil
    }

    // MARK: Store answers

    static func receive(_ message: SecretsMessage, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch message {
        case let .loaded(overview):
            apply(overview, &state)
        case let .changed(overview, done):
            apply(overview, &state)
            state.status = StatusMessage(done, kind: .success)
            if state.secrets.pendingSave {
                state.secrets.pendingSave = false
                // Keys typed while the save was under way keep the form open with them.
                switch state.secrets.form?.saved(done) {
                case nil: state.secrets.form = nil
                case let .submit(effect)?:
                    state.secrets.pendingSave = true
                    state.status = StatusMessage("Saving…", kind: .info)
                    return [effect]
                default: break
                }
            }
        case let .revealed(name, value):
            // Only the secret asked for, and only if no key came since.
            guard state.secrets.pendingReveal == name, state.section == .secrets else { return [] }
            state.secrets.pendingReveal = nil
            state.secrets.revealed = RevealedSecret(name: name, value: value)
        case let .failed(text):
            state.secrets.pendingReveal = nil
            if state.secrets.pendingSave, state.secrets.form != nil {
                state.secrets.form?.saving.failed()
                state.secrets.form?.message = "Not saved: " + text
                state.secrets.pendingSave = false
            }
            state.status = StatusMessage(text, kind: .error, ticks: StatusMessage.lifetime * 2)
        }
        return []
    }

    /// Takes the store's overview, keeping each cursor on the same name.
    static func apply(_ overview: SecretsOverview, _ state: inout ConsoleState) {
        let secret = state.secrets.selectedSecret?.name
        let environment = state.secrets.selectedEnvironment?.name
        let variable = state.secrets.selectedVariable?.name
        state.secrets.overview = overview
        state.secrets.loaded = true
        if let secret, let row = overview.secrets.firstIndex(where: { $0.name == secret }) { state.secrets.secretSelection = row }
        if let environment, let row = overview.environments.firstIndex(where: { $0.name == environment }) {
            state.secrets.environmentSelection = row
        }
        if let variable, let row = state.secrets.openedEnvironment?.variables.firstIndex(where: { $0.name == variable }) {
            state.secrets.variableSelection = row
        }
        state.secrets.clamp()
        // The action form warns about references with what is defined now.
        state.actions.editor?.templateNames = overview.names
    }

    static func move(_ state: inout ConsoleState, by delta: Int) {
        state.focus = .page
        switch state.secrets.tab {
        case .secrets: state.secrets.secretSelection += delta
        case .environments: state.secrets.environmentSelection += delta
        }
        state.secrets.clamp()
    }
}
