import ActionModel
import Foundation
import Screen

/// A row of the model form: every one is a text field.
enum ModelFormField: Hashable, Sendable, CaseIterable {
    case name, baseURL, modelID, apiKey, headers, query, temperature, maxTokens, timeout

    var label: String {
        switch self {
        case .name: return "Name"
        case .baseURL: return "Base URL"
        case .modelID: return "Model ID"
        case .apiKey: return "API key"
        case .headers: return "Headers"
        case .query: return "Query"
        case .temperature: return "Temperature"
        case .maxTokens: return "Max tokens"
        case .timeout: return "Timeout (s)"
        }
    }

    var placeholder: String {
        switch self {
        case .name: return "how agents name it, e.g. gpt-4o-mini"
        case .baseURL: return "up to /v1, e.g. https://api.openai.com/v1"
        case .modelID: return "what the server expects, e.g. gpt-4o-mini"
        case .apiKey: return "{{secret.OPENAI_API_KEY}} (empty: no key)"
        case .headers: return "one 'Name: value' a line, e.g. api-key: {{secret.AZURE_KEY}}"
        case .query: return "one 'name=value' a line, e.g. api-version=2024-06-01"
        case .temperature: return "0 to 2 (empty: the server's default)"
        case .maxTokens: return "empty: the server's default"
        case .timeout: return "seconds one model turn may take (1 to 600)"
        }
    }

    /// Headers and query items take a line each (Enter starts a new one).
    var isMultiline: Bool { self == .headers || self == .query }

    /// The field a `ModelRecord.issues` line is about ("base URL: …").
    static func field(ofIssue issue: String) -> ModelFormField {
        let prefixes: [(String, ModelFormField)] = [
            ("name", .name), ("base URL", .baseURL), ("model", .modelID), ("api key", .apiKey), ("header", .headers),
            ("query", .query), ("temperature", .temperature), ("max tokens", .maxTokens), ("timeout", .timeout),
        ]
        return prefixes.first { issue.hasPrefix($0.0 + ":") || issue.hasPrefix($0.0 + " ") }?.1 ?? .name
    }
}

/// A question the form waits on; every other key waits with it.
typealias ModelFormQuestion = RecordFormQuestion<ModelRecord>

extension ModelRecord: VersionedRecord {
    var displayName: String { name }
}

/// The form that creates or edits one model record, as a plain value. It
/// checks what the command line checks (`ModelRecord.issues`), so the form
/// and `switchboard models create|edit` refuse the same things.
struct ModelFormState: Equatable, Sendable {
    /// The stored model being edited; nil while creating.
    var original: ModelRecord?
    var createdAt: Date
    /// The version the form was read at (what an update must carry).
    var version: Int
    var fields: [ModelFormField: TextField]
    var focus: ModelFormField = .name
    var errors: [ModelFormField: String] = [:]
    var question: ModelFormQuestion?
    /// What a list reload said about the stored record since the form read it.
    var elsewhere: ChangedElsewhere?
    /// A store failure or notice, shown until the next key.
    var message: String?
    var saving = SaveInFlight<Content>()
    /// Other models' names, lowercased (a name must be unique).
    var takenNames: Set<String>
    var baseline: Content

    struct Content: Equatable {
        var texts: [String]
    }

    var content: Content { Content(texts: ModelFormField.allCases.map { text($0) }) }
    var title: String { original.map { "Edit model: \($0.name)" } ?? "New model" }

    func text(_ field: ModelFormField) -> String { fields[field]?.text ?? "" }

    /// A new model starts with the usual timeout.
    init(takenNames: Set<String>) {
        original = nil
        createdAt = Date()
        version = 1
        fields = Self.fields(for: nil)
        self.takenNames = takenNames
        baseline = Content(texts: [])
        baseline = content
    }

    init(editing model: ModelRecord, takenNames: Set<String>) {
        original = model
        createdAt = model.createdAt
        version = model.version
        fields = Self.fields(for: model)
        self.takenNames = takenNames
        baseline = Content(texts: [])
        baseline = content
    }

    static func fields(for model: ModelRecord?) -> [ModelFormField: TextField] {
        var fields: [ModelFormField: TextField] = [:]
        for field in ModelFormField.allCases {
            let value: String
            switch field {
            case .name: value = model?.name ?? ""
            case .baseURL: value = model?.baseURL ?? ""
            case .modelID: value = model?.modelID ?? ""
            case .apiKey: value = model?.apiKey ?? ""
            case .headers: value = (model?.headers ?? []).map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            case .query: value = (model?.query ?? []).map { "\($0.name)=\($0.value)" }.joined(separator: "\n")
            case .temperature: value = model?.temperature.map { String($0) } ?? ""
            case .maxTokens: value = model?.maxTokens.map(String.init) ?? ""
            case .timeout: value = String(model?.timeoutSeconds ?? ModelRecord.defaultTimeoutSeconds)
            }
            fields[field] = TextField(value, allowsNewlines: field.isMultiline)
        }
        return fields
    }

    /// The ID a save of the form goes under: the name as read (a rename keeps
    /// its place in the list until the store answers), else the name typed.
    var draftID: String { original?.id ?? text(.name).trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }

    var capturesTextInput: Bool { true }

    // MARK: The record the form describes

