import Screen

/// A record that carries an optimistic-concurrency version (agents, webhooks).
protocol VersionedRecord: Sendable, Equatable {
    var version: Int { get }
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

    func answer(_ key: Key) -> Answer {
        switch (self, key) {
        case (.discard, .character("y")), (.discard, .character("Y")): return .discardAndClose
        case (.discard, .character("n")), (.discard, .character("N")), (.discard, .escape), (.discard, .enter): return .keepEditing
        case (.conflict, .escape): return .keepEditing
        case let (.conflict(current?), .character("o")), let (.conflict(current?), .character("O")): return .overwrite(current)
        case let (.conflict(current?), .character("r")), let (.conflict(current?), .character("R")): return .reload(current)
        case (.conflict(nil), .character("s")), (.conflict(nil), .character("S")): return .saveAsNew
        default: return .none
        }
    }

    var hints: [KeyHint] {
        switch self {
        case .discard: return [KeyHint("y", "discard"), KeyHint("n", "keep editing")]
        case .conflict(current: .some):
            return [KeyHint("o", "overwrite with mine"), KeyHint("r", "reload theirs"), KeyHint("Esc", "keep editing")]
        case .conflict(current: nil): return [KeyHint("s", "save as new"), KeyHint("Esc", "keep editing")]
        }
    }

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
