import ActionModel
import Platforms
import Foundation
import Screen

/// What the editor asks of its host after a key.
public enum ActionEditorOutcome: Sendable, Equatable {
    case none
    /// Store this action: insert when `isNew`, else update at `action.version`
    /// (the version the editor read). Answered by `saved` or `saveFailed`.
    case save(Action, isNew: Bool)
    /// Leave the editor (nothing unsaved, or the person chose to discard).
    case close
    /// Ctrl-T (Alt-T: `editValuesFirst`): send the form's action as a test
    /// request, without a call; the host checks and sends it.
    case testRequest(editValuesFirst: Bool)
}

/// Which page of the editor is showing.
enum EditorScreen: Equatable, Sendable {
    case form
    /// The Input Schema's property list (the property form opens over it).
    case schema
}

/// A question the editor is waiting on; every other key waits with it.
enum EditorPrompt: Equatable, Sendable {
    case discard
    /// The store refused an update: `current` is the stored action now, nil when deleted.
    case conflict(current: Action?)
    case removeProperty(Int)
}

/// The configuration form of one action and its Input Schema editor, as a
/// plain value: `handle` applies a key, `render` draws it.
public struct ActionEditorState: Sendable, Equatable {
    var values: FormValues
    var baseline: FormValues.Content
    /// The stored action being edited; nil while creating.
    var original: Action?
    var draftID: ActionID
    var createdAt: Date
    /// The version the form was read at (what an update must carry).
    var version: Int
    /// Every function name in the store, lowercased.
    var knownFunctionNames: Set<String>
    /// Names this action itself has had (never a clash with itself), lowercased.
    var ownFunctionNames: Set<String> = []
    /// Once the function name is typed by hand it no longer follows the name.
    var functionNameEdited: Bool
    var focus: EditorField = .name
    var errors: [EditorField: String] = [:]
    var screen: EditorScreen = .form
    var schemaSelection = 0
    var propertyForm: PropertyForm?
    var prompt: EditorPrompt?
    /// A store failure or other notice, shown until the next key.
    var message: String?
    /// The version a live update (shared store) says is stored now: newer
    /// than `version` means someone else saved meanwhile and Ctrl-S will be refused.
    var storedVersion: Int?
    /// Said under the form (after any message) while `storedVersion` is newer than what the form read.
    var changedElsewhereNotice: String? {
        guard let storedVersion, original != nil, storedVersion > version else { return nil }
        return ChangedElsewhere.notice(newerVersion: storedVersion)
    }
    /// The save under way, if any: edits made meanwhile survive it, and a
    /// second Ctrl-S waits for it.
    var saving = SaveInFlight<FormValues.Content>()
    /// Secrets (signature secret, header values) drawn in clear.
    var revealSecrets = false
    /// `p` / F2 flips the tool JSON panel from its default for the width:
    /// shown beside the editor when wide, hidden (or covering the list) when narrow.
    var showsPanel = false
    var panelScroll = 0
    /// Whose definition the side panel shows; F3 moves on to the next platform.
    var previewFormat = PlatformFormat.openai
    /// What `{{env.…}}` / `{{secret.…}}` names are defined in the active
    /// environment (names only, never a value); nil until the store said.
    var templateNames: TemplateNamesSnapshot?

    /// From this width on the JSON side panel is shown without asking.
    static let sidePanelMinimumWidth = 100

    public init(creating kind: ActionKind, existingFunctionNames: Set<String>) {
        values = FormValues(kind: kind)
        baseline = values.content
        original = nil
        draftID = ActionID.generate()
        createdAt = Date()
        version = 1
        knownFunctionNames = Set(existingFunctionNames.map { $0.lowercased() })
        functionNameEdited = false
    }

    public init(editing action: Action, existingFunctionNames: Set<String>) {
        values = FormValues(action: action)
        baseline = values.content
        original = action
        draftID = action.id
        createdAt = action.createdAt
        version = action.version
        knownFunctionNames = Set(existingFunctionNames.map { $0.lowercased() })
        ownFunctionNames = [action.functionName.lowercased()]
        // A stored tool name stays put when the action is renamed: prompts refer to it.
        functionNameEdited = true
    }

