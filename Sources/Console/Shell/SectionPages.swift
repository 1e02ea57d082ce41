import Screen

/// The thin dispatch from the shell to the page of the open section. The
/// Actions page's keys and drawing are in Actions/ (its state is still in
/// `ConsoleState`, and the shell routes to it by default); every other
/// section's page lives in its own folder and is reached only through here.
///
/// To add a section: a case in `Section`, its page state in `ConsoleState`,
/// and a branch in each function below.
enum SectionPages {
    /// The open page has a form or dialog that takes every key (section keys too).
    static func holdsKeys(_ state: ConsoleState) -> Bool {
        switch state.section {
        case .actions: return false
        case .agents: return state.agents.holdsKeys
        case .calls: return state.calls.holdsKeys
        case .secrets: return state.secrets.holdsKeys
        case .webhooks: return state.webhooks.holdsKeys
        }
    }

    /// The open page is taking text (a filter being typed, or a form or
    /// question): printable keys are the page's before any global key (`E`,
    /// the sidebar's j/k). One rule for every page, so a new page with a
    /// filter can't forget to be on a list.
    static func capturesText(_ state: ConsoleState) -> Bool {
        if holdsKeys(state) { return true }
        switch state.section {
        case .actions: return state.filtering
        case .agents: return state.agents.filtering
        case .calls: return state.calls.filtering
        case .secrets: return false
        case .webhooks: return state.webhooks.filtering
        }
    }

