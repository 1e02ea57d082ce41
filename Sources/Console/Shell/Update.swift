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
            return first ? DemoOffer.afterFirstLoad(&state) : []
        case let .actionSaved(action):
            let selected = state.tabs.map { selectedID($0, state.index) }
            state.index.upsert(action.summary)
            state.loaded = true
            rebuildTabs(&state, keeping: selected)
            if state.editor != nil, action.id == state.editorActionID || action.id == state.pendingEditorSave {
                state.editor?.saved(action)
                state.editorActionID = action.id
                state.pendingEditorSave = nil
            }
            state.status = StatusMessage("Saved '\(action.name)'", kind: .success)
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

    static func handleListKey(_ key: Key, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch key {
        case .tab, .backTab, .character("h"), .character("l"), .left, .right:
            let toSidebar: Bool
            switch key {
            case .tab, .backTab: toSidebar = state.focus == .page
            case .character("h"), .left: toSidebar = true
            default: toSidebar = false
            }
            state.focus = toSidebar ? .sidebar : .page
            return []
        case .enter where state.focus == .sidebar:
            state.focus = .page
            return []
        case .character("["): return run(state.tab.previousCommand, &state)
        case .character("]"): return run(state.tab.nextCommand, &state)
        case .character("1"): return run(.customExternalTab, &state)
        case .character("2"): return run(.callActionsTab, &state)
        case .down, .character("j"): move(&state, by: 1)
        case .up, .character("k"): move(&state, by: -1)
        case .pageDown, .ctrl("d"), .ctrl("f"): move(&state, by: Layout(width: state.width, height: state.height).tableRows)
        case .pageUp, .ctrl("u"), .ctrl("b"): move(&state, by: -Layout(width: state.width, height: state.height).tableRows)
        case .home, .character("g"): move(&state, to: 0)
        case .end, .character("G"): move(&state, to: state.current.visible.count - 1)
        case .character("/"): return run(.filter, &state)
        case .escape:
            if !state.current.filter.text.isEmpty { return run(.clearFilter, &state) }
            if state.focus == .sidebar { state.focus = .page }
        case .character("s"): return run(state.sort.next.command, &state)
        case .character("S"): return run(.reverseSort, &state)
        case .character("n"): return run(.newAction, &state)
        case .enter, .character("e"): return run(.editAction, &state)
        case .character("d"), .delete: return run(.deleteAction, &state)
        case .character("c"): return run(.callAction, &state)
        case .character("y"): return run(.copyID, &state)
        case .character("?"), .function(1): return run(.help, &state)
        case .character(":"), .ctrl("p"): openPalette(&state)
        case .ctrl("r"), .function(5): return run(.reload, &state)
        case .character("q"), .ctrl("c"): return run(.quit, &state)
        default: break
        }
        return []
    }

    static func handleFilter(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch event {
        case let .paste(text):
            state.current.filter.insert(text)
            refilter(&state)
        case .key(.escape):
            state.filtering = false
            state.current.filter.setText("")
            refilter(&state)
        case .key(.enter):
            state.filtering = false
        case .key(.ctrl("c")):
            return run(.quit, &state)
        case .key(.down): move(&state, by: 1)
        case .key(.up): move(&state, by: -1)
        case .key(.pageDown): move(&state, by: Layout(width: state.width, height: state.height).tableRows)
        case .key(.pageUp): move(&state, by: -Layout(width: state.width, height: state.height).tableRows)
        case let .key(key):
            let before = state.current.filter.text
            if state.current.filter.handle(key), state.current.filter.text != before { refilter(&state) }
        case .resize:
            break
        }
        return []
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

    // MARK: The list

    static func setSort(_ column: SortColumn, ascending: Bool, _ state: inout ConsoleState) {
        let selected = state.tabs.map { selectedID($0, state.index) }
        state.sort = column
        state.ascending = ascending
        rebuildTabs(&state, keeping: selected)
        state.status = StatusMessage("Sorted by \(column.label) \(ascending ? "↑" : "↓")", kind: .info, ticks: 8)
    }

    static func selectedID(_ tab: TabState, _ index: ActionIndex) -> ActionID? {
        guard tab.visible.indices.contains(tab.selection) else { return nil }
        let position = tab.visible[tab.selection]
        return position < index.actions.count ? index.actions[position].id : nil
    }

    /// Recomputes both tabs' orders after the actions or the sort changed,
    /// keeping each tab's cursor on the same action when it is still there.
    static func rebuildTabs(_ state: inout ConsoleState, keeping selected: [ActionID?]) {
        let order = state.index.orders[state.sort.rawValue]
        let phoneOnly = state.index.phoneOnly
        var custom: [Int] = [], call: [Int] = []
        custom.reserveCapacity(state.index.count(in: .customExternal))
        call.reserveCapacity(state.index.count(in: .call))
        if state.ascending {
            for position in order { if phoneOnly[position] { call.append(position) } else { custom.append(position) } }
        } else {
            for position in order.reversed() { if phoneOnly[position] { call.append(position) } else { custom.append(position) } }
        }
        state.tabs[ActionsTab.customExternal.rawValue].order = custom
        state.tabs[ActionsTab.call.rawValue].order = call
        for tab in ActionsTab.allCases {
            applyFilter(&state.tabs[tab.rawValue], state.index, sort: state.sort, ascending: state.ascending, incremental: false,
                        keeping: selected.indices.contains(tab.rawValue) ? selected[tab.rawValue] : nil)
        }
        clampAll(&state)
    }

    /// Re-applies the filter after its text changed. One filter serves both
    /// tabs: switching tabs keeps it, and each tab's label counts its matches.
    static func refilter(_ state: inout ConsoleState) {
        let text = state.current.filter.text
        for tab in ActionsTab.allCases {
            if tab != state.tab { state.tabs[tab.rawValue].filter.setText(text) }
            let keep = selectedID(state.tabs[tab.rawValue], state.index)
            applyFilter(&state.tabs[tab.rawValue], state.index, sort: state.sort, ascending: state.ascending,
                        incremental: true, keeping: keep)
        }
        clampAll(&state)
    }

    static func applyFilter(_ tab: inout TabState, _ index: ActionIndex, sort: SortColumn, ascending: Bool,
                            incremental: Bool, keeping id: ActionID?) {
        let query = ActionIndex.foldQuery(tab.filter.text)
        if query.isEmpty {
            tab.visible = tab.order
        } else {
            // Typing one more character only narrows the previous result.
            let narrowing = incremental && !tab.appliedQuery.isEmpty && query.starts(with: tab.appliedQuery)
            let queryMask = ActionIndex.mask(query)
            let keys = index.searchKeys
            let masks = index.searchMasks
            var result: [Int] = []
            if narrowing && tab.visible.count < index.count / 8 {
                // Few candidates: test them, then put them back in list order
                // (the previous matches are in ranked order).
                for position in tab.visible where masks[position] & queryMask == queryMask
                    && ActionIndex.matches(keys[position], query) { result.append(position) }
                result.sort { ascending ? index.precedes($0, $1, by: sort) : index.precedes($1, $0, by: sort) }
            } else {
                // Test every action in memory order (much kinder to the cache
                // than list order), then keep the list's order.
                // The list's order (the previous matches are in ranked order).
                let candidates = tab.order
                var hit = [Bool](repeating: false, count: index.count)
                if narrowing { for position in tab.visible { hit[position] = true } }
                let phoneOnly = index.phoneOnly
                let wantPhoneOnly = tab.wantsPhoneOnly
                for position in 0..<index.count where phoneOnly[position] == wantPhoneOnly && (!narrowing || hit[position]) {
                    hit[position] = masks[position] & queryMask == queryMask && ActionIndex.matches(keys[position], query)
                }
                result.reserveCapacity(candidates.count / 4)
                for position in candidates where hit[position] { result.append(position) }
            }
            tab.visible = FilterRanking.ranked(result, keys: keys, query: query)
        }
        tab.appliedQuery = query
        if let id, let position = index.position(of: id), let row = tab.visible.firstIndex(of: position) {
            tab.selection = row
        } else if query.isEmpty || tab.selection >= tab.visible.count {
            tab.selection = min(tab.selection, max(0, tab.visible.count - 1))
        } else {
            tab.selection = 0
        }
    }

    static func move(_ state: inout ConsoleState, by delta: Int) {
        move(&state, to: state.current.selection + delta)
    }

    static func move(_ state: inout ConsoleState, to row: Int) {
        state.focus = .page
        let count = state.current.visible.count
        state.current.selection = max(0, min(row, count - 1))
        ensureVisible(&state)
    }

    /// Keeps the cursor's row on screen.
    static func ensureVisible(_ state: inout ConsoleState) {
        let rows = Layout(width: state.width, height: state.height).tableRows
        var tab = state.current
        if tab.selection < tab.scroll { tab.scroll = tab.selection }
        if tab.selection >= tab.scroll + rows { tab.scroll = tab.selection - rows + 1 }
        tab.scroll = max(0, min(tab.scroll, max(0, tab.visible.count - rows)))
        state.current = tab
    }

    static func clampAll(_ state: inout ConsoleState) {
        let current = state.tab
        for tab in ActionsTab.allCases {
            state.tab = tab
            let count = state.current.visible.count
            state.current.selection = max(0, min(state.current.selection, count - 1))
            ensureVisible(&state)
        }
        state.tab = current
    }
}

extension ActionsTab {
    var nextCommand: Command { self == .customExternal ? .callActionsTab : .customExternalTab }
    var previousCommand: Command { nextCommand }
}

extension SortColumn {
    var command: Command {
        switch self {
        case .name: return .sortByName
        case .trigger: return .sortByTrigger
        case .id: return .sortByID
        case .updated: return .sortByUpdated
        }
    }
}