    public var isDirty: Bool { values.content != baseline }

    public var title: String {
        if let original { return "Edit: \(original.name)" }
        return "New \(values.kind.title) action"
    }

    public var hasOpenPrompt: Bool { prompt != nil }

    /// True while printable keys belong to the editor: a text field has the
    /// focus (or a prompt is open). A host must not take `q` or `?` as its own
    /// keys then, or nobody could type "Request a quote?" (F1, Ctrl-P and
    /// Ctrl-C are never used by the editor).
    public var capturesTextInput: Bool {
        if prompt != nil { return true }
        if let propertyForm { return propertyForm[text: propertyForm.focus] != nil }
        guard screen == .form else { return false }
        return values[text: focus] != nil || focus == .addHeader
    }

    var kind: ActionKind { values.kind }

    /// Other actions' function names, lowercased.
    var takenFunctionNames: Set<String> { knownFunctionNames.subtracting(ownFunctionNames) }

    // MARK: Store answers

    public mutating func saveFailed(_ failure: StoreFailure) {
        saving.failed()
        switch failure.reason {
        case let .conflict(current):
            prompt = .conflict(current: current)
        case .notFound where original != nil:
            // Gone from the store while being edited: the same choice as a deletion.
            prompt = .conflict(current: nil)
        case .duplicateFunctionName:
            screen = .form
            propertyForm = nil
            errors[.functionName] = failure.message.isEmpty
                ? "'\(values.functionName.text)' is already the function name of another action; pick another"
                : failure.message
            focus = .functionName
            message = "Not saved: \(failure.message)"
        default:
            message = "Not saved: \(failure.message)"
        }
    }

    /// The store saved `action`. Edits made after the save started stay, and
    /// stay unsaved; a Ctrl-S queued meanwhile is answered with the next save.
    @discardableResult
    public mutating func saved(_ action: Action) -> ActionEditorOutcome {
        if case let .editedMeanwhile(saveAgain) = saving.landed(now: values.content) {
            // The stored action is the new base (its version, its ID for a
            // new one); the form keeps what was typed since, still dirty.
            original = action
            baseline = FormValues(action: action).content
            draftID = action.id
            createdAt = action.createdAt
            version = action.version
            ownFunctionNames.insert(action.functionName.lowercased())
            functionNameEdited = true
            message = nil
            return saveAgain ? attemptSave() : .none
        }
        let keptFocus = focus
        let keptScreen = screen
        let keptSelection = schemaSelection
        original = action
        values = FormValues(action: action)
        baseline = values.content
        draftID = action.id
        createdAt = action.createdAt
        version = action.version
        ownFunctionNames.insert(action.functionName.lowercased())
        functionNameEdited = true
        errors = [:]
        prompt = nil
        propertyForm = nil
        message = nil
        screen = keptScreen
        focus = values.fieldOrder.contains(keptFocus) ? keptFocus : .name
        schemaSelection = min(keptSelection, max(0, values.schema.properties.count - 1))
        return .none
    }

    /// Replaces the form with a stored action (Reload theirs).
    mutating func reload(_ action: Action) {
        let known = knownFunctionNames
        let own = ownFunctionNames
        let reveal = revealSecrets
        let names = templateNames
        self = ActionEditorState(editing: action, existingFunctionNames: [])
        templateNames = names
        knownFunctionNames = known
        ownFunctionNames = own.union([action.functionName.lowercased()])
        revealSecrets = reveal
        message = "Reloaded '\(action.name)' (version \(action.version))."
    }

    // MARK: The action being edited

