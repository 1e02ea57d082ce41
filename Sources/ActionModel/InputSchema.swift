/// What an action asks the agent to collect: an ordered list of properties,
/// written to and read from JSON Schema (`{"type":"object","properties":…,"required":[…]}`).
///
/// The editor shows a handful of keywords per property; every other keyword
/// a property or the object carries is kept in `extraKeywords` so that an
/// import followed by an export gives back the same schema.
public struct InputSchema: Sendable, Equatable {
    public var properties: [SchemaProperty]
    /// Object-level keywords other than `type`, `properties` and `required`
    /// (for example `additionalProperties` or a `description`), in their order.
    public var extraKeywords: JSONObject
    /// The order an imported schema listed `required` in, which need not be the
    /// properties' order. Export writes those names first (the ones still
    /// required), so a round trip gives back the same `required` array. It is a
    /// detail of presentation: two schemas that differ only here are equal.
    var declaredRequiredOrder: [String] = []

    public init(properties: [SchemaProperty] = [], extraKeywords: JSONObject = JSONObject()) {
        self.properties = properties
        self.extraKeywords = extraKeywords
    }

    public static func == (lhs: InputSchema, rhs: InputSchema) -> Bool {
        lhs.properties == rhs.properties && lhs.extraKeywords == rhs.extraKeywords
    }

    public var requiredNames: [String] { properties.filter(\.isRequired).map(\.name) }

    public func property(named name: String) -> SchemaProperty? { properties.first { $0.name == name } }
}

/// The types the schema editor offers. `array` and `object` arrive with imported
/// tools; they are kept and exported as they came, with their nested schema in
/// the property's extra keywords (`items`, `properties`, …).
public enum PropertyType: String, Sendable, CaseIterable, Codable {
    case string, number, integer, boolean, array, object

    /// The types a person picks from in the editor (enum is a string with values).
    public static let editable: [PropertyType] = [.string, .number, .integer, .boolean]
}

/// String formats the editor offers and the validator asserts.
public enum StringFormat: String, Sendable, CaseIterable, Codable {
    case email, date, time, dateTime = "date-time", uri
}

public struct SchemaProperty: Sendable, Equatable {
    /// The key in the payload; an identifier (letters, digits, `_`, `-`, not starting with a digit).
    public var name: String
    public var type: PropertyType
    public var isRequired: Bool
    public var description: String
    /// For a string: the only values allowed (a "string enum"). Empty means any string.
    public var enumValues: [String]
    public var format: StringFormat?
    public var pattern: String?
    public var minimum: Double?
    public var maximum: Double?
    /// Keywords the editor does not show (minLength, multipleOf, items, default, …),
    /// kept in order and written back unchanged.
    public var extraKeywords: JSONObject

    public init(
        name: String, type: PropertyType = .string, isRequired: Bool = false, description: String = "",
        enumValues: [String] = [], format: StringFormat? = nil, pattern: String? = nil,
        minimum: Double? = nil, maximum: Double? = nil, extraKeywords: JSONObject = JSONObject()
    ) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
        self.description = description
        self.enumValues = enumValues
        self.format = format
        self.pattern = pattern
        self.minimum = minimum
        self.maximum = maximum
        self.extraKeywords = extraKeywords
    }

    public var isEnum: Bool { type == .string && !enumValues.isEmpty }

    /// How the type reads in tables and the editor: `string`, `enum`, `integer`, …
    public var typeLabel: String { isEnum ? "enum" : type.rawValue }
}
