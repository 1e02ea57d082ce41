import ActionModel
import Foundation
import Screen

/// What a record form answers a key (or a save landing) with.
enum RecordFormOutcome<Record: Equatable & Sendable>: Equatable, Sendable {
    case none
    case save(Record, isNew: Bool)
    case close
}

/// The form of a record page (agent, webhook, model): it edits one record,
/// keeps what a save in flight must not lose, and asks about conflicts itself.
///
/// What every such form does the same way is written once in the extension
/// below: a key runs its row's command or is the focused field's text, a
/// paste goes into the focused field, the question's answers, the checks
/// before a save, and the store's answers. A form says only what is its own:
/// its fields and their checks, its keys' commands, and how it opens on a
/// stored record.
protocol RecordForm: KeyedForm, Equatable, Sendable where Outcome == RecordFormOutcome<Record> {
    associatedtype Record: Identifiable & VersionedRecord where Record.ID: Sendable & Equatable
    associatedtype Content: Equatable & Sendable
    /// A row of the form that can hold the focus.
    associatedtype Field: Hashable & Sendable

    /// The record as it was opened (nil: a new one).
    var original: Record? { get set }
    /// The record's ID, new or not.
    var draftID: Record.ID { get }
    var createdAt: Date { get set }
    /// The version the form was read at (what an update carries).
    var version: Int { get set }
    var focus: Field { get set }
    /// The message under each field that needs fixing.
    var errors: [Field: String] { get set }
    /// A question (conflict, discard) that has the keys while it is open.
    var question: RecordFormQuestion<Record>? { get set }
    /// What a list reload said about the record since the form read it.
    var elsewhere: ChangedElsewhere? { get set }
    /// A text field has the focus (or the question does): printable keys are the form's.
    var capturesTextInput: Bool { get }
    /// "New agent", "Edit webhook: CRM sync": the help screen's title while open.
    var title: String { get }
    /// What was typed while a save was under way (kept, and unsaved).
    var saving: SaveInFlight<Content> { get set }
    /// What the form holds now, compared with `baseline` (as read, or as last saved).
    var content: Content { get }
    var baseline: Content { get set }
    /// The record as it would be saved now.
    var draft: Record { get }
    /// The fields in the order the form shows them (and checks them before a save).
    var fieldOrder: [Field] { get }
    /// What is wrong with `field`, worded with the fix; nil when it is fine.
    func problem(for field: Field) -> String?
    /// Every field's problem (a default asks `problem(for:)` field by field).
    var problems: [Field: String] { get }
    /// What the store would still refuse once every field is fine (default: nothing).
    var recordProblem: String? { get }
    /// The form opened afresh on `record`, keeping what it knows of the
    /// store (names taken, the choices it offers).
    func reopened(on record: Record) -> Self
    /// The ID a save goes under from now: the stored record's, or (nil) a
    /// fresh one to save as a new record.
    mutating func takeDraftID(_ id: Record.ID?)
    /// Applies `change` to `field`'s text; false when `field` holds no text.
    mutating func changeText(of field: Field, _ change: (inout TextField) -> Void) -> Bool
    /// Moves the focus, checking the field being left (a default does just that).
    mutating func moveFocus(to target: Field)
    /// The field a store refusal is about, with what to say under it; nil
    /// when it is about no field in particular.
    func fieldError(in failure: String) -> (field: Field, error: String)?
    /// After a save lands the form is opened again on the stored record:
    /// it keeps its place in a list of its own (`before` is the form as it
    /// was). The focus is kept for every form.
    mutating func keepPlace(from before: Self)
}

/// What a list reload (this console's, or a live update from a shared
/// store) says about the record an open form edits.
enum ChangedElsewhere: Equatable, Sendable {
    /// Stored now at this version.
    case storedAt(version: Int)
    case deleted

    /// The line under the form, worded as the action editor's.
    static func notice(newerVersion: Int) -> String {
        "Changed by someone else since you opened it (version \(newerVersion)) — Ctrl-S will be refused, then asks: overwrite theirs or reload."
    }

    static let deletedNotice = "Deleted by someone else since you opened it — Ctrl-S will ask: save it as new, or keep editing."
}

extension RecordForm {
    var isDirty: Bool { content != baseline }
    var asksQuestion: Bool { question != nil }
    var typesText: Bool { capturesTextInput }
    var recordProblem: String? { nil }
    mutating func keepPlace(from before: Self) {}

    var problems: [Field: String] {
        var found: [Field: String] = [:]
        for field in fieldOrder { if let problem = problem(for: field) { found[field] = problem } }
        return found
    }

    mutating func moveFocus(to target: Field) {
        if focus != target { errors[focus] = problem(for: focus) }
        focus = target
    }

    /// Said under the form until the next key clears a message: a store
    /// failure or notice first, else that the record changed elsewhere.
    var notice: String? { message ?? changedElsewhereNotice }

    /// While the stored record is newer than what the form read (or gone).
    var changedElsewhereNotice: String? {
        guard original != nil, let elsewhere else { return nil }
        switch elsewhere {
        case let .storedAt(stored): return stored > version ? ChangedElsewhere.notice(newerVersion: stored) : nil
        case .deleted: return ChangedElsewhere.deletedNotice
        }
    }

    // MARK: Input