    private func lines(_ field: ModelFormField) -> [String] {
        text(field).split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// What the typed text can't be read as, by field (before the record's own checks).
    var parseProblems: [ModelFormField: String] {
        var problems: [ModelFormField: String] = [:]
        for line in lines(.headers) {
            if case let .failure(problem) = ModelRecord.header(line) { problems[.headers] = problem.message; break }
        }
        for line in lines(.query) {
            if case let .failure(problem) = ModelRecord.queryItem(line) { problems[.query] = problem.message; break }
        }
        let temperature = text(.temperature).trimmingCharacters(in: .whitespaces)
        if !temperature.isEmpty, Double(temperature) == nil {
            problems[.temperature] = "'\(temperature)' is not a number; 0 to 2, or empty for the server's default"
        }
        let maxTokens = text(.maxTokens).trimmingCharacters(in: .whitespaces)
        if !maxTokens.isEmpty, Int(maxTokens) == nil {
            problems[.maxTokens] = "'\(maxTokens)' is not a whole number; or empty for the server's default"
        }
        let timeout = text(.timeout).trimmingCharacters(in: .whitespaces)
        if Int(timeout) == nil { problems[.timeout] = "'\(timeout)' is not a whole number of seconds (1 to 600)" }
        return problems
    }

    /// The model as it would be saved (fields that don't parse keep their stored or default value).
    var draftModel: ModelRecord {
        let apiKey = text(.apiKey).trimmingCharacters(in: .whitespaces)
        return ModelRecord(
            name: text(.name).trimmingCharacters(in: .whitespacesAndNewlines),
            baseURL: text(.baseURL).trimmingCharacters(in: .whitespaces),
            modelID: text(.modelID).trimmingCharacters(in: .whitespaces),
            apiKey: apiKey.isEmpty ? nil : apiKey,
            headers: lines(.headers).compactMap { try? ModelRecord.header($0).get() },
            query: lines(.query).compactMap { try? ModelRecord.queryItem($0).get() },
            temperature: Double(text(.temperature).trimmingCharacters(in: .whitespaces)),
            maxTokens: Int(text(.maxTokens).trimmingCharacters(in: .whitespaces)),
            timeoutSeconds: Int(text(.timeout).trimmingCharacters(in: .whitespaces)) ?? original?.timeoutSeconds
                ?? ModelRecord.defaultTimeoutSeconds,
            createdAt: createdAt, updatedAt: original?.updatedAt, version: version)
    }

    // MARK: Validation

    /// Every field's first problem: what can't be read, the record's own
    /// checks (the command line's), and a name another model has.
    var problems: [ModelFormField: String] {
        var found = parseProblems
        for issue in draftModel.issues {
            let field = ModelFormField.field(ofIssue: issue)
            guard found[field] == nil else { continue }
            let colon = issue.range(of: ": ")
            found[field] = colon.map { String(issue[$0.upperBound...]) } ?? issue
        }
        let name = text(.name).trimmingCharacters(in: .whitespacesAndNewlines)
        if found[.name] == nil, takenNames.contains(name.lowercased()) {
            found[.name] = "a model named '\(name)' already exists; pick another name"
        }
        return found
    }

    func problem(for field: ModelFormField) -> String? { problems[field] }

    // MARK: The record form's own parts (`RecordForm` does the rest)

    var draft: ModelRecord { draftModel }
    var fieldOrder: [ModelFormField] { ModelFormField.allCases }

    func reopened(on model: ModelRecord) -> ModelFormState { ModelFormState(editing: model, takenNames: takenNames) }

    /// The ID follows `original` and the name typed (`draftID`): nothing to keep.
    mutating func takeDraftID(_: String?) {}

    mutating func changeText(of field: ModelFormField, _ change: (inout TextField) -> Void) -> Bool {
        guard var value = fields[field] else { return false }
        change(&value)
        fields[field] = value
        return true
    }

    func fieldError(in failure: String) -> (field: ModelFormField, error: String)? {
        failure.contains("model named") ? (.name, failure) : nil
    }

    // MARK: Keys

    /// What a key does in the form.
    enum KeyCommand: Equatable, Sendable { case nextField, previousField, enterNext, save, close }

    typealias Keys = KeyRow<ModelFormState, KeyCommand>

    /// The form's rows, in help order; the hint bar, help and `handle` read them.
    static let keys: [Keys] = {
        let group = "Model form"
        return [
            Keys("↑ ↓ Tab S-Tab", pairs: [(.tab, .nextField), (.down, .nextField), (.backTab, .previousField), (.up, .previousField)],
                 hint: "field", hintKey: "↑↓ Tab", help: "move between fields (a field is checked as you leave it)", group: group),
            // Typing is the focused field's own (no key of a row): told in help all the same.
            Keys("type", pairs: [], help: "edit the field: ← → Home End, ^U clear to start, ^K to end, ^W word", group: group),
            Keys("⏎", [.enter], .enterNext, hint: "new line", help: "in headers and query: a new line; elsewhere: the next field",
                 group: group, hinted: { $0.focus.isMultiline }),
            Keys("^S", [.ctrl("s")], .save, hint: "save", help: "save (jumps to the first field that needs fixing)", group: group),
            Keys("Esc", [.escape], .close, help: "close (asks before discarding changes)", group: group,
                 liveHint: { KeyHint("Esc", $0.isDirty ? "discard" : "close") }),
        ]
    }()

    /// Runs one of the form's commands (from a key's row).
    mutating func run(_ command: KeyCommand) -> RecordFormOutcome<ModelRecord> {
        switch command {
        case .save: return attemptSave()
        case .close: return close()
        case .nextField: moveFocusAround(by: 1)
        case .previousField: moveFocusAround(by: -1)
        case .enterNext: if focus.isMultiline { edit(focus) { $0.insert("\n") } } else { moveFocusAround(by: 1) }
        }
        return .none
    }
}

extension ModelFormState: RecordForm {}
