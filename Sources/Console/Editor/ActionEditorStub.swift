// TEMPORARY — exists only on the `console` branch so the shell compiles before
// the real configuration form (branch `editor`, Sources/Console/Editor/) lands.
// Same public API as the real ActionEditorState. DELETE THIS FILE AT MERGE.
import ActionModel
import Screen

public struct ActionEditorState: Sendable, Equatable {
    var action: Action
    var original: Action
    var isNew: Bool
    var message: String?
    var conflictPrompt = false

    public init(creating kind: ActionKind, existingFunctionNames: Set<String>) {
        action = Action(name: "", configuration: .empty(kind))
        original = action
        isNew = true
    }

    public init(editing action: Action, existingFunctionNames: Set<String>) {
        self.action = action
        original = action
        isNew = false
    }

    public var isDirty: Bool { action != original }

    public var title: String { isNew ? "New \(action.kind.title) action" : "Edit: \(original.name)" }

    public mutating func handle(_ event: InputEvent) -> ActionEditorOutcome {
        if conflictPrompt {
            if case .key(.escape) = event { conflictPrompt = false }
            return .none
        }
        switch event {
        case let .paste(text): action.name += text
        case let .key(.character(character)): action.name.append(character)
        case .key(.backspace): if !action.name.isEmpty { action.name.removeLast() }
        case .key(.ctrl("s")): return .save(action, isNew: isNew)
        case .key(.escape): return .close
        default: break
        }
        return .none
    }

    public func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        buffer.put("Action Name  " + action.name, x: rect.x + 1, y: rect.y + 1, maxX: rect.maxX)
        if let message { buffer.put(message, x: rect.x + 1, y: rect.y + 3, style: .error, maxX: rect.maxX) }
    }

    public var keyHints: [KeyHint] { [KeyHint("Ctrl-S", "save"), KeyHint("Esc", "close")] }

    public var helpSections: [HelpSection] { [HelpSection("Form", keyHints)] }

    public mutating func saveFailed(_ failure: StoreFailure) {
        message = failure.message
        if case .conflict = failure.reason { conflictPrompt = true }
    }

    public mutating func saved(_ action: Action) {
        self.action = action
        original = action
        isNew = false
        message = nil
    }

    public var hasOpenPrompt: Bool { conflictPrompt }
}

public enum ActionEditorOutcome: Sendable, Equatable {
    case none
    case save(Action, isNew: Bool)
    case close
}
