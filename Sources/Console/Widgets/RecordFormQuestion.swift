import Foundation
import Screen

/// A record that carries an optimistic-concurrency version (agents, webhooks, models).
protocol VersionedRecord: Sendable, Equatable {
    var version: Int { get }
    var createdAt: Date { get }
    /// The name people know it by in lists and questions ("Front desk", "CRM sync").
    var displayName: String { get }
}

/// What a record form (Agents, Webhooks) asks before it goes on: discard
/// unsaved changes, or what to do when the store refused a save because the
/// record changed (`current`) or was deleted (nil) elsewhere. One question,
/// one set of keys, one dialog for every such form.
enum RecordFormQuestion<Record: VersionedRecord>: Sendable, Equatable {
    case discard
    /// The store refused the update: `current` is the stored record now, nil when deleted.
    case conflict(current: Record?)

    /// What the person chose.
    enum Answer: Equatable {
        /// Not an answer: the question stays.
        case none
        /// The question goes, the form stays as it is.
        case keepEditing
        case discardAndClose
        /// Save mine over theirs (at their version).
        case overwrite(Record)
        /// Take theirs, dropping mine.
        case reload(Record)
        /// It was deleted elsewhere: save mine as a new record.
        case saveAsNew
    }

    /// What a key of the question runs.
    enum KeyCommand: Equatable, Sendable { case discard, keepEditing, overwrite, reload, saveAsNew }

    typealias QuestionRow = KeyRow<RecordFormQuestion<Record>, KeyCommand>

    /// The question's rows, one table for every record form; `noun` ("agent")
    /// words the help line of saving a deleted record as new.
    static func keys(noun: String) -> [QuestionRow] {
        let group = "Conflicts"
        let discarding: @Sendable (RecordFormQuestion<Record>) -> Bool = { $0 == .discard }
        let conflict: @Sendable (RecordFormQuestion<Record>) -> Bool = { if case .conflict = $0 { return true } else { return false } }
        let changed: @Sendable (RecordFormQuestion<Record>) -> Bool = { if case .conflict(current: .some) = $0 { return true } else { return false } }
        let deleted: @Sendable (RecordFormQuestion<Record>) -> Bool = { $0 == .conflict(current: nil) }
        return [
            // The discard question's answers are told on its own line ("y/N"), not in help.
            QuestionRow("y", [.character("y"), .character("Y")], .discard, hint: "discard", help: nil, group: group, applies: discarding),
            QuestionRow("n", [.character("n"), .character("N"), .escape, .enter], .keepEditing, hint: "keep editing", help: nil,
                        group: group, applies: discarding),
            QuestionRow("o", [.character("o"), .character("O")], .overwrite, hint: "overwrite with mine",
                        help: "overwrite the other change with mine", group: group, applies: changed),
            QuestionRow("r", [.character("r"), .character("R")], .reload, hint: "reload theirs", help: "reload theirs, discarding mine",
                        group: group, applies: changed),
            QuestionRow("s", [.character("s"), .character("S")], .saveAsNew, hint: "save as new",
                        help: "save as a new \(noun) (when it was deleted)", group: group, applies: deleted),
            QuestionRow("Esc", [.escape], .keepEditing, hint: "keep editing", help: "keep editing", group: group, applies: conflict),
        ]
    }

    /// The conflict keys for a form's help (`noun`: "model").
    static func helpSection(noun: String) -> HelpSection {
        QuestionRow.helpSections(keys(noun: noun)).first ?? HelpSection("Conflicts", [])
    }

    /// The answer a key gives: its row's command, with the record it is about.
    func answer(_ key: Key) -> Answer {
        guard let command = QuestionRow.command(for: key, in: Self.keys(noun: ""), self) else { return .none }
        return answer(command)
    }

    /// The answer running `command` gives (none when it is not this question's).
    func answer(_ command: KeyCommand) -> Answer {
        switch (self, command) {
        case (.discard, .discard): return .discardAndClose
        case (_, .keepEditing): return .keepEditing
        case let (.conflict(current?), .overwrite): return .overwrite(current)
        case let (.conflict(current?), .reload): return .reload(current)
        case (.conflict(nil), .saveAsNew): return .saveAsNew
        default: return .none
        }
    }

    var hints: [KeyHint] { QuestionRow.hints(Self.keys(noun: ""), self) }

    /// The question as a small dialog over the form; `name` is the record as people know it.
    func draw(name: String, in rect: Rect, _ buffer: inout ScreenBuffer) {
        let title: String
        let body: [(String, Style)]
        switch self {
        case .discard:
            title = "Unsaved changes"
            body = [("Discard unsaved changes? y/N", .text)]
        case let .conflict(current?):
            title = "Changed elsewhere"
            body = [("'\(name)' was changed elsewhere (version \(current.version)).", .text), ("", .text),
                    ("[o] Overwrite with mine", .accent), ("[r] Reload theirs (discard mine)", .accent), ("[Esc] Keep editing", .accent)]
        case .conflict(nil):
            title = "Deleted elsewhere"
            body = [("'\(name)' was deleted elsewhere.", .text), ("", .text),
                    ("[s] Save as new", .accent), ("[Esc] Keep editing", .accent)]
        }
        let contentWidth = body.map { TextWidth.of($0.0) }.max() ?? 0
        let width = min(rect.width, max(contentWidth, TextWidth.of(title) + 4) + 6)
        let dialog = rect.centered(width: width, height: min(rect.height, body.count + 4))
        ActionEditorState.clearAround(dialog, within: rect, into: &buffer)
        buffer.fill(x: dialog.x, y: dialog.y, width: dialog.width, height: dialog.height, style: Style(.dialog))
        buffer.box(x: dialog.x, y: dialog.y, width: dialog.width, height: dialog.height, style: Style(.focusBorder), title: title)
        for (offset, line) in body.enumerated() where offset < dialog.height - 4 {
            buffer.put(TextWidth.truncate(line.0, to: dialog.width - 4), x: dialog.x + 3, y: dialog.y + 2 + offset, style: line.1,
                       maxX: dialog.maxX - 1)
        }
    }
}
