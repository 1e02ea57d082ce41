import ActionModel
import Screen

/// The shell's reaction to each message: pure state changes plus the effects
/// the runtime must perform.
enum Shell {
    static func update(_ state: inout ConsoleState, _ message: ConsoleMessage) -> [ConsoleEffect] {
        // Until the store's actions arrive, the first message of any kind asks
        // for them (once), so the list never waits on a runtime that forgot.
        if !state.actions.loaded && !state.actions.loadRequested {
            state.actions.loadRequested = true
            if case .actions(.loaded) = message {} else { return [.actions(.load)] + handleMessage(&state, message) }
        }
        return handleMessage(&state, message)
    }

    static func handleMessage(_ state: inout ConsoleState, _ message: ConsoleMessage) -> [ConsoleEffect] {
        switch message {
        case let .input(event):
            return handle(event, &state)
        case .tick:
            if var status = state.status {
                status.ticksLeft -= 1
                state.status = status.ticksLeft > 0 ? status : nil
            }
            for page in Pages.all { page.tick(&state) }
            return []
        case let .clock(now):
            clock(now, &state)
            return []
        case let .curlCopied(copy):
            curlCopied(copy, &state)
            return []
        case let .call(activity): return receive(activity, &state)
        // A domain's messages go to its page, showing or not: store answers
        // arrive whenever they are ready.
        case let .actions(message): return ActionsPage.receive(message, &state)
        case let .agents(message): return AgentsPage.receive(message, &state)
        case let .calls(message): return CallsPage.receive(message, &state)
        case let .secrets(message): return SecretsPage.receive(message, &state)
        case let .webhooks(message): return WebhooksPage.receive(message, &state)
        case let .deliveries(message):
            // Two pages show deliveries: a call's go under the call opened on
            // the Calls page, a webhook's to its log on the Webhooks page.
            if case let .loaded(.call(id), entries) = message {
                CallsPage.deliveriesLoaded(of: id, entries, &state)
                return []
            }
            return DeliveryLogPage.receive(message, &state)
        case let .store(.demoWorkspaceLoaded(added, agentName)):
            return DemoOffer.loaded(actionsAdded: added, agentName: agentName, &state)
        case let .store(.failed(failure)):
            // A store-wide failure (unreachable) reaches the Actions page as
            // its own: the status line says it, and an action save under way
            // did not go through either.
            return ActionsPage.receive(.failed(failure), &state)
        }
    }

    // MARK: Input

