import Screen

/// A form whose keys are its own keymap rows (`keys`): a key runs its row's
/// command through `run`, a key no row has is the form's text. The record
/// forms, the Secrets form and the action editor are such forms; the keymap
/// tests check every one of them the same way through this.
protocol KeyedForm {
    associatedtype KeyCommand: Equatable & Sendable
    associatedtype Outcome: Equatable
    /// The form's rows, in help order; the hint bar, help and `handle` read them.
    static var keys: [KeyRow<Self, KeyCommand>] { get }
    /// Printable keys are text now, never a row's (the one text-capture rule).
    var typesText: Bool { get }
    /// A notice under the form; a key clears it before anything else.
    var message: String? { get set }
    mutating func handle(_ event: InputEvent) -> Outcome
    /// Runs one of the form's commands (what a key of its row does).
    mutating func run(_ command: KeyCommand) -> Outcome
}

extension KeyedForm {
    /// The command `key` runs now: the first row that applies and has it
    /// (nil: the key is text, or no row's).
    func command(for key: Key) -> KeyCommand? {
        KeyRow.command(for: key, in: Self.keys, self, capturesText: typesText)
    }
}
