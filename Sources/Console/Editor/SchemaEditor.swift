import ActionModel
import Foundation
import Screen

/// The type a property form offers; `enumeration` is a string with values.
/// An imported `array` or `object` is shown and kept, never offered.
enum PropertyChoice: Equatable, Sendable {
    case string, number, integer, boolean, enumeration
    case imported(PropertyType)

    static let offered: [PropertyChoice] = [.string, .number, .integer, .boolean, .enumeration]

    var label: String {
        switch self {
        case .string: return "string"
        case .number: return "number"
        case .integer: return "integer"
        case .boolean: return "boolean"
        case .enumeration: return "enum"
        case let .imported(type): return type.rawValue
        }
    }

    init(_ property: SchemaProperty) {
        switch property.type {
        case .string: self = property.isEnum ? .enumeration : .string
        case .number: self = .number
        case .integer: self = .integer
        case .boolean: self = .boolean
        case .array, .object: self = .imported(property.type)
        }
    }

    var isNumeric: Bool { self == .number || self == .integer }
}

enum PropertyFormField: Hashable, Sendable {
    case name, type, description, required, format, pattern, values, minimum, maximum
    /// `default` and `examples`: what an agent (and a test request) may use.
    case defaultValue, examples

    var label: String {
        switch self {
        case .name: return "Name"
        case .type: return "Type"
        case .description: return "Description"
        case .required: return "Required"
        case .format: return "Format"
        case .pattern: return "Pattern"
        case .values: return "Values"
        case .minimum: return "Minimum"
        case .maximum: return "Maximum"
        case .defaultValue: return "Default"
        case .examples: return "Examples"
        }
    }

    var placeholder: String {
        switch self {
        case .name: return "e.g. email"
        case .description: return "e.g. The customer's email address"
        case .pattern: return "regular expression, e.g. ^[A-Z]{2}[0-9]{4}$"
        case .values: return "comma-separated, e.g. sales, support, billing"
        case .minimum, .maximum: return "none"
        case .defaultValue: return "none"
        case .examples: return "comma-separated, e.g. Jo, Sam"
        default: return ""
        }
    }
}

/// The form that adds or edits one property of the Input Schema.
struct PropertyForm: Equatable, Sendable {
    /// Where the property sits in the schema; nil while adding.
    var index: Int?
    /// What the form started from: keywords it does not show are written back from here.
    var original: SchemaProperty
    var name: TextField
    var choice: PropertyChoice
    var description: TextField
    var isRequired: Bool
    var format: StringFormat?
    var pattern: TextField
    var values: TextField
    var minimum: TextField
    var maximum: TextField
    var defaultValue: TextField
    var examples: TextField
    var focus: PropertyFormField = .name
    var errors: [PropertyFormField: String] = [:]

    init(property: SchemaProperty, index: Int?) {
        self.index = index
        original = property
        name = TextField(property.name)
        choice = PropertyChoice(property)
        description = TextField(property.description)
        isRequired = property.isRequired
        format = property.format
        pattern = TextField(property.pattern ?? "")
        values = TextField(property.enumValues.joined(separator: ", "))
        minimum = TextField(property.minimum.map(Self.numberText) ?? "")
        maximum = TextField(property.maximum.map(Self.numberText) ?? "")
        defaultValue = TextField(property.extraKeywords["default"].map(Self.valueText) ?? "")
        if case let .array(items)? = property.extraKeywords["examples"] {
            examples = TextField(items.map(Self.valueText).joined(separator: ", "))
        } else {
            examples = TextField()
        }
    }

    /// A keyword's value as the form shows it: a string as it is, else JSON.
    static func valueText(_ value: JSONValue) -> String {
        if case let .string(text) = value { return text }
        return value.compactText
    }

    /// The keywords the form edits itself; the others are kept as imported.
    static let ownKeywords: Set<String> = ["default", "examples"]

