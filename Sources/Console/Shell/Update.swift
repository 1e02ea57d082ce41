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
        case let .models(message):
            // The agent form's engine picker offers the store's models too.
            if case let .loaded(entries) = message { AgentsPage.modelsLoaded(entries, &state) }
            return ModelsPage.receive(message, &state)
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
            return ActionsPage.receive(.failed(failure), &state)
        case let .store(.unreachable(message)):
            // The Actions page takes it as its own failure (an action save under
            // way did not go through either); the status line waits for the store.
            let effects = ActionsPage.receive(.failed(StoreFailure(reason: .other, message: message)), &state)
            state.status?.awaiting = .storeBack
            return effects
        case .store(.reachable):
            if state.status?.awaiting == .storeBack {
                state.status = StatusMessage("The store answers again; lists read afresh. Save what you typed.", kind: .success)
            }
            return []
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

    /// A key in a dialog runs its row's command (`Dialogs.keys`); the
    /// palette's search field takes what no row has.
    static func handleOverlay(_ overlay: Overlay, _ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let command = Dialogs.command(for: event, state) else {
            if case var .palette(palette) = overlay { return typeInPalette(&palette, event, &state) }
            return []
        }
        return runDialog(overlay, command, &state)
    }

    /// Runs a dialog's command (from a key's row).
    static func runDialog(_ overlay: Overlay, _ command: DialogCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch overlay {
        case let .createAction(dialog):
            return ActionsPage.runCreateDialog(dialog, command, &state)

        case let .confirmDelete(id, name, version):
            return ActionsPage.answerDelete(id: id, name: name, version: version, Shell.confirmation(command), &state)

        case .confirmQuit:
            state.overlay = nil
            // Ctrl-C here is the answer: twice quits.
            return command == .accept ? [.quit] : []

        case let .help(scroll):
            let lines = helpLineCount(state)
            let page = max(1, state.height - 8)  // the rows the help box shows
            var next = scroll
            switch command {
            case .cancel:
                state.overlay = nil
                return []
            case .quit:
                state.overlay = nil
                return run(.quit, &state)
            case .scrollDown: next += 1
            case .scrollUp: next -= 1
            case .pageDown: next += page
            case .pageUp: next -= page
            case .scrollToTop: next = 0
            case .scrollToEnd: next = lines
            default: break
            }
            state.overlay = .help(scroll: max(0, min(next, lines - page)))
            return []

        case var .palette(palette):
            switch command {
            case .cancel:
                state.overlay = nil
                return []
            case .quit:
                state.overlay = nil
                return run(.quit, &state)
            case .next: palette.selected += 1
            case .previous: palette.selected -= 1
            case .accept:
                let commands = Command.matching(palette.field.text, in: state)
                state.overlay = nil
                guard commands.indices.contains(palette.selected) else { return [] }
                return run(commands[palette.selected], &state)
            default: break
            }
            return keepPalette(palette, &state)

        case let .confirmHangUp(callID, quitting):
            return answerHangUp(callID, quitting: quitting, command, &state)

        case let .demoOffer(offer):
            return DemoOffer.run(offer, command, &state)

        case let .environmentPicker(picker):
            return EnvironmentSwitch.runPicker(picker, command, &state)
        }
    }

    /// Typing or pasting into the palette's search (a key no row has).
    static func typeInPalette(_ palette: inout Palette, _ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch event {
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
        return keepPalette(palette, &state)
    }

    /// The palette with its choice kept on one of the commands it offers.
    static func keepPalette(_ palette: Palette, _ state: inout ConsoleState) -> [ConsoleEffect] {
        var palette = palette
        let count = Command.matching(palette.field.text, in: state).count
        palette.selected = count == 0 ? 0 : (palette.selected % count + count) % count
        state.overlay = .palette(palette)
        return []
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