    /// Keys for the open page; nil for the Actions page (the shell's own path).
    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch state.section {
        case .actions: return nil
        case .agents: return AgentsPage.handle(event, &state)
        case .calls: return CallsPage.handle(event, &state)
        case .secrets: return SecretsPage.handle(event, &state)
        case .webhooks: return WebhooksPage.handle(event, &state)
        }
    }

    /// Store answers for the pages; nil for messages that are not theirs.
    static func receive(_ message: ConsoleMessage, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch message {
        case .agentsLoaded, .agentSaved, .agentDeleted, .agentFailed:
            return AgentsPage.receive(message, &state)
        case .callsLoaded, .callOpened, .callExported, .callExportWouldReplace, .callFailed:
            return CallsPage.receive(message, &state)
        case .demoWorkspaceLoaded:
            return DemoOffer.receive(message, &state)
        case .secretsLoaded, .secretsChanged, .secretRevealed, .secretsFailed:
            return SecretsPage.receive(message, &state)
        case .webhooksLoaded, .webhookSaved, .webhookDeleted, .webhookFailed:
            return WebhooksPage.receive(message, &state)
        case .deliveriesLoaded, .deliveryOpened, .testDeliveryFinished, .deliveryResent, .deliveriesChanged:
            return DeliveryLogPage.receive(message, &state)
        default:
            return nil
        }
    }

    /// Runs a palette command or key on the open page; nil when the shell's
    /// own `run` has it (the Actions page's commands, help, quit, focus).
    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case let .goTo(section): return Sidebar.goTo(section, &state)
        case .newAgent: return AgentsPage.newAgent(&state)
        case .editAgent: return AgentsPage.editAgent(&state)
        case .deleteAgent: return AgentsPage.deleteAgent(&state)
        case .callAgent: return AgentsPage.callAgent(&state)
        case .openCall: return CallsPage.openSelected(&state)
        case .exportCall: return CallsPage.askExportPath(&state)
        case .newSecret: return SecretsPage.newSecret(&state)
        case .newEnvironment: return SecretsPage.newEnvironment(&state)
        case .secretsTab: return SecretsPage.showTab(.secrets, &state)
        case .environmentsTab: return SecretsPage.showTab(.environments, &state)
        case .chooseEnvironment: return EnvironmentSwitch.openPicker(&state)
        case let .useEnvironment(name): return EnvironmentSwitch.use(name, &state)
        case .newWebhook: return WebhooksPage.newWebhook(&state)
        case .editWebhook: return WebhooksPage.editWebhook(&state)
        case .deleteWebhook: return WebhooksPage.deleteWebhook(&state)
        case .toggleWebhook: return WebhooksPage.toggleWebhook(&state)
        case .testWebhook: return WebhooksPage.testWebhook(&state)
        case .openDeliveryLog: return WebhooksPage.openDeliveryLog(&state)
        case .loadDemoWorkspace: return DemoOffer.load(&state)
        default: break
        }
        switch (state.section, command) {
        case (.agents, .filter):
            state.focus = .page
            state.agents.filtering = true
        case (.agents, .clearFilter):
            state.agents.filtering = false
            state.agents.filter.setText("")
            state.agents.refilter()
        case (.agents, .reload):
            state.status = StatusMessage("Reloading agents…", kind: .info)
            return [.loadAgents]
        case (.calls, .filter):
            state.focus = .page
            state.calls.filtering = true
        case (.calls, .clearFilter):
            state.calls.filtering = false
            state.calls.filter.setText("")
            CallsPage.refilter(&state)
        case (.calls, .reload):
            state.status = StatusMessage("Reloading calls…", kind: .info)
            return [.loadCalls] + (state.calls.view.map { [.openCall($0.record.id)] } ?? [])
        case (.secrets, .reload):
            state.status = StatusMessage("Reloading secrets…", kind: .info)
            return [.loadSecrets]
        case (.webhooks, .filter):
            state.focus = .page
            state.webhooks.log = nil
            state.webhooks.filtering = true
        case (.webhooks, .clearFilter):
            state.webhooks.filtering = false
            state.webhooks.filter.setText("")
            state.webhooks.refilter()
        case (.webhooks, .reload):
            state.status = StatusMessage("Reloading webhooks…", kind: .info)
            return [.loadWebhooks] + DeliveryLogPage.refreshes(state).filter { $0 != .loadWebhooks }
        default:
            return nil
        }
        return []
    }

    /// Draws the open page; false for the Actions page (the shell draws it).
    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) -> Bool {
        switch state.section {
        case .actions: return false
        case .agents: AgentsPageRenderer.render(state, layout, &buffer)
        case .calls: CallsPageRenderer.render(state, layout, &buffer)
        case .secrets: SecretsPageRenderer.render(state, layout, &buffer)
        case .webhooks: WebhooksPageRenderer.render(state, layout, &buffer)
        }
        return true
    }

    /// The hint bar for the open page; nil for the Actions page.
    static func hints(_ state: ConsoleState) -> [KeyHint]? {
        switch state.section {
        case .actions: return nil
        case .agents: return AgentsPageRenderer.hints(state)
        case .calls: return CallsPageRenderer.hints(state)
        case .secrets: return SecretsPageRenderer.hints(state)
        case .webhooks: return WebhooksPageRenderer.hints(state)
        }
    }

    /// The help screen's sections for the open page; nil for the Actions page.
    static func helpSections(_ state: ConsoleState) -> [HelpSection]? {
        switch state.section {
        case .actions: return nil
        case .agents: return AgentsPageRenderer.helpSections(state)
        case .calls: return CallsPageRenderer.helpSections(state)
        case .secrets: return SecretsPageRenderer.helpSections(state)
        case .webhooks: return WebhooksPageRenderer.helpSections(state)
        }
    }

    static func helpTitle(_ state: ConsoleState) -> String {
        if state.section == .agents, let form = state.agents.form { return form.title }
        if state.section == .secrets, let form = state.secrets.form { return form.title }
        if state.section == .webhooks, let form = state.webhooks.form { return form.title }
        return state.section.title
    }

    /// Every page's shared keys: focus, help, palette, reload, quit. nil for others.
    static func commonKey(_ key: Key, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch key {
        case .tab, .backTab: state.focus = state.focus == .page ? .sidebar : .page
        case .character("h"), .left: state.focus = .sidebar
        case .character("l"), .right: state.focus = .page
        case .character("?"), .function(1): return Shell.run(.help, &state)
        case .character(":"), .ctrl("p"): Shell.openPalette(&state)
        case .ctrl("r"), .function(5): return Shell.run(.reload, &state)
        case .character("q"), .ctrl("c"): return Shell.run(.quit, &state)
        default: return nil
        }
        return []
    }
}

extension Shell {
    static func handleCommonKey(_ key: Key, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        SectionPages.commonKey(key, &state)
    }
}
