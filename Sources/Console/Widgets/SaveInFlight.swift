/// The save a record form has sent that the store has not answered yet.
///
/// Keys keep arriving while the store works (one input burst can hold Ctrl-S
/// and more typing), so only what was sent may be marked clean when the answer
/// lands; and Ctrl-S again meanwhile waits for that answer, to go out with the
/// version the first save got instead of coming back as a false "changed
/// elsewhere". The action, agent and webhook forms each hold one of these
/// (`Content` is the form's comparable content).
struct SaveInFlight<Content: Equatable & Sendable>: Equatable, Sendable {
    /// The form's content the save under way was made from; nil when none is.
    private(set) var sent: Content?
    /// Ctrl-S was pressed again while the save was under way.
    private(set) var queued = false

    /// Shown on the form when a Ctrl-S has to wait for the save under way.
    static var waitingMessage: String { "Saving… the changes made meanwhile are saved right after." }

    var isSaving: Bool { sent != nil }

    /// Ctrl-S: true when a save may be sent now; false (the press is kept,
    /// answered when the save under way lands) while one is under way.
    mutating func mayStart() -> Bool {
        guard sent == nil else {
            queued = true
            return false
        }
        return true
    }

    /// A save was sent, made from `content`.
    mutating func started(with content: Content) {
        sent = content
        queued = false
    }

    /// The store refused the save (or it was never sent): nothing is under
    /// way, and a waiting Ctrl-S is dropped with it (the form shows why).
    mutating func failed() {
        sent = nil
        queued = false
    }

    /// What the form does with the stored record once the save lands.
    enum Landing: Equatable, Sendable {
        /// The form still holds what was sent: it becomes the stored record, clean.
        case clean
        /// The form was edited since: the stored record becomes only its base
        /// (version, ID), the edits stay and stay unsaved; `saveAgain` when a
        /// Ctrl-S waited for this answer.
        case editedMeanwhile(saveAgain: Bool)
    }

    /// The store saved; `current` is the form's content now.
    mutating func landed(now current: Content) -> Landing {
        defer { failed() }
        guard let sent, sent != current else { return .clean }
        return .editedMeanwhile(saveAgain: queued)
    }
}
