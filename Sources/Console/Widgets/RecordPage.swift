import ActionModel
import Screen

/// A page of records of one kind with a list, a form, a delete question and
/// the store's answers: the flow is written once here for agents, webhooks
/// and models; a page says where its pieces are.
protocol RecordPage: ListPage where List == RecordList<Entry> {
    associatedtype Form: RecordForm
    associatedtype Entry: RecordListEntry where Entry.EntryID == Form.Record.ID
    /// "agent", "webhook": for the status line.
    static var noun: String { get }
    static var form: WritableKeyPath<ConsoleState, Form?> { get }
    /// A save or delete the page asked for that the store has not answered yet.
    static var pending: WritableKeyPath<ConsoleState, PendingRequest<Form.Record.ID>?> { get }
    /// Asking before a delete.
    static var confirmDelete: WritableKeyPath<ConsoleState, Form.Record?> { get }
    /// The store work a save is; `form` is the form that asked (a renamed model's old name).
    static func saveEffect(_ record: Form.Record, isNew: Bool, from form: Form?) -> ConsoleEffect
    static func deleteEffect(_ record: Form.Record) -> ConsoleEffect
    /// The record a list row shows.
    static func record(_ entry: Entry) -> Form.Record
}

extension RecordPage {
    /// The record as people know it ("Front desk", "CRM sync"), for the status line.
    static func displayName(_ record: Form.Record) -> String { record.displayName }

    static func refilterList(_ state: inout ConsoleState) { state[keyPath: list].refilter() }

    /// The list after a change, the cursor on `id` when it is shown.
    static func listChanged(keeping id: Form.Record.ID?, _ state: inout ConsoleState) {
        state[keyPath: list].refilter(keeping: id)
        let rows = FilteredListKeys.tableRows(state)
        state[keyPath: list].ensureVisible(rows: rows)
    }

    /// The whole list read again (asked for, or a live update): the cursor
    /// stays on its row, and an open form learns whether its record moved on.
    static func loaded(_ entries: [Entry], _ state: inout ConsoleState) {
        state[keyPath: list].load(entries)
        let rows = FilteredListKeys.tableRows(state)
        state[keyPath: list].ensureVisible(rows: rows)
        if let id = state[keyPath: form]?.original?.id {
            let stored = state[keyPath: list].entry(id).map { record($0).version }
            state[keyPath: form]?.elsewhere = stored.map { .storedAt(version: $0) } ?? .deleted
        }
    }

    /// The store deleted a record: gone from the list (and said to a form
    /// open on it, when another console's delete is heard this way).
    static func removed(_ id: Form.Record.ID, _ state: inout ConsoleState) {
        if state[keyPath: pending]?.id == id, state[keyPath: pending]?.kind == .delete { state[keyPath: pending] = nil }
        state[keyPath: list].remove(id)
        let rows = FilteredListKeys.tableRows(state)
        state[keyPath: list].ensureVisible(rows: rows)
        if state[keyPath: form]?.original?.id == id { state[keyPath: form]?.elsewhere = .deleted }
    }

    /// Scrolls so the cursor's row shows after the list changed.
    static func ensureVisible(_ state: inout ConsoleState) {
        let rows = FilteredListKeys.tableRows(state)
        state[keyPath: list].ensureVisible(rows: rows)
    }

    /// The delete question, the form and a filter being typed take every
    /// key; on the list a paste starts a filter; nil: the list's keys are
    /// rows of the page's `bindings`.
    static func handleRecordKeys(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        if let record = state[keyPath: confirmDelete] { return answerDelete(record, event, &state) }
        if state[keyPath: form] != nil { return handleForm(event, &state) }
        if state[keyPath: list].filtering {
            return FilteredListKeys.handleFilter(event, &state, list, refilter: refilterList)
        }
        if case let .paste(text) = event {
            FilteredListKeys.pasteStartsFilter(text, &state, list, refilter: refilterList)
            return []
        }
        return nil
    }

    /// The delete question's and the form's hints; nil on the list (the keymap's rows).
    static func recordHints(_ state: ConsoleState, formHints: (Form) -> [KeyHint]) -> [KeyHint]? {
        // The shared y/N answers and the keys a form leaves to the shell, from their rows.
        if state[keyPath: confirmDelete] != nil { return DialogKey.hints(Dialogs.deleteAnswers, state) }
        guard let open = state[keyPath: form] else { return nil }
        let typesText = open.capturesTextInput
        return formHints(open) + KeyBinding.hints(Shell.formShellKeys { _ in typesText }, state)
    }

