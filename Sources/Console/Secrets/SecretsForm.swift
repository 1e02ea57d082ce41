import ActionModel
import Screen

/// The small forms of the Secrets page: a new secret, a secret's value, a new
/// environment, an environment variable. A secret's value is typed into a
/// field that is drawn as bullets and never echoed; it leaves the form only
/// in the `.secrets(.setValue)` effect.
struct SecretsForm: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case newSecret
        /// `source` is the `$VAR` the secret comes from now, if any.
        case setValue(secret: String, source: String?)
        case newEnvironment
        /// `editing` is the variable being changed; nil for a new one.
        case variable(environment: String, editing: String?)
    }

    enum Field: Sendable, Hashable {
        case name, source, scope, value, environmentVariable, variableValue
    }

    enum Outcome: Sendable, Equatable {
        case none, cancel
        case submit(ConsoleEffect)
        /// A console key the form leaves to the shell (F1, Ctrl-C).
        case shell(Command)
    }

    var kind: Kind
    /// The active environment: a secret's value can be its own.
    var activeEnvironment: String?
    /// Names already taken (lowercased for environments), for a clear message before the store is asked.
    var takenNames: Set<String>
    var name = TextField()
    /// The new secret comes from a process environment variable, not a typed value.
    var fromEnvironmentVariable = false
    /// The value is the active environment's own, not the default.
    var onlyActiveEnvironment = false
    var value = TextField()
    var environmentVariable = TextField()
    var variableValue = TextField()
    var focus: Field
    var errors: [Field: String] = [:]
    /// A store refusal, shown until the next key.
    var message: String?
    /// The save under way, if any: what is typed meanwhile is not lost when it
    /// lands (the form stays open with it), and a second Ctrl-S waits for it.
    var saving = SaveInFlight<Content>()
    /// The environment this new-environment form already created (its save
    /// landed while the name was being edited): environments have no rename,
    /// so a second Ctrl-S must not quietly create another one.
    var createdEnvironment: String?

    /// Everything the form would send, to tell what was typed after a save started.
    struct Content: Equatable {
        var texts: [String]
        var fromEnvironmentVariable: Bool
        var onlyActiveEnvironment: Bool
    }

    var content: Content {
        Content(texts: [name.text, value.text, environmentVariable.text, variableValue.text],
                fromEnvironmentVariable: fromEnvironmentVariable, onlyActiveEnvironment: onlyActiveEnvironment)
    }

    init(_ kind: Kind, activeEnvironment: String?, takenNames: Set<String> = [], variableValue: String = "") {
        self.kind = kind
        self.activeEnvironment = activeEnvironment
        self.takenNames = takenNames
        self.variableValue = TextField(variableValue)
        focus = .name
        // Setting a value starts on the value: the scope is a choice most leave as it is.
        if case .setValue = kind { focus = .value } else { focus = fields.first ?? .name }
    }

    var title: String {
        switch kind {
        case .newSecret: return "New secret"
        case let .setValue(secret, _): return "Set the value of \(secret)"
        case .newEnvironment: return "New environment"
        case let .variable(environment, editing): return editing.map { "\($0) in \(environment)" } ?? "New variable in \(environment)"
        }
    }

    /// The rows of the form, top to bottom.
    var fields: [Field] {
        let scope: [Field] = activeEnvironment == nil ? [] : [.scope]
        switch kind {
        case .newSecret: return [.name, .source] + (fromEnvironmentVariable ? [.environmentVariable] : scope + [.value])
        case .setValue: return scope + [.value]
        case .newEnvironment: return [.name]
        case let .variable(_, editing): return editing == nil ? [.name, .variableValue] : [.variableValue]
        }
    }

    func label(_ field: Field) -> String {
        switch field {
        case .name:
            switch kind {
            case .newEnvironment: return "Name"
            case .variable: return "Variable"
            default: return "Secret name"
            }
        case .source: return "Value from"
        case .scope: return "Used in"
        case .value: return "Value"
        case .environmentVariable: return "Variable name"
        case .variableValue: return "Value"
        }
    }

    /// Anything typed that Esc or quitting would lose.
    var isDirty: Bool {
        !name.text.isEmpty || !value.text.isEmpty || !environmentVariable.text.isEmpty
    }

    /// True while printable keys are text (a text field has the focus).
    var capturesTextInput: Bool { focus != .source && focus != .scope }

    // MARK: Keys

    /// What a key does in the form.
    enum KeyCommand: Equatable, Sendable { case nextField, previousField, changeChoice, enterNext, save, cancel, help, quit }

    typealias Keys = KeyRow<SecretsForm, KeyCommand>

    /// The form's rows, in help order (`hintOrder` puts Space first in the bar).
    static let keys: [Keys] = {
        let group = "Form"
        return [
            Keys("Tab ↓ / Shift-Tab ↑", pairs: [(.tab, .nextField), (.down, .nextField), (.backTab, .previousField), (.up, .previousField)],
                 hint: "next field", hintKey: "Tab", help: "next / previous field", group: group),
            Keys("Space ← →", [.character(" "), .left, .right], .changeChoice, hint: "change", hintKey: "Space", help: "change a choice",
                 group: group, applies: { !$0.capturesTextInput }, hintOrder: -1),
            Keys("⏎", [.enter], .enterNext, help: "next field; on the last one, save", group: group),
            Keys("Ctrl-S", [.ctrl("s")], .save, hint: "save", help: "save", group: group),
            Keys("Esc", [.escape], .cancel, hint: "cancel", help: "cancel (a typed value is dropped)", group: group),
            // The console's keys (help lists them with every page's).
            Keys("F1", [.function(1)], .help, hint: "help", help: nil, group: group, hintOrder: 1),
            Keys("Ctrl-C", [.ctrl("c")], .quit, help: nil, group: group),
        ]
    }()

    var keyHints: [KeyHint] { Keys.hints(Self.keys, self) }

    /// The form's keys for help, under its title.
    var helpSection: HelpSection { HelpSection(title, Keys.helpSections(Self.keys).flatMap(\.keys)) }

    /// A key runs its row's command (`keys`); a key no row has is the focused field's text.
    mutating func handle(_ event: InputEvent) -> Outcome {
        message = nil
        switch event {
        case .resize: return .none
        case let .paste(text):
            // A pasted value usually ends with the line break of the copy.
            var cleaned = text
            while cleaned.hasSuffix("\n") || cleaned.hasSuffix("\r") { cleaned.removeLast() }
            edit { $0.insert(cleaned) }
            return .none
        case let .key(key):
            if let command = command(for: key) { return run(command) }
            edit { _ = $0.handle(key) }
            return .none
        }
    }

    /// Runs one of the form's commands (from a key's row).
    mutating func run(_ command: KeyCommand) -> Outcome {
        let order = fields
        let index = order.firstIndex(of: focus) ?? 0
        switch command {
        case .changeChoice:
            if focus == .source { fromEnvironmentVariable.toggle() } else if focus == .scope { onlyActiveEnvironment.toggle() }
        case .cancel: return .cancel
        case .save: return submit()
        case .nextField: focus = order[(index + 1) % order.count]
        case .previousField: focus = order[(index + order.count - 1) % order.count]
        case .enterNext:
            if index + 1 < order.count { focus = order[index + 1] } else { return submit() }
        case .help: return .shell(.help)
        case .quit: return .shell(.quit)
        }
        return .none
    }

    /// Applies a change to the focused text field; a shown message goes once the text changes.
    private mutating func edit(_ change: (inout TextField) -> Void) {
        switch focus {
        case .name: change(&name)
        case .value: change(&value)
        case .environmentVariable: change(&environmentVariable)
        case .variableValue: change(&variableValue)
        case .source, .scope: return
        }
        errors[focus] = nil
    }

    // MARK: Checking and saving

    /// The problem with one field, worded with the fix; nil when fine.
    func problem(_ field: Field) -> String? {
        switch field {
        case .name:
            let typed = name.text.trimmingCharacters(in: .whitespaces)
            switch kind {
            case .newEnvironment:
                if let problem = TemplateNames.environmentProblem(typed) { return problem }
                if takenNames.contains(typed.lowercased()) { return "environment '\(typed)' already exists; pick another name" }
            case .variable:
                if let problem = TemplateNames.problem(typed, what: "variable") { return problem }
                if takenNames.contains(typed) { return "\(typed) is already set here; press ⏎ on it to change its value" }
            default:
                if let problem = TemplateNames.problem(typed, what: "secret") { return problem }
                if takenNames.contains(typed) { return "secret \(typed) already exists; press ⏎ on it to set its value" }
            }
            return nil
        case .value:
            return value.text.isEmpty ? "type the value (it is not shown); a secret can't be empty" : nil
        case .environmentVariable:
            return TemplateNames.problem(environmentVariable.text.trimmingCharacters(in: .whitespaces), what: "environment variable")
        case .variableValue, .source, .scope:
            return nil
        }
    }

    /// Checks every field; the effect that makes the change when all are fine.
    mutating func submit() -> Outcome {
        guard saving.mayStart() else {
            message = SaveInFlight<Content>.waitingMessage
            return .none
        }
        let outcome = checkedSubmission()
        if case .submit = outcome { saving.started(with: content) }
        return outcome
    }

    /// The store saved what was sent (`done` says what). Nil when the form can
    /// close; else it stays open with what was typed since, and the outcome
    /// sends it when a Ctrl-S waited for this answer.
    mutating func saved(_ done: String) -> Outcome? {
        let sentName = saving.sent?.texts.first?.trimmingCharacters(in: .whitespaces)
        guard case let .editedMeanwhile(saveAgain) = saving.landed(now: content) else { return nil }
        if kind == .newEnvironment { createdEnvironment = sentName }
        if saveAgain { return submit() }
        message = "\(done). What you typed since is not saved yet: Ctrl-S saves it, Esc drops it."
        return Outcome.none
    }

    private mutating func checkedSubmission() -> Outcome {
        errors = [:]
        for field in fields { if let problem = problem(field) { errors[field] = problem } }
        if let first = fields.first(where: { errors[$0] != nil }) {
            focus = first
            return .none
        }
        let typedName = name.text.trimmingCharacters(in: .whitespaces)
        let environment = onlyActiveEnvironment ? activeEnvironment : nil
        switch kind {
        case .newSecret:
            if fromEnvironmentVariable {
                return .submit(.secrets(.setSource(name: typedName,
                                                environmentVariable: environmentVariable.text.trimmingCharacters(in: .whitespaces))))
            }
            return .submit(.secrets(.setValue(name: typedName, environment: environment, value: SecretText(value.text))))
        case let .setValue(secret, _):
            return .submit(.secrets(.setValue(name: secret, environment: environment, value: SecretText(value.text))))
        case .newEnvironment:
            if let created = createdEnvironment {
                if typedName == created { return .cancel }
                errors[.name] = "\(created) is created already and environments can't be renamed: "
                    + "Esc keeps it; or Esc, d deletes it, n creates \(typedName)"
                focus = .name
                return .none
            }
            return .submit(.secrets(.createEnvironment(typedName)))
        case let .variable(environmentName, editing):
            return .submit(.secrets(.setVariable(environment: environmentName, name: editing ?? typedName, value: variableValue.text)))
        }
    }
}

extension SecretsForm: KeyedForm {
    var typesText: Bool { capturesTextInput }
}
