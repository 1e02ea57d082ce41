import ActionModel
import Screen

/// What a record form answers a key (or a save landing) with.
enum RecordFormOutcome<Record: Equatable & Sendable>: Equatable, Sendable {
    case none
    case save(Record, isNew: Bool)
    case close
}

/// The form of a record page (agent, webhook…): it edits one record, keeps
/// what a save in flight must not lose, and asks about conflicts itself.
protocol RecordForm: Sendable {
    associatedtype Record: Identifiable & Sendable & Equatable where Record.ID: Sendable & Equatable
    associatedtype Content: Equatable & Sendable
    /// The record as it was opened (nil: a new one).
    var original: Record? { get }
    /// The record's ID, new or not.
    var draftID: Record.ID { get }
    /// A question (conflict, discard) has the keys.
    var asksQuestion: Bool { get }
    var capturesTextInput: Bool { get }
    var isDirty: Bool { get }
    /// "New agent", "Edit webhook 'CRM sync'": the help screen's title while open.
    var title: String { get }
    var message: String? { get set }
    /// What was typed while a save was under way (kept, and unsaved).
    var saving: SaveInFlight<Content> { get set }
    mutating func handle(_ event: InputEvent) -> RecordFormOutcome<Record>
    /// The store kept the record: the form takes its version (and sends what was typed meanwhile).
    mutating func saved(_ record: Record) -> RecordFormOutcome<Record>
    mutating func saveFailed(_ failure: RecordFailure<Record>)
}

extension RecordForm {
    /// A save could not go out (read-only store): what was typed stays unsaved.
    mutating func saveRefused(_ message: String) {
        saving.failed()
        self.message = message
    }
}

/// A page of records of one kind with a list, a form, a delete question and
/// the store's answers: the flow is written once here for agents, webhooks
/// and the record kinds to come; a page says where its pieces are.
protocol RecordPage: ConsolePage {
    associatedtype Form: RecordForm
    /// "agent", "webhook": for the status line.
    static var noun: String { get }
    static var form: WritableKeyPath<ConsoleState, Form?> { get }
    /// A save the form asked for that the store has not answered yet.
    static var pendingSave: WritableKeyPath<ConsoleState, Form.Record.ID?> { get }
    /// Asking before a delete.
    static var confirmDelete: WritableKeyPath<ConsoleState, Form.Record?> { get }
    static func saveEffect(_ record: Form.Record, isNew: Bool) -> ConsoleEffect
    static func deleteEffect(_ record: Form.Record) -> ConsoleEffect
    static func displayName(_ record: Form.Record) -> String
    /// The list after a change, the cursor on `id` when it is shown.
    static func listChanged(keeping id: Form.Record.ID?, _ state: inout ConsoleState)
}

extension RecordPage {
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
            state[keyPath: pendingSave] = record.id
            return [saveEffect(record, isNew: isNew)]
        case .close:
            let id = state[keyPath: form]?.original?.id
            state[keyPath: form] = nil
            state[keyPath: pendingSave] = nil
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
        if let open = state[keyPath: form], record.id == open.draftID || record.id == state[keyPath: pendingSave] {
            state[keyPath: pendingSave] = nil
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
        if let open = state[keyPath: form], state[keyPath: pendingSave] != nil,
           failure.recordID == nil || failure.recordID == open.draftID || failure.recordID == state[keyPath: pendingSave] {
            state[keyPath: form]?.saveFailed(failure)
            state[keyPath: pendingSave] = nil
        }
        state.status = StatusMessage(failure.message, kind: .error, ticks: StatusMessage.lifetime * 2)
        if state[keyPath: form] == nil, case .conflict = failure.reason { return true }
        return false
    }
}
