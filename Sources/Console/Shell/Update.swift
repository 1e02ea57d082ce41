import ActionModel
import Screen

/// The shell's reaction to each message: pure state changes plus the effects
/// the runtime must perform.
enum Shell {
    static func update(_ state: inout ConsoleState, _ message: ConsoleMessage) -> [ConsoleEffect] {
        // Until the store's actions arrive, the first message of any kind asks
        // for them (once), so the list never waits on a runtime that forgot.
        if !state.loaded && !state.loadRequested {
            state.loadRequested = true
            if case .actionsLoaded = message {} else { return [.loadActions] + handleMessage(&state, message) }
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
            SecretsPage.tick(&state)
            return []
        case let .actionsLoaded(list):
            let selected = state.tabs.map { selectedID($0, state.index) }
            let first = !state.loaded
            state.index = list.index
            state.loaded = true
            rebuildTabs(&state, keeping: selected)
            if let damaged = DamagedRow.statusLine(list.damaged) {
                // The healthy rows are listed; the damaged ones must not go unnoticed.
                state.status = StatusMessage(damaged, kind: .error, ticks: StatusMessage.lifetime * 3)
            }
            // No demo offer over a store that only looks empty because its rows are damaged.
            return first ? DemoOffer.afterFirstLoad(&state, hasDamagedRows: !list.damaged.isEmpty) : []
        case let .actionSaved(action):
            let selected = state.tabs.map { selectedID($0, state.index) }
            state.index.upsert(action.summary)
            state.loaded = true
            rebuildTabs(&state, keeping: selected)
            state.status = StatusMessage("Saved '\(action.name)'", kind: .success)
            if state.editor != nil, action.id == state.editorActionID || action.id == state.pendingEditorSave {
                state.editorActionID = action.id
                state.pendingEditorSave = nil
                // A Ctrl-S pressed while this save was under way is sent now.
                if let next = state.editor?.saved(action) { return apply(next, &state) }
            }
            return []
        case let .actionOpened(action):
            // Only the row asked for last, and only if nothing else took over.
            guard action.id == state.pendingOpen else { return [] }
            state.pendingOpen = nil
            if state.status?.text.hasPrefix("Opening '") == true { state.status = nil }
            let selected = state.tabs.map { selectedID($0, state.index) }
            state.index.upsert(action.summary)
            rebuildTabs(&state, keeping: selected)
            guard state.editor == nil, state.overlay == nil else { return [] }
            state.filtering = false
            state.editor = ActionEditorState(editing: action, existingFunctionNames: state.index.functionNames)
            if state.secrets.loaded { state.editor?.templateNames = state.secrets.overview.names }
            state.editorActionID = action.id
            state.pendingEditorSave = nil
            return []
        case let .actionDeleted(id):
            let selected = state.tabs.map { selectedID($0, state.index) }
            let removed = state.index.remove(id)
            rebuildTabs(&state, keeping: selected)
            state.status = StatusMessage("Deleted '\(removed?.name ?? id.rawValue)'", kind: .success)
            return []
        case let .storeFailed(failure) where failure.actionID != nil && failure.actionID == state.pendingOpen:
            // The action Enter asked for could not be read.
            state.pendingOpen = nil
            var message = failure.message
            if failure.reason == .notFound, let id = failure.actionID {
                let selected = state.tabs.map { selectedID($0, state.index) }
                if let removed = state.index.remove(id) {
                    message = "'\(removed.name)' was deleted elsewhere; it is gone from the list"
                }
                rebuildTabs(&state, keeping: selected)
            }
            state.status = StatusMessage(message, kind: .error, ticks: StatusMessage.lifetime * 2)
            return []
        case let .storeFailed(failure):
            let forEditor = state.editor != nil
                && (failure.actionID.map { $0 == state.editorActionID || $0 == state.pendingEditorSave }
                    ?? (state.pendingEditorSave != nil))
            if forEditor {
                state.editor?.saveFailed(failure)
                state.pendingEditorSave = nil
            }
            state.status = StatusMessage(failure.message, kind: .error, ticks: StatusMessage.lifetime * 2)
            return []
        case .agentsLoaded, .agentSaved, .agentDeleted, .agentFailed, .callsLoaded, .callOpened, .callExported, .callExportWouldReplace,
             .callFailed, .demoWorkspaceLoaded, .secretsLoaded, .secretsChanged, .secretRevealed, .secretsFailed,
             .webhooksLoaded, .webhookSaved, .webhookDeleted, .webhookFailed,
             .deliveriesLoaded, .deliveryOpened, .testDeliveryFinished, .deliveryResent, .deliveriesChanged:
            return SectionPages.receive(message, &state) ?? []
        case .call, .clock, .testRequestFinished, .curlCopied:
            return handleCallMessage(message, &state)
        }
    }