    /// A key runs its row's command (`keys`), a key no row has is the
    /// focused field's text; while a question is open it has every key.
    mutating func handle(_ event: InputEvent) -> Outcome {
        if case .resize = event { return .none }
        message = nil
        if let question { return answer(question, event) }
        switch event {
        case let .paste(text):
            edit(focus) { $0.insert(text) }
        case let .key(key):
            if let command = command(for: key) { return run(command) }
            edit(focus) { $0.handle(key) }
        case .resize:
            break
        }
        return .none
    }

    private mutating func answer(_ question: RecordFormQuestion<Record>, _ event: InputEvent) -> Outcome {
        guard case let .key(key) = event else { return .none }
        switch question.answer(key) {
        case .none: break
        case .keepEditing: self.question = nil
        case .discardAndClose:
            self.question = nil
            return .close
        case let .overwrite(current):
            self.question = nil
            version = current.version
            return send(isNew: false)
        case let .reload(current):
            self = reopened(on: current)
            message = "Reloaded '\(current.displayName)' (version \(current.version))."
        case .saveAsNew:
            self.question = nil
            original = nil
            takeDraftID(nil)
            createdAt = Date()
            version = 1
            return send(isNew: true)
        }
        return .none
    }

    /// Edits `field`'s text; a message already shown under it goes away as
    /// soon as the value is fixed.
    mutating func edit(_ field: Field, _ change: (inout TextField) -> Void) {
        guard changeText(of: field, change) else { return }
        if errors[field] != nil { errors[field] = problem(for: field) }
    }

    /// The next (`step` 1) or previous (-1) field, round from the last to the first.
    mutating func moveFocusAround(by step: Int) {
        let order = fieldOrder
        let index = order.firstIndex(of: focus) ?? 0
        moveFocus(to: order[(index + step + order.count) % order.count])
    }

    /// The field above (`step` -1) or below (1), staying on the first and the last.
    mutating func moveFocusStopping(by step: Int) {
        let order = fieldOrder
        let index = order.firstIndex(of: focus) ?? 0
        moveFocus(to: order[min(max(0, index + step), order.count - 1)])
    }

    /// Esc: closes the form, asking first when changes would be lost.
    mutating func close() -> Outcome {
        if isDirty {
            question = .discard
            return .none
        }
        return .close
    }

    // MARK: Saving

    /// Checks every field; saves when all are fine, else shows the first problem.
    mutating func attemptSave() -> Outcome {
        guard saving.mayStart() else {
            message = SaveInFlight<Content>.waitingMessage
            return .none
        }
        let found = problems
        errors = found
        if let first = fieldOrder.first(where: { found[$0] != nil }) {
            focus = first
            message = found.count == 1 ? "Not saved: 1 field needs fixing." : "Not saved: \(found.count) fields need fixing."
            return .none
        }
        // The record's full check, so nothing the store would refuse gets through.
        if let problem = recordProblem {
            message = "Not saved: \(problem)"
            return .none
        }
        return send(isNew: original == nil)
    }

    /// Asks the page to save the form as it is now, noting what was sent.
    private mutating func send(isNew: Bool) -> Outcome {
        saving.started(with: content)
        return .save(draft, isNew: isNew)
    }

    // MARK: Store answers

    /// The store saved `record`. Edits made after the save started stay, and
    /// stay unsaved; a Ctrl-S that waited for this answer is answered now.
    @discardableResult
    mutating func saved(_ record: Record) -> Outcome {
        if case let .editedMeanwhile(saveAgain) = saving.landed(now: content) {
            // The stored record is the new base (its version, its ID for a new
            // one); the form keeps what was typed since, still dirty.
            original = record
            takeDraftID(record.id)
            createdAt = record.createdAt
            version = record.version
            baseline = reopened(on: record).content
            message = nil
            return saveAgain ? attemptSave() : .none
        }
        let before = self
        self = reopened(on: record)
        if fieldOrder.contains(before.focus) { focus = before.focus }
        keepPlace(from: before)
        return .none
    }

    /// The store refused the save: a conflict asks what to do, a refusal
    /// about a field is shown under it.
    mutating func saveFailed(_ failure: RecordFailure<Record>) {
        saving.failed()
        if case let .conflict(current) = failure.reason {
            question = .conflict(current: current)
            return
        }
        if let about = fieldError(in: failure.message) {
            errors[about.field] = about.error
            focus = about.field
        }
        message = "Not saved: \(failure.message)"
    }

    /// A save could not go out (read-only store): what was typed stays unsaved.
    mutating func saveRefused(_ message: String) {
        saving.failed()
        self.message = message
    }

    // MARK: Hints, help and the question's dialog

    /// The hint bar while the form is open: the question's answers, else the form's rows that apply.
    var keyHints: [KeyHint] { question?.hints ?? KeyRow.hints(Self.keys, self) }

    /// Help while the form is open: its rows, then the question's
    /// ("Conflicts"); `noun` ("agent") words saving a deleted record as new.
    static func helpSections(noun: String) -> [HelpSection] {
        KeyRow.helpSections(keys) + [RecordFormQuestion<Record>.helpSection(noun: noun)]
    }

    /// The question over the form, when one is open (the terminal cursor hides under it).
    func drawQuestion(in rect: Rect, _ buffer: inout ScreenBuffer) {
        guard let question else { return }
        buffer.cursor = nil
        question.draw(name: original?.displayName ?? draft.displayName, in: rect, &buffer)
    }
}