    /// The action the form describes now, as it would be saved. `updatedAt` is
    /// left as read: the store stamps it. A field left as it was loaded gives
    /// back the stored value exactly (no trimming or re-parsing of untouched text).
    var draftAction: Action {
        var action = Action(
            id: draftID,
            name: values.name.text.trimmingCharacters(in: .whitespacesAndNewlines),
            functionName: values.functionName.text,
            description: values.description.text.trimmingCharacters(in: .whitespacesAndNewlines),
            trigger: values.trigger,
            configuration: values.configuration,
            platform: values.platform,
            createdAt: createdAt,
            updatedAt: original?.updatedAt ?? createdAt,
            version: version
        )
        guard let original, original.kind == values.kind else { return action }
        let loaded = FormValues(action: original)
        if values.name.text == loaded.name.text { action.name = original.name }
        if values.description.text == loaded.description.text { action.description = original.description }
        if values.usesPhrases == loaded.usesPhrases, values.phrases.text == loaded.phrases.text { action.trigger = original.trigger }
        if case var .customInput(config) = action.configuration, case let .customInput(stored) = original.configuration {
            if values.url.text == loaded.url.text { config.url = stored.url }
            if values.headers.map(\.text) == loaded.headers.map(\.text) { config.headers = stored.headers }
            if values.signatureSecret.text == loaded.signatureSecret.text { config.signatureSecret = stored.signatureSecret }
            if values.timeout.text == loaded.timeout.text { config.timeoutSeconds = stored.timeoutSeconds }
            action.configuration = .customInput(config)
        }
        return action
    }

    /// The function name the name gives, or empty while there is no name.
    var derivedFunctionName: String {
        values.name.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? "" : FunctionName.unique(from: values.name.text, taken: takenFunctionNames)
    }

    // MARK: Input

    /// A key runs its row's command (`EditorKey` rows, `EditorKeys.swift`);
    /// a key no row has is the focused text field's (typing, ← → Home End, ^U…).
    public mutating func handle(_ event: InputEvent) -> ActionEditorOutcome {
        switch event {
        case .resize:
            return .none
        case let .paste(text):
            message = nil
            guard prompt == nil else { return .none }
            if propertyForm != nil { pasteInPropertyForm(text) } else if screen == .form { paste(text) }
            return .none
        case let .key(key):
            message = nil
            if let command = command(for: key) { return run(command) }
            guard prompt == nil else { return .none }
            if propertyForm != nil { typeInPropertyForm(key) } else if screen == .form { type(key) }
            return .none
        }
    }