    /// `text` as a value of the chosen type, or what is wrong with it.
    func typedValue(_ text: String) -> Result<JSONValue, SampleValuesProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch choice {
        case .string:
            return .success(.string(text))
        case .enumeration:
            let allowed = Self.parseValues(values.text)
            return allowed.contains(trimmed) ? .success(.string(trimmed))
                : .failure(SampleValuesProblem("'\(trimmed)' is not one of the values (\(allowed.joined(separator: ", ")))"))
        case .number, .integer:
            guard let value = Self.parseNumber(trimmed) else { return .failure(SampleValuesProblem("'\(trimmed)' is not a number")) }
            if choice == .integer, value.rounded() != value { return .failure(SampleValuesProblem("'\(trimmed)' is not a whole number")) }
            return .success(value.rounded() == value && abs(value) < 9.0e15 ? .integer(Int(value)) : .number(value))
        case .boolean:
            switch trimmed.lowercased() {
            case "true": return .success(.bool(true))
            case "false": return .success(.bool(false))
            default: return .failure(SampleValuesProblem("write true or false"))
            }
        case .imported:
            return .failure(SampleValuesProblem("kept as imported"))
        }
    }

    /// Examples: the comma-separated list, each as a value of the type.
    func typedExamples() -> Result<[JSONValue], SampleValuesProblem> {
        var items: [JSONValue] = []
        for part in Self.parseValues(examples.text) {
            switch typedValue(part) {
            case let .success(value): items.append(value)
            case let .failure(problem): return .failure(problem)
            }
        }
        return .success(items)
    }

    static func numberText(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 9.0e15 ? String(Int(value)) : String(value)
    }

    var fieldOrder: [PropertyFormField] {
        let common: [PropertyFormField] = [.name, .type, .description, .required]
        let samples: [PropertyFormField] = [.defaultValue, .examples]
        switch choice {
        case .string: return common + [.format, .pattern] + samples
        case .enumeration: return common + [.values] + samples
        case .number, .integer: return common + [.minimum, .maximum] + samples
        case .boolean: return common + samples
        case .imported: return common
        }
    }

    subscript(text field: PropertyFormField) -> TextField? {
        get {
            switch field {
            case .name: return name
            case .description: return description
            case .pattern: return pattern
            case .values: return values
            case .minimum: return minimum
            case .maximum: return maximum
            case .defaultValue: return defaultValue
            case .examples: return examples
            case .type, .required, .format: return nil
            }
        }
        set {
            guard let newValue else { return }
            switch field {
            case .name: name = newValue
            case .description: description = newValue
            case .pattern: pattern = newValue
            case .values: values = newValue
            case .minimum: minimum = newValue
            case .maximum: maximum = newValue
            case .defaultValue: defaultValue = newValue
            case .examples: examples = newValue
            case .type, .required, .format: break
            }
        }
    }

    static func parseValues(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    /// The property as the form describes it, on top of the original.
    var property: SchemaProperty {
        var property = original
        property.name = name.text
        property.description = description.text
        property.isRequired = isRequired
        switch choice {
        case .string:
            property.type = .string
            property.enumValues = []
            property.format = format
            property.pattern = pattern.text.isEmpty ? nil : pattern.text
            property.minimum = nil
            property.maximum = nil
        case .enumeration:
            property.type = .string
            property.enumValues = Self.parseValues(values.text)
            property.minimum = nil
            property.maximum = nil
        case .number, .integer:
            property.type = choice == .number ? .number : .integer
            property.enumValues = []
            property.format = nil
            property.pattern = nil
            property.minimum = Self.parseNumber(minimum.text)
            property.maximum = Self.parseNumber(maximum.text)
        case .boolean:
            property.type = .boolean
            property.enumValues = []
            property.format = nil
            property.pattern = nil
            property.minimum = nil
            property.maximum = nil
        case .imported:
            return property  // shown and kept as it came
        }
        // Written only when they read as the type (the form says why not).
        let defaultText = defaultValue.text
        if defaultText.trimmingCharacters(in: .whitespaces).isEmpty {
            property.extraKeywords["default"] = nil
        } else if case let .success(value) = typedValue(defaultText) {
            property.extraKeywords["default"] = value
        }
        if case let .success(items) = typedExamples() {
            property.extraKeywords["examples"] = items.isEmpty ? nil : .array(items)
        }
        return property
    }

    func problem(for field: PropertyFormField, otherNames: [String]) -> String? {
        switch field {
        case .name:
            if let problem = SchemaProperty.nameProblem(name.text) { return problem }
            if otherNames.contains(name.text) { return "there is already a property named '\(name.text)'" }
            return nil
        case .values:
            guard choice == .enumeration else { return nil }
            let list = Self.parseValues(values.text)
            if list.isEmpty { return "list the allowed values, separated by commas" }
            return SchemaProperty(name: "v", enumValues: list).issues.first
        case .pattern:
            guard choice == .string, !pattern.text.isEmpty else { return nil }
            return SchemaProperty(name: "p", pattern: pattern.text).issues.first
        case .minimum, .maximum:
            guard choice.isNumeric else { return nil }
            let text = (field == .minimum ? minimum : maximum).text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return nil }
            guard let value = Self.parseNumber(text) else { return "'\(text)' is not a number" }
            if choice == .integer, value.rounded() != value { return "an integer's bound must be a whole number" }
            if field == .maximum, let low = Self.parseNumber(minimum.text), low > value {
                return "maximum \(Self.numberText(value)) is below the minimum \(Self.numberText(low))"
            }
            return nil
        case .defaultValue:
            guard !defaultValue.text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            if case let .failure(problem) = typedValue(defaultValue.text) { return "default: " + problem.message }
            return nil
        case .examples:
            if case let .failure(problem) = typedExamples() { return "examples: " + problem.message }
            return nil
        case .type, .description, .required, .format:
            return nil
        }
    }
}