    /// The form or the delete question has every key.
    static func holdsKeys(_ state: ConsoleState) -> Bool {
        state[keyPath: form] != nil || state[keyPath: confirmDelete] != nil
    }

    static func hasForm(_ state: ConsoleState) -> Bool { state[keyPath: form] != nil }
    static func isDirty(_ state: ConsoleState) -> Bool { state[keyPath: form]?.isDirty == true }
    static func helpTitle(_ state: ConsoleState) -> String { state[keyPath: form]?.title ?? section.title }

    /// Keys while the form is open: the shell's (Ctrl-C, F1, Ctrl-P; `q` `?`
    /// outside text), then the form's.
    static func handleForm(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var open = state[keyPath: form] else { return [] }
        if case let .key(key) = event, !open.asksQuestion,
           let effects = Shell.formShellKey(key, capturesTextInput: open.capturesTextInput, &state) {
            return effects
        }
        let outcome = open.handle(event)
        state[keyPath: form] = open
        if outcome == .none, Shell.isSaveKey(event) { Shell.saveRefused(&state) }
        return apply(outcome, &state)
    }

    /// What the page does with the form's answer (to a key, or to a save landing).
    static func apply(_ outcome: RecordFormOutcome<Form.Record>, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch outcome {
        case .none:
            return []
        case let .save(record, isNew):
            if state.readOnly {
                Shell.saveRefused(&state)
                state[keyPath: form]?.saveRefused("Not saved: Read-only store: can't save \(noun)s")
                return []
            }
            state[keyPath: pending] = PendingRequest(.save, record.id)
            return [saveEffect(record, isNew: isNew, from: state[keyPath: form])]
        case .close:
            let id = state[keyPath: form]?.original?.id
            state[keyPath: form] = nil
            if state[keyPath: pending]?.kind == .save { state[keyPath: pending] = nil }
            state.focus = .page
            listChanged(keeping: id, &state)
            return []
        }
    }

    /// "Delete …? y/N".
    static func answerDelete(_ record: Form.Record, _ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch Shell.confirmation(event) {
        case .yes?:
            state[keyPath: confirmDelete] = nil
            state[keyPath: pending] = PendingRequest(.delete, record.id)
            state.status = StatusMessage("Deleting \(noun) '\(displayName(record))'…", kind: .info)
            return [deleteEffect(record)]
        case .no?:
            state[keyPath: confirmDelete] = nil
        case .quit?:
            state[keyPath: confirmDelete] = nil
            return Shell.run(.quit, &state)
        case nil:
            break
        }
        return []
    }

    /// The store kept a record (the page has put it in its list): the form
    /// that saved it learns its version, and a Ctrl-S pressed meanwhile goes out.
    static func saved(_ record: Form.Record, status: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
        var next = RecordFormOutcome<Form.Record>.none
        let saving = state[keyPath: pending].id(of: .save)
        if let open = state[keyPath: form], record.id == open.draftID || record.id == saving {
            state[keyPath: pending] = nil
            next = state[keyPath: form]?.saved(record) ?? .none
        }
        state.status = StatusMessage(status, kind: .success)
        listChanged(keeping: record.id, &state)
        return next == .none ? [] : apply(next, &state)
    }

    /// A save or delete that did not go through: the form that asked shows
    /// it; true when no form asked and the record changed elsewhere (the page
    /// reads the list again).
    static func failed(_ failure: RecordFailure<Form.Record>, _ state: inout ConsoleState) -> Bool {
        let saving = state[keyPath: pending].id(of: .save)
        if let open = state[keyPath: form], let saving,
           failure.recordID == nil || failure.recordID == open.draftID || failure.recordID == saving {
            state[keyPath: form]?.saveFailed(failure)
            state[keyPath: pending] = nil
        } else if state[keyPath: pending]?.kind == .delete, failure.recordID == nil || failure.recordID == state[keyPath: pending]?.id {
            state[keyPath: pending] = nil
        }
        state.status = StatusMessage(failure.message, kind: .error, ticks: StatusMessage.lifetime * 2)
        if state[keyPath: form] == nil, case .conflict = failure.reason { return true }
        return false
    }
}