    /// Runs one of the editor's commands (from a key's row, or the palette).
    mutating func run(_ command: EditorCommand) -> ActionEditorOutcome {
        let order = values.fieldOrder
        let index = order.firstIndex(of: focus) ?? 0
        switch command {
        case .togglePanel:
            showsPanel.toggle()
        case .nextPreviewFormat:
            let formats = PlatformFormat.allCases
            previewFormat = formats[((formats.firstIndex(of: previewFormat) ?? 0) + 1) % formats.count]
            panelScroll = 0
        case .scrollPanelUp:
            panelScroll = max(0, panelScroll - 10)
        case .scrollPanelDown:
            let lines = Self.previewJSON(for: draftAction, format: previewFormat).prettyText.reduce(into: 1) { count, c in if c == "\n" { count += 1 } }
            panelScroll = min(panelScroll + 10, max(0, lines - 1))
        case .toggleReveal:
            revealSecrets.toggle()
        case .save:
            return attemptSave()
        case .testRequest:
            return .testRequest(editValuesFirst: false)
        case .editTestRequestValues:
            return .testRequest(editValuesFirst: true)
        case .previousField:
            if index > 0 { moveFocus(to: order[index - 1]) }
        case .nextField:
            if index + 1 < order.count { moveFocus(to: order[index + 1]) }
        case .nextFieldAround:
            moveFocus(to: order[(index + 1) % order.count])
        case .previousFieldAround:
            moveFocus(to: order[(index + order.count - 1) % order.count])
        case .enterNextField:
            moveFocus(to: order[min(index + 1, order.count - 1)])
        case .nextChoice, .previousChoice:
            changeChoice(by: command == .nextChoice ? 1 : -1)
        case .toggleSetting:
            toggleSetting(focus)
        case .openSchema:
            openSchemaEditor()
        case .addHeaderLine:
            if case let .header(line) = focus {
                if values.headers[line].text.trimmingCharacters(in: .whitespaces).isEmpty {
                    moveFocus(to: order[min(index + 1, order.count - 1)])
                } else {
                    addHeader(at: line + 1, text: "")
                }
            } else {
                addHeader(at: values.headers.count, text: "")
            }
        case .removeHeaderLine:
            if case let .header(line) = focus { removeHeader(at: line) }
        case .close:
            if isDirty { prompt = .discard; return .none }
            return .close
        case .previousProperty, .nextProperty, .firstProperty, .lastProperty, .addProperty, .editProperty, .removeProperty,
             .toggleRequired, .movePropertyDown, .movePropertyUp, .backToForm:
            runSchemaList(command)
        case .propertyPreviousField, .propertyNextField, .propertyNextFieldAround, .propertyPreviousFieldAround,
             .propertyNextChoice, .propertyPreviousChoice, .applyProperty, .cancelProperty:
            runPropertyForm(command)
        case .discardAndClose:
            prompt = nil
            return .close
        case .removeConfirmed:
            if case let .removeProperty(index)? = prompt {
                prompt = nil
                removeProperty(at: index)
            }
        case .dismissQuestion:
            prompt = nil
        case .overwriteTheirs:
            guard case let .conflict(current?)? = prompt else { return .none }
            prompt = nil
            version = current.version
            var action = draftAction
            action.version = current.version
            return .save(action, isNew: false)
        case .reloadTheirs:
            guard case let .conflict(current?)? = prompt else { return .none }
            reload(current)
        case .saveAsNew:
            prompt = nil
            original = nil
            draftID = ActionID.generate()
            createdAt = Date()
            version = 1
            return .save(draftAction, isNew: true)
        }
        return .none
    }

    /// Turns a yes/no setting of the form on or off (the palette's toggles too).
    mutating func toggleSetting(_ field: EditorField) {
        switch field {
        case .asksOptionalFields: values.asksOptionalFields.toggle()
        case .readsBack: values.readsBack.toggle()
        default: break
        }
    }

    /// Space → / ← on a choice row: the next or previous option.
    private mutating func changeChoice(by step: Int) {
        switch focus {
        case .trigger:
            values.usesPhrases.toggle()
            if !values.usesPhrases { errors[.phrases] = nil }
        case .bodyFormat:
            values.bodyFormat = values.bodyFormat == .fluents ? .argsAtRoot : .fluents
        case .platform:
            let platforms = ActionPlatform.allCases
            let index = platforms.firstIndex(of: values.platform) ?? 0
            values.platform = platforms[(index + step + platforms.count) % platforms.count]
            // The signing secret's rule depends on the platform (base64 only for Vocode).
            if errors[.signatureSecret] != nil { errors[.signatureSecret] = values.problem(for: .signatureSecret, takenFunctionNames: []) }
        default:
            break
        }
    }

    /// A key no row has, on the form: the focused text field's.
    private mutating func type(_ key: Key) {
        if focus == .addHeader {
            // Typing on "+ add header" starts a header line with the character.
            if case let .character(character) = key { addHeader(at: values.headers.count, text: String(character)) }
            return
        }
        edit(focus) { $0.handle(key) }
    }

    /// Applies a change to the focused text field, then keeps what depends on it current.
    private mutating func edit(_ field: EditorField, _ change: (inout TextField) -> Void) {
        guard var text = values[text: field] else { return }
        change(&text)
        values[text: field] = text
        afterEdit(field)
    }

    private mutating func afterEdit(_ field: EditorField) {
        if field == .name, !functionNameEdited {
            values.functionName.setText(derivedFunctionName)
            if errors[.functionName] != nil { revalidate(.functionName) }
        }
        if field == .functionName { functionNameEdited = !values.functionName.text.isEmpty }
        // A message already shown goes away as soon as the value is fixed.
        if errors[field] != nil { revalidate(field) }
    }