    // MARK: Input

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        if case let .resize(width, height) = event {
            state.width = max(0, width)
            state.height = max(0, height)
            clampAll(&state)
            return []
        }
        // A revealed secret is hidden again by the next key, whatever it is.
        if SecretsPage.hideRevealed(on: event, &state) { return [] }
        if state.focus != .sidebar { state.sidebarChoice = nil }
        if let overlay = state.overlay { return handleOverlay(overlay, event, &state) }
        if state.callPane != nil { return handleCallPane(event, &state) }
        if state.testPanel != nil, state.editor != nil { return handleTestPanel(event, &state) }
        if state.editor != nil { return handleEditor(event, &state) }
        if let effects = Sidebar.handle(event, &state) { return effects }
        if let effects = EnvironmentSwitch.handle(event, &state) { return effects }
        if let effects = SectionPages.handle(event, &state) { return effects }
        if state.filtering { return handleFilter(event, &state) }
        switch event {
        case let .paste(text):
            // Pasting on the list starts a filter with the text.
            state.filtering = true
            state.focus = .page
            state.current.filter.insert(text)
            refilter(&state)
            return []
        case let .key(key):
            return handleListKey(key, &state)
        case .resize:
            return []
        }
    }

    static func handleEditor(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var editor = state.editor else { return [] }
        if case let .key(key) = event {
            if key == .ctrl("c") { return run(.quit, &state) }
            // F1 and Ctrl-P always reach the shell; `q` and `?` only when the
            // editor isn't taking text, so they can be typed into a field.
            if !editor.hasOpenPrompt {
                if let effects = formShellKey(key, capturesTextInput: editor.capturesTextInput, &state) { return effects }
                if key == .ctrl("t"), editor.propertyForm == nil { return sendTestRequest(&state) }
            }
        }
        let outcome = editor.handle(event)
        state.editor = editor
        if outcome == .none, isSaveKey(event) { saveRefused(&state) }
        return apply(outcome, &state)
    }

    /// What the shell does with the editor's answer to an event.
    static func apply(_ outcome: ActionEditorOutcome, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch outcome {
        case .none:
            return []
        case let .save(action, isNew):
            if state.readOnly {
                saveRefused(&state)
                state.editor?.saveFailed(StoreFailure(reason: .readOnly, message: readOnlyMessage("save"), actionID: action.id))
                return []
            }
            state.pendingEditorSave = action.id
            if isNew { state.editorActionID = action.id }
            return [isNew ? .insert(action) : .update(action)]
        case .close:
            closeEditor(&state)
            return []
        }
    }

    static func closeEditor(_ state: inout ConsoleState) {
        let id = state.editorActionID
        state.editor = nil
        state.editorActionID = nil
        state.pendingEditorSave = nil
        state.focus = .page
        // Come back to the list on the action just worked on.
        if let id, let action = state.index.action(id) {
            state.tab = ActionsTab.of(action.kind)
            if let position = state.index.position(of: id), let row = state.current.visible.firstIndex(of: position) {
                state.current.selection = row
                ensureVisible(&state)
            }
        }
    }

    // MARK: Overlays

    static func handleOverlay(_ overlay: Overlay, _ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch overlay {
        case var .createAction(dialog):
            let kinds = ActionKind.allCases
            switch event {
            case .key(.escape), .key(.character("q")):
                state.overlay = nil
            case .key(.ctrl("c")):
                state.overlay = nil
                return run(.quit, &state)
            case .key(.down), .key(.character("j")):
                dialog.selected = min(kinds.count - 1, dialog.selected + 1)
                dialog.focus = .list
            case .key(.up), .key(.character("k")):
                dialog.selected = max(0, dialog.selected - 1)
                dialog.focus = .list
            case .key(.home), .key(.character("g")): dialog.selected = 0
            case .key(.end), .key(.character("G")): dialog.selected = kinds.count - 1
            case let .key(.character(c)) where ("1"..."5").contains(c):
                dialog.selected = Int(String(c))! - 1
            case .key(.tab), .key(.right):
                dialog.focus = dialog.focus == .list ? .continueButton : dialog.focus == .continueButton ? .cancelButton : .list
            case .key(.backTab), .key(.left):
                dialog.focus = dialog.focus == .list ? .cancelButton : dialog.focus == .cancelButton ? .continueButton : .list
            case .key(.enter), .key(.character(" ")):
                if dialog.focus == .cancelButton {
                    state.overlay = nil
                    return []
                }
                state.overlay = nil
                openEditor(creating: kinds[dialog.selected], &state)
                return []
            default:
                break
            }
            if state.overlay != nil { state.overlay = .createAction(dialog) }
            return []

        case let .confirmDelete(id, name, version):
            switch confirmation(event) {
            case .yes?:
                state.overlay = nil
                if state.readOnly {
                    state.status = StatusMessage(readOnlyMessage("delete"), kind: .error)
                    return []
                }
                state.status = StatusMessage("Deleting '\(name)'…", kind: .info)
                return [.delete(id, expectedVersion: version)]
            case .no?:
                state.overlay = nil
            case .quit?:
                state.overlay = nil
                return run(.quit, &state)
            case nil:
                break
            }
            return []

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
        state.filtering = false
        state.overlay = .palette(Palette())
    }

    static func helpLineCount(_ state: ConsoleState) -> Int {
        Renderer.helpRows(state).count
    }

    // MARK: Commands

    static func openingMessage(_ name: String) -> String { "Opening '\(name)'…" }

    static func readOnlyMessage(_ verb: String) -> String {
        "Read-only store: can't \(verb) actions"
    }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect] {
        if (state.editor != nil || state.agents.form != nil || state.secrets.form != nil || state.webhooks.form != nil
            || state.callPane != nil) && !command.worksInEditor { return [] }
        if let effects = SectionPages.run(command, &state) { return effects }
        switch command {
        case .newAction:
            if state.readOnly {
                state.status = StatusMessage(readOnlyMessage("create"), kind: .error)
                return []
            }
            state.filtering = false
            state.overlay = .createAction(CreateDialog(selected: state.tab == .call ? 1 : 0))
        case .editAction:
            guard let action = state.selectedAction else {
                state.status = StatusMessage("No action selected to edit", kind: .info)
                return []
            }
            if state.readOnly {
                state.status = StatusMessage(readOnlyMessage("edit"), kind: .error)
                return []
            }
            state.filtering = false
            // The list holds summaries: the full action comes from the store
            // (`.actionOpened`), and the editor opens then.
            state.pendingOpen = action.id
            state.status = StatusMessage(openingMessage(action.name), kind: .info)
            return [.openEditor(action.id)]
        case .deleteAction:
            guard let action = state.selectedAction else {
                state.status = StatusMessage("No action selected to delete", kind: .info)
                return []
            }
            if state.readOnly {
                state.status = StatusMessage(readOnlyMessage("delete"), kind: .error)
                return []
            }
            state.filtering = false
            state.overlay = .confirmDelete(id: action.id, name: action.name, version: action.version)
        case .filter:
            state.focus = .page
            state.filtering = true
        case .clearFilter:
            state.filtering = false
            state.current.filter.setText("")
            refilter(&state)
        case .sortByName: setSort(.name, ascending: true, &state)
        case .sortByTrigger: setSort(.trigger, ascending: true, &state)
        case .sortByID: setSort(.id, ascending: true, &state)
        case .sortByUpdated: setSort(.updated, ascending: false, &state)
        case .reverseSort: setSort(state.sort, ascending: !state.ascending, &state)
        case .customExternalTab:
            state.tab = .customExternal
            state.focus = .page
        case .callActionsTab:
            state.tab = .call
            state.focus = .page
        case .focusSidebar: state.focus = .sidebar
        case .focusPage: state.focus = .page
        case .reload:
            state.status = StatusMessage("Reloading actions…", kind: .info)
            return [.loadActions]
        case .callAction:
            return startActionCall(&state)
        case .copyID:
            guard let action = state.selectedAction else {
                state.status = StatusMessage("No action selected to copy the ID of", kind: .info)
                return []
            }
            state.status = StatusMessage("Copied \(action.id.rawValue) to the clipboard (OSC 52)", kind: .success)
            return [.copyToClipboard(action.id.rawValue)]
        case .help:
            state.overlay = .help(scroll: 0)
        case .quit:
            if state.editor?.isDirty == true || state.agents.form?.isDirty == true || state.secrets.form?.isDirty == true
                || state.webhooks.form?.isDirty == true {
                state.overlay = .confirmQuit
                return []
            }
            return [.quit]
        case .newAgent, .editAgent, .deleteAgent, .callAgent, .openCall, .exportCall, .goTo, .newSecret, .newEnvironment, .secretsTab,
             .environmentsTab, .chooseEnvironment, .useEnvironment, .newWebhook, .editWebhook, .deleteWebhook,
             .toggleWebhook, .testWebhook, .openDeliveryLog, .loadDemoWorkspace:
            break  // SectionPages.run has them
        }
        return []
    }

    static func openEditor(creating kind: ActionKind, _ state: inout ConsoleState) {
        guard !state.readOnly else {
            state.status = StatusMessage(readOnlyMessage("create"), kind: .error)
            return
        }
        state.editor = ActionEditorState(creating: kind, existingFunctionNames: state.index.functionNames)
        if state.secrets.loaded { state.editor?.templateNames = state.secrets.overview.names }
        state.editorActionID = nil
        state.pendingEditorSave = nil
        state.focus = .page
    }
}