extension ActionEditorState {
    var schema: InputSchema { values.schema }

    mutating func openSchemaEditor() {
        moveFocus(to: .inputSchema)
        screen = .schema
        schemaSelection = min(schemaSelection, max(0, schema.properties.count - 1))
    }

    // MARK: The property list

    /// A command of the property list (its keys are `EditorKey` rows).
    mutating func runSchemaList(_ command: EditorCommand) {
        let count = schema.properties.count
        switch command {
        case .backToForm:
            if showsPanel { showsPanel = false; return }
            screen = .form
            focus = .inputSchema
            errors[.inputSchema] = values.problem(for: .inputSchema, takenFunctionNames: takenFunctionNames)
        case .previousProperty:
            schemaSelection = max(0, schemaSelection - 1)
        case .nextProperty:
            schemaSelection = min(max(0, count - 1), schemaSelection + 1)
        case .firstProperty:
            schemaSelection = 0
        case .lastProperty:
            schemaSelection = max(0, count - 1)
        case .addProperty:
            propertyForm = PropertyForm(property: SchemaProperty(name: "", isRequired: true), index: nil)
        case .editProperty:
            guard schema.properties.indices.contains(schemaSelection) else {
                propertyForm = PropertyForm(property: SchemaProperty(name: "", isRequired: true), index: nil)
                return
            }
            propertyForm = PropertyForm(property: schema.properties[schemaSelection], index: schemaSelection)
        case .removeProperty:
            if schema.properties.indices.contains(schemaSelection) { prompt = .removeProperty(schemaSelection) }
        case .toggleRequired:
            if schema.properties.indices.contains(schemaSelection) {
                values.schema.properties[schemaSelection].isRequired.toggle()
            }
        case .movePropertyDown:
            moveProperty(by: 1)
        case .movePropertyUp:
            moveProperty(by: -1)
        default:
            break
        }
    }

    private mutating func moveProperty(by offset: Int) {
        let from = schemaSelection
        let to = from + offset
        guard schema.properties.indices.contains(from), schema.properties.indices.contains(to) else { return }
        values.schema.properties.swapAt(from, to)
        schemaSelection = to
    }