    private mutating func revalidate(_ field: EditorField) {
        errors[field] = values.problem(for: field, takenFunctionNames: takenFunctionNames)
    }

    private mutating func paste(_ text: String) {
        switch focus {
        case .phrases:
            let joined = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: ", ")
            edit(.phrases) { $0.insert(joined) }
        case .header, .addHeader:
            var lines = text.split(whereSeparator: \.isNewline).map(String.init)
            guard !lines.isEmpty else { return }
            var line: Int
            if case let .header(current) = focus {
                line = current
                edit(focus) { $0.insert(lines.removeFirst()) }
            } else {
                line = values.headers.count
                addHeader(at: line, text: lines.removeFirst())
            }
            for rest in lines {
                line += 1
                values.headers.insert(TextField(rest), at: line)
                focus = .header(line)
            }
        case .trigger, .bodyFormat, .asksOptionalFields, .readsBack, .platform, .inputSchema:
            break
        default:
            edit(focus) { $0.insert(text) }
        }
    }

    /// Moves the focus, validating the field being left (and dropping an
    /// empty header line).
    mutating func moveFocus(to target: EditorField) {
        let leaving = focus
        var target = target
        if case let .header(line) = leaving, values.headers.indices.contains(line),
           values.headers[line].text.trimmingCharacters(in: .whitespaces).isEmpty {
            values.headers.remove(at: line)
            if case let .header(other) = target, other > line { target = .header(other - 1) }
            revalidateHeaders(except: target)
        } else if leaving != target {
            revalidate(leaving)
            if leaving.isHeader { revalidateHeaders(except: target) }
        }
        focus = target
    }

    /// Header messages depend on each other (a name set twice), so they are
    /// checked together, except the line now being typed.
    private mutating func revalidateHeaders(except current: EditorField) {
        for key in errors.keys where key.isHeader { errors[key] = nil }
        for line in values.headers.indices where EditorField.header(line) != current {
            errors[.header(line)] = values.problem(for: .header(line), takenFunctionNames: takenFunctionNames)
        }
    }

    private mutating func addHeader(at line: Int, text: String) {
        if case .header = focus { moveFocus(to: .addHeader) }  // validates the line being left
        let line = min(line, values.headers.count)
        values.headers.insert(TextField(text), at: line)
        focus = .header(line)
        revalidateHeaders(except: focus)
    }

    private mutating func removeHeader(at line: Int) {
        guard values.headers.indices.contains(line) else { return }
        values.headers.remove(at: line)
        focus = values.headers.indices.contains(line) ? .header(line) : .addHeader
        revalidateHeaders(except: .addHeader)
    }

    /// Validates every field; saves when all are fine, else shows the first problem.
    mutating func attemptSave() -> ActionEditorOutcome {
        guard saving.mayStart() else {
            message = SaveInFlight<FormValues.Content>.waitingMessage
            return .none
        }
        let order = values.fieldOrder
        var found: [EditorField: String] = [:]
        for field in order {
            if let problem = values.problem(for: field, takenFunctionNames: takenFunctionNames) { found[field] = problem }
        }
        // The model's own rules have the last word (nothing should remain here).
        let action = draftAction
        for issue in action.issues {
            let headerAlreadyShown = issue.field == .headers && found.keys.contains(where: \.isHeader)
            if let field = EditorField(issue.field), order.contains(field), found[field] == nil, !headerAlreadyShown {
                found[field] = issue.message
            }
        }
        errors = found
        if let first = order.first(where: { found[$0] != nil }) {
            screen = .form
            propertyForm = nil
            focus = first
            message = found.count == 1 ? "Not saved: 1 field needs fixing." : "Not saved: \(found.count) fields need fixing."
            return .none
        }
        saving.started(with: values.content)
        return .save(action, isNew: original == nil)
    }
}