    /// Keys go to the first that wants them: an open dialog, the call pane;
    /// then a page holding the keys (a form, a question) gets every key, and
    /// a page taking text (a filter) every key but the section keys; else the
    /// sidebar while it has the focus, the page's own handling (an open call,
    /// the delivery log, a paste), and last the keymap: the page's rows, then
    /// the rows of every page.
    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        if case let .resize(width, height) = event {
            state.width = max(0, width)
            state.height = max(0, height)
            for page in Pages.all { page.resized(&state) }
            return []
        }
        for page in Pages.all where page.intercept(event, &state) { return [] }
        if state.focus != .sidebar { state.sidebarChoice = nil }
        if let overlay = state.overlay { return handleOverlay(overlay, event, &state) }
        if state.callPane != nil { return handleCallPane(event, &state) }
        let page = Pages.current(state)
        if page.holdsKeys(state) { return page.handle(event, &state) ?? [] }
        if page.capturesText(state) {
            // The one rule: printable keys are the page's text; only the
            // section keys (F2…) leave a filter being typed.
            if case let .key(key) = event, case let .goTo(section)? = Keymap.command(for: key, in: state) {
                return Sidebar.goTo(section, &state)
            }
            return page.handle(event, &state) ?? []
        }
        if let effects = Sidebar.handle(event, &state) { return effects }
        if let effects = page.handle(event, &state) { return effects }
        guard case let .key(key) = event, let command = Keymap.command(for: key, in: state) else { return [] }
        return run(command, &state)
    }

    // MARK: Overlays

    static func handleOverlay(_ overlay: Overlay, _ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch overlay {
        case let .createAction(dialog):
            return ActionsPage.handleCreateDialog(dialog, event, &state)

        case let .confirmDelete(id, name, version):
            return ActionsPage.answerDelete(id: id, name: name, version: version, event, &state)

        case .confirmQuit:
            switch event {
            case .key(.character("y")), .key(.character("Y")), .key(.ctrl("c")):  // Ctrl-C twice quits
                state.overlay = nil
                return [.quit]
            case .key(.character("n")), .key(.character("N")), .key(.escape), .key(.enter), .key(.character("q")):
                state.overlay = nil
            default:
                break
            }
            return []

        case let .help(scroll):
            let lines = helpLineCount(state)
            let page = max(1, state.height - 8)  // the rows the help box shows
            var next = scroll
            switch event {
            case .key(.escape), .key(.character("q")), .key(.character("?")), .key(.enter), .key(.function(1)):
                state.overlay = nil
                return []
            case .key(.ctrl("c")):
                state.overlay = nil
                return run(.quit, &state)
            case .key(.down), .key(.character("j")): next += 1
            case .key(.up), .key(.character("k")): next -= 1
            case .key(.pageDown), .key(.character(" ")): next += page
            case .key(.pageUp): next -= page
            case .key(.home), .key(.character("g")): next = 0
            case .key(.end), .key(.character("G")): next = lines
            default: break
            }
            state.overlay = .help(scroll: max(0, min(next, lines - page)))
            return []

        case var .palette(palette):
            switch event {
            case .key(.escape):
                state.overlay = nil
                return []
            case .key(.ctrl("c")):
                state.overlay = nil
                return run(.quit, &state)
            case .key(.down), .key(.ctrl("n")), .key(.tab):
                palette.selected += 1
            case .key(.up), .key(.backTab):
                palette.selected -= 1
            case .key(.ctrl("p")):
                palette.selected -= 1
            case .key(.enter):
                let commands = Command.matching(palette.field.text, in: state)
                state.overlay = nil
                guard commands.indices.contains(palette.selected) else { return [] }
                return run(commands[palette.selected], &state)
            case let .paste(text):
                palette.field.insert(text)
                palette.selected = 0
            case let .key(key):
                let before = palette.field.text
                palette.field.handle(key)
                if palette.field.text != before { palette.selected = 0 }
            case .resize:
                break
            }
            let count = Command.matching(palette.field.text, in: state).count
            palette.selected = count == 0 ? 0 : (palette.selected % count + count) % count
            state.overlay = .palette(palette)
            return []

        case let .confirmHangUp(callID, quitting):
            return answerHangUp(callID, quitting: quitting, event, &state)

        case let .demoOffer(offer):
            return DemoOffer.handle(offer, event, &state)

        case let .environmentPicker(picker):
            return EnvironmentSwitch.handlePicker(picker, event, &state)
        }
    }

    static func openPalette(_ state: inout ConsoleState) {
        state.actions.filtering = false
        state.overlay = .palette(Palette())
    }

    static func helpLineCount(_ state: ConsoleState) -> Int {
        Renderer.helpRows(state).count
    }

    // MARK: Commands

    /// Runs a command from a key or the palette: the shell's own, then the
    /// page showing, then (for commands of no page, like "New secret") the
    /// page that has it.
    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect] {
        if (Pages.anyForm(state) || state.callPane != nil) && !command.worksInEditor { return [] }
        switch command {
        case let .goTo(section): return Sidebar.goTo(section, &state)
        case .chooseEnvironment: return EnvironmentSwitch.openPicker(&state)
        case let .useEnvironment(name): return EnvironmentSwitch.use(name, &state)
        case .loadDemoWorkspace: return DemoOffer.load(&state)
        case .focusSidebar: state.focus = .sidebar
        case .focusPage: state.focus = .page
        case .toggleFocus: state.focus = state.focus == .page ? .sidebar : .page
        case .openPalette: openPalette(&state)
        case .help:
            state.overlay = .help(scroll: 0)
        case .quit:
            if Pages.anyDirty(state) {
                state.overlay = .confirmQuit
                return []
            }
            return [.quit]
        default:
            let current = Pages.current(state)
            if let effects = current.run(command, &state) { return effects }
            // Filter, clear filter and reload mean the page showing only.
            guard !command.isForOpenPage else { return [] }
            for page in Pages.all where page.section != current.section {
                if let effects = page.run(command, &state) { return effects }
            }
        }
        return []
    }

}