    mutating func removeProperty(at index: Int) {
        guard schema.properties.indices.contains(index) else { return }
        let name = schema.properties[index].name
        values.schema.properties.remove(at: index)
        schemaSelection = min(index, max(0, schema.properties.count - 1))
        message = "Removed property '\(name)'."
    }

    // MARK: The property form

    /// The other properties' names (a name must not repeat).
    private var otherPropertyNames: [String] {
        schema.properties.enumerated().filter { $0.offset != propertyForm?.index }.map(\.element.name)
    }

    /// A command of the property form (its keys are `EditorKey` rows).
    mutating func runPropertyForm(_ command: EditorCommand) {
        guard var form = propertyForm else { return }
        defer { if propertyForm != nil { propertyForm = form } }
        let otherNames = otherPropertyNames
        let order = form.fieldOrder
        let index = order.firstIndex(of: form.focus) ?? 0

        func move(_ target: PropertyFormField) {
            if target != form.focus {
                form.errors[form.focus] = form.problem(for: form.focus, otherNames: otherNames)
                if form.focus == .minimum { form.errors[.maximum] = form.problem(for: .maximum, otherNames: otherNames) }
            }
            form.focus = target
        }

        switch command {
        case .cancelProperty:
            propertyForm = nil
        case .applyProperty:
            var found: [PropertyFormField: String] = [:]
            for field in order {
                if let problem = form.problem(for: field, otherNames: otherNames) { found[field] = problem }
            }
            form.errors = found
            if let first = order.first(where: { found[$0] != nil }) {
                form.focus = first
                return
            }
            let property = form.property
            if let at = form.index, schema.properties.indices.contains(at) {
                values.schema.properties[at] = property
                schemaSelection = at
            } else {
                values.schema.properties.append(property)
                schemaSelection = values.schema.properties.count - 1
            }
            propertyForm = nil
        case .propertyPreviousField:
            if index > 0 { move(order[index - 1]) }
        case .propertyNextField:
            if index + 1 < order.count { move(order[index + 1]) }
        case .propertyNextFieldAround:
            move(order[(index + 1) % order.count])
        case .propertyPreviousFieldAround:
            move(order[(index + order.count - 1) % order.count])
        case .propertyNextChoice, .propertyPreviousChoice:
            let step = command == .propertyNextChoice ? 1 : -1
            switch form.focus {
            case .type:
                let offered = PropertyChoice.offered
                if let at = offered.firstIndex(of: form.choice) {
                    form.choice = offered[(at + step + offered.count) % offered.count]
                    for hidden in form.errors.keys where !form.fieldOrder.contains(hidden) { form.errors[hidden] = nil }
                }
            case .required:
                form.isRequired.toggle()
            case .format:
                let formats: [StringFormat?] = [nil] + StringFormat.allCases.map { Optional($0) }
                if let at = formats.firstIndex(of: form.format) {
                    form.format = formats[(at + step + formats.count) % formats.count]
                }
            default:
                break
            }
        default:
            break
        }
    }

    /// A key no row has, in the property form: the focused text field's.
    mutating func typeInPropertyForm(_ key: Key) {
        guard var form = propertyForm, var field = form[text: form.focus] else { return }
        field.handle(key)
        form[text: form.focus] = field
        if form.errors[form.focus] != nil { form.errors[form.focus] = form.problem(for: form.focus, otherNames: otherPropertyNames) }
        propertyForm = form
    }

    mutating func pasteInPropertyForm(_ text: String) {
        guard var form = propertyForm, var field = form[text: form.focus] else { return }
        // Values pasted one per line become a comma-separated list.
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        field.insert(form.focus == .values ? lines.filter { !$0.isEmpty }.joined(separator: ", ") : text)
        form[text: form.focus] = field
        if form.errors[form.focus] != nil { form.errors[form.focus] = form.problem(for: form.focus, otherNames: otherPropertyNames) }
        propertyForm = form
    }
}
