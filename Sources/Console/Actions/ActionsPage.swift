import ActionModel
import Screen

/// The Actions page: the two tabs of actions, the filter and the sort, and
/// the action form (with its test request panel) in the page's place.
extension Section {
    static let actions = Section(title: "Actions", functionKey: 2)
}

enum ActionsPage: ConsolePage {
    static let section = Section.actions

    static func count(_ state: ConsoleState) -> String {
        state.actions.loaded ? Renderer.compactCount(state.actions.index.count) : ""
    }

    static func holdsKeys(_ state: ConsoleState) -> Bool { state.actions.editor != nil }

    static func capturesText(_ state: ConsoleState) -> Bool { holdsKeys(state) || state.actions.filtering }

    static func hasForm(_ state: ConsoleState) -> Bool { state.actions.editor != nil }

    static func isDirty(_ state: ConsoleState) -> Bool { state.actions.editor?.isDirty == true }

    static func helpTitle(_ state: ConsoleState) -> String { state.actions.editor?.title ?? section.title }

    static func opened(entering: Bool, _ state: inout ConsoleState) -> [ConsoleEffect] {
        state.actions.filtering = false
        return []
    }

    static func resized(_ state: inout ConsoleState) { clampAll(&state) }

    // MARK: Keys

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        if state.actions.testPanel != nil, state.actions.editor != nil { return Shell.handleTestPanel(event, &state) }
        if state.actions.editor != nil { return handleEditor(event, &state) }
        if state.actions.filtering { return handleFilter(event, &state) }
        if case let .paste(text) = event {
            // Pasting on the list starts a filter with the text.
            state.actions.filtering = true
            state.focus = .page
            state.actions.current.filter.insert(text)
            refilter(&state)
            return []
        }
        // The list's keys are rows of `bindings`.
        return nil
    }

    /// The list's keys (the form has its own; a filter being typed takes every key).
    static func bindings(_ state: ConsoleState) -> [KeyBinding] {
        if state.actions.editor != nil { return editorBindings }
        if state.actions.filtering { return KeyBinding.filterTyping }
        let actions = "Actions", filter = "Filter and sort", move = "Move"
        let writable: @Sendable (ConsoleState) -> Bool = { !$0.readOnly }
        let selected: @Sendable (ConsoleState) -> Bool = { !$0.readOnly && $0.actions.selectedAction != nil }
        return KeyBinding.listMoves("action", group: move) + [
            KeyBinding("n", [.character("n")], .newAction, hint: "new", help: "create an action (choose its type)", group: actions,
                       hinted: writable),
            KeyBinding("⏎ e", [.enter, .character("e")], .editAction, hint: "edit", hintKey: "⏎", help: "edit the selected action",
                       group: actions, hinted: selected),
            KeyBinding("d", [.character("d"), .delete], .deleteAction, hint: "delete", help: "delete the selected action (asks first)",
                       group: actions, hinted: selected),
            KeyBinding("c", [.character("c")], .callAction, hint: "call",
                       help: "start a call testing the selected Custom External Action", group: actions,
                       hinted: { !$0.readOnly && $0.actions.selectedAction?.kind == .customInput }),
            .filter("name, function name, description or ID, as you type", group: filter),
            KeyBinding("s", pairs: [(.character("s"), .cycleSort)], paletteOnly: [.sortByName, .sortByTrigger, .sortByID, .sortByUpdated],
                       hint: "sort", help: "sort by name → trigger → ID → updated", group: filter),
            KeyBinding("[ ] 1 2", pairs: [(.character("["), .otherTab), (.character("]"), .otherTab),
                                          (.character("1"), .customExternalTab), (.character("2"), .callActionsTab)],
                       hint: "tab", hintKey: "[ ]", help: "Custom External Actions / Call Actions tab", group: move),
            .clearFilter(group: filter) { !$0.actions.current.filter.text.isEmpty },
            KeyBinding("y", [.character("y")], .copyID, help: "copy the selected action's ID to the clipboard", group: actions),
            .reload("actions", group: actions, hinted: false),
            KeyBinding("S", [.character("S")], .reverseSort, help: "reverse the sort", group: filter),
        ]
    }

    static func handleEditor(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var editor = state.actions.editor else { return [] }
        if case let .key(key) = event {
            // Ctrl-C quits even over a question; the other shell keys wait for its answer.
            if key == .ctrl("c") { return Shell.run(.quit, &state) }
            if let command = KeyBinding.command(for: key, in: editorShellKeys, state, capturesText: editor.typesText) {
                return Shell.run(command, &state)
            }
        }
        let outcome = editor.handle(event)
        state.actions.editor = editor
        if outcome == .none, Shell.isSaveKey(event) { Shell.saveRefused(&state) }
        return apply(outcome, &state)
    }

    /// The keys the action form leaves to the shell (palette, help, quit);
    /// a question of the form waits for its answer (only Ctrl-C quits over it).
    static let editorShellKeys = Shell.formShellKeys { $0.actions.editor?.typesText == true }
        .map { $0.only(when: { $0.actions.editor?.hasOpenPrompt != true }) }

    /// While the form is open: the shell's keys, and its yes/no settings in the palette.
    static let editorBindings: [KeyBinding] = editorShellKeys + [
        KeyBinding("", pairs: [], paletteOnly: [.toggleAsksOptionalFields, .toggleReadsBack], help: nil, group: "Action form",
                   applies: { $0.actions.editor?.kind == .customInput }),
    ]

    /// What the shell does with the editor's answer to an event.
    static func apply(_ outcome: ActionEditorOutcome, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch outcome {
        case .none:
            return []
        case let .save(action, isNew):
            if state.readOnly {
                Shell.saveRefused(&state)
                state.actions.editor?.saveFailed(StoreFailure(reason: .readOnly, message: readOnlyMessage("save"), actionID: action.id))
                return []
            }
            state.actions.pendingEditorSave = action.id
            if isNew { state.actions.editorActionID = action.id }
            return [.actions(isNew ? .insert(action) : .update(action))]
        case .close:
            closeEditor(&state)
            return []
        case let .testRequest(editValuesFirst):
            return editValuesFirst ? Shell.editTestRequestValues(&state) : Shell.sendTestRequest(&state)
        }
    }

    static func closeEditor(_ state: inout ConsoleState) {
        let id = state.actions.editorActionID
        state.actions.editor = nil
        state.actions.editorActionID = nil
        state.actions.pendingEditorSave = nil
        state.focus = .page
        // Come back to the list on the action just worked on.
        if let id, let action = state.actions.index.action(id) {
            state.actions.tab = ActionsTab.of(action.kind)
            if let position = state.actions.index.position(of: id), let row = state.actions.current.visible.firstIndex(of: position) {
                state.actions.current.selection = row
                ensureVisible(&state)
            }
        }
    }

    /// The "Create a new action" dialog's keys.
    /// A command of the "New action" dialog (its keys are `Dialogs.keys` rows).
    static func runCreateDialog(_ dialog: CreateDialog, _ command: DialogCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        var dialog = dialog
        let kinds = ActionKind.allCases
        switch command {
        case .cancel:
            state.overlay = nil
        case .quit:
            state.overlay = nil
            return Shell.run(.quit, &state)
        case .next:
            dialog.selected = min(kinds.count - 1, dialog.selected + 1)
            dialog.focus = .list
        case .previous:
            dialog.selected = max(0, dialog.selected - 1)
            dialog.focus = .list
        case .first: dialog.selected = 0
        case .last: dialog.selected = kinds.count - 1
        case let .pick(number) where kinds.indices.contains(number - 1):
            dialog.selected = number - 1
        case .nextButton:
            dialog.focus = dialog.focus == .list ? .continueButton : dialog.focus == .continueButton ? .cancelButton : .list
        case .previousButton:
            dialog.focus = dialog.focus == .list ? .cancelButton : dialog.focus == .cancelButton ? .continueButton : .list
        case .accept:
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
    }

    /// "Delete …? y/N" for an action.
    static func answerDelete(id: ActionID, name: String, version: Int, _ answer: Shell.Confirmation?,
                             _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch answer {
        case .yes?:
            state.overlay = nil
            if state.readOnly {
                state.status = StatusMessage(readOnlyMessage("delete"), kind: .error)
                return []
            }
            state.status = StatusMessage("Deleting '\(name)'…", kind: .info)
            return [.actions(.delete(id, expectedVersion: version))]
        case .no?:
            state.overlay = nil
        case .quit?:
            state.overlay = nil
            return Shell.run(.quit, &state)
        case nil:
            break
        }
        return []
    }

    // MARK: Store answers

    static func receive(_ message: ActionsMessage, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch message {
        case let .loaded(list):
            let selected = state.actions.tabs.map { selectedID($0, state.actions.index) }
            let first = !state.actions.loaded
            state.actions.index = list.index
            state.actions.loaded = true
            rebuildTabs(&state, keeping: selected)
            // A reload (a live update on a shared store) tells an open form its record moved on.
            if let id = state.actions.editorActionID, let position = list.index.position(of: id) {
                state.actions.editor?.storedVersion = list.index.actions[position].version
            }
            if let damaged = DamagedRow.statusLine(list.damaged) {
                // The healthy rows are listed; the damaged ones must not go unnoticed.
                state.status = StatusMessage(damaged, kind: .error, ticks: StatusMessage.lifetime * 3)
            }
            // No demo offer over a store that only looks empty because its rows are damaged.
            return first ? DemoOffer.afterFirstLoad(&state, hasDamagedRows: !list.damaged.isEmpty) : []
        case let .saved(action):
            let selected = state.actions.tabs.map { selectedID($0, state.actions.index) }
            state.actions.index.upsert(action.summary)
            state.actions.loaded = true
            rebuildTabs(&state, keeping: selected)
            state.status = StatusMessage("Saved '\(action.name)'", kind: .success)
            if state.actions.editor != nil, action.id == state.actions.editorActionID || action.id == state.actions.pendingEditorSave {
                state.actions.editorActionID = action.id
                state.actions.pendingEditorSave = nil
                // A Ctrl-S pressed while this save was under way is sent now.
                if let next = state.actions.editor?.saved(action) { return apply(next, &state) }
            }
            return []
        case let .opened(action):
            // Only the row asked for last, and only if nothing else took over.
            guard action.id == state.actions.pendingOpen else { return [] }
            state.actions.pendingOpen = nil
            if state.status?.awaiting == .actionOpen { state.status = nil }
            let selected = state.actions.tabs.map { selectedID($0, state.actions.index) }
            state.actions.index.upsert(action.summary)
            rebuildTabs(&state, keeping: selected)
            guard state.actions.editor == nil, state.overlay == nil else { return [] }
            state.actions.filtering = false
            state.actions.editor = ActionEditorState(editing: action, existingFunctionNames: state.actions.index.functionNames)
            if state.secrets.loaded { let names = state.secrets.overview.names; state.actions.editor?.templateNames = names }
            state.actions.editorActionID = action.id
            state.actions.pendingEditorSave = nil
            return []
        case let .deleted(id):
            let selected = state.actions.tabs.map { selectedID($0, state.actions.index) }
            let removed = state.actions.index.remove(id)
            rebuildTabs(&state, keeping: selected)
            state.status = StatusMessage("Deleted '\(removed?.name ?? id.rawValue)'", kind: .success)
            return []
        case let .failed(failure) where failure.actionID != nil && failure.actionID == state.actions.pendingOpen:
            // The action Enter asked for could not be read.
            state.actions.pendingOpen = nil
            var message = failure.message
            if failure.reason == .notFound, let id = failure.actionID {
                let selected = state.actions.tabs.map { selectedID($0, state.actions.index) }
                if let removed = state.actions.index.remove(id) {
                    message = "'\(removed.name)' was deleted elsewhere; it is gone from the list"
                }
                rebuildTabs(&state, keeping: selected)
            }
            state.status = StatusMessage(message, kind: .error, ticks: StatusMessage.lifetime * 2)
            return []
        case let .failed(failure):
            let forEditor = state.actions.editor != nil
                && (failure.actionID.map { $0 == state.actions.editorActionID || $0 == state.actions.pendingEditorSave }
                    ?? (state.actions.pendingEditorSave != nil))
            if forEditor {
                state.actions.editor?.saveFailed(failure)
                state.actions.pendingEditorSave = nil
            }
            state.status = StatusMessage(failure.message, kind: .error, ticks: StatusMessage.lifetime * 2)
            return []
        case let .testRequestFinished(result):
            guard var panel = state.actions.testPanel, panel.number == result.number else { return [] }
            panel.result = result
            state.actions.testPanel = panel
            return []
        }
    }

    // MARK: Commands

    static func openingMessage(_ name: String) -> String { "Opening '\(name)'…" }

    static func readOnlyMessage(_ verb: String) -> String {
        "Read-only store: can't \(verb) actions"
    }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case .toggleAsksOptionalFields, .toggleReadsBack:
            guard state.actions.editor?.kind == .customInput else { return nil }
            state.actions.editor?.toggleSetting(command == .toggleReadsBack ? .readsBack : .asksOptionalFields)
            return []
        case .newAction:
            if state.readOnly {
                state.status = StatusMessage(readOnlyMessage("create"), kind: .error)
                return []
            }
            state.actions.filtering = false
            state.overlay = .createAction(CreateDialog(selected: state.actions.tab == .call ? 1 : 0))
        case .editAction:
            guard let action = state.actions.selectedAction else {
                state.status = StatusMessage("No action selected to edit", kind: .info)
                return []
            }
            if state.readOnly {
                state.status = StatusMessage(readOnlyMessage("edit"), kind: .error)
                return []
            }
            state.actions.filtering = false
            // The list holds summaries: the full action comes from the store
            // (`.actions(.opened)`), and the editor opens then.
            state.actions.pendingOpen = action.id
            state.status = StatusMessage(openingMessage(action.name), kind: .info, awaiting: .actionOpen)
            return [.actions(.open(action.id))]
        case .deleteAction:
            guard let action = state.actions.selectedAction else {
                state.status = StatusMessage("No action selected to delete", kind: .info)
                return []
            }
            if state.readOnly {
                state.status = StatusMessage(readOnlyMessage("delete"), kind: .error)
                return []
            }
            state.actions.filtering = false
            state.overlay = .confirmDelete(id: action.id, name: action.name, version: action.version)
        case .filter:
            state.focus = .page
            state.actions.filtering = true
        case .clearFilter:
            state.actions.filtering = false
            state.actions.current.filter.setText("")
            refilter(&state)
        case .sortByName: setSort(.name, ascending: true, &state)
        case .sortByTrigger: setSort(.trigger, ascending: true, &state)
        case .sortByID: setSort(.id, ascending: true, &state)
        case .sortByUpdated: setSort(.updated, ascending: false, &state)
        case .reverseSort: setSort(state.actions.sort, ascending: !state.actions.ascending, &state)
        case .customExternalTab:
            state.actions.tab = .customExternal
            state.focus = .page
        case .callActionsTab:
            state.actions.tab = .call
            state.focus = .page
        case .otherTab:
            state.actions.tab = state.actions.tab == .customExternal ? .call : .customExternal
            state.focus = .page
        case .cycleSort: return Shell.run(state.actions.sort.next.command, &state)
        case .moveDown: move(&state, by: 1)
        case .moveUp: move(&state, by: -1)
        case .pageDown: move(&state, by: Layout(width: state.width, height: state.height).tableRows)
        case .pageUp: move(&state, by: -Layout(width: state.width, height: state.height).tableRows)
        case .moveToFirst: move(&state, to: 0)
        case .moveToLast: move(&state, to: state.actions.current.visible.count - 1)
        case .reload:
            state.status = StatusMessage("Reloading actions…", kind: .info)
            return [.actions(.load)]
        case .callAction:
            return Shell.startActionCall(&state)
        case .copyID:
            guard let action = state.actions.selectedAction else {
                state.status = StatusMessage("No action selected to copy the ID of", kind: .info)
                return []
            }
            state.status = StatusMessage("Copied \(action.id.rawValue) to the clipboard (OSC 52)", kind: .success)
            return [.copyToClipboard(action.id.rawValue)]
        default:
            return nil
        }
        return []
    }

    static func openEditor(creating kind: ActionKind, _ state: inout ConsoleState) {
        guard !state.readOnly else {
            state.status = StatusMessage(readOnlyMessage("create"), kind: .error)
            return
        }
        state.actions.editor = ActionEditorState(creating: kind, existingFunctionNames: state.actions.index.functionNames)
        if state.secrets.loaded { let names = state.secrets.overview.names; state.actions.editor?.templateNames = names }
        state.actions.editorActionID = nil
        state.actions.pendingEditorSave = nil
        state.focus = .page
    }
}
