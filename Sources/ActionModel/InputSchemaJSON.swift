/// A problem in a JSON Schema being read as an Input Schema, at a path such as `properties.email.type`.
public typealias SchemaConversionError = JSONPathError

/// A problem at a place in a JSON document, worded for a person.
public struct JSONPathError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Dotted, e.g. `properties.email.type`; empty for the whole document.
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}

extension InputSchema {
    /// `{"type":"object","properties":{…},"required":[…]}` with properties in order.
    /// `required` is left out when nothing is required, as OpenAI's examples do.
    public var jsonSchema: JSONValue {
        var object = JSONObject()
        object["type"] = "object"
        var properties = JSONObject()
        for property in self.properties { properties[property.name] = property.jsonSchema }
        object["properties"] = .object(properties)
        let required = requiredNamesForExport
        if !required.isEmpty { object["required"] = .array(required.map { .string($0) }) }
        // Extras never override what the model writes.
        for (key, value) in extraKeywords where !["type", "properties", "required"].contains(key) { object[key] = value }
        return .object(object)
    }

    /// The required names as export writes them: the imported order for the
    /// names it listed that are still required, then the rest in property order.
    var requiredNamesForExport: [String] {
        let required = requiredNames
        var result = declaredRequiredOrder.filter { required.contains($0) }
        for name in required where !result.contains(name) { result.append(name) }
        return result
    }

    /// Reads an object schema. Properties keep their written order; keywords the
    /// editor does not model are kept, not dropped.
    public init(jsonSchema: JSONValue) throws(SchemaConversionError) {
        guard case let .object(object) = jsonSchema else {
            throw SchemaConversionError(path: "", reason: "the schema must be a JSON object, not \(jsonSchema.typeName)")
        }
        if let type = object["type"], type != "object" {
            throw SchemaConversionError(path: "type", reason: "the Input Schema must have type \"object\", not \(type.compactText)")
        }
        var requiredNames: [String] = []
        if let required = object["required"] {
            guard case let .array(names) = required, names.allSatisfy({ $0.stringValue != nil }) else {
                throw SchemaConversionError(path: "required", reason: "must be a list of property names")
            }
            requiredNames = names.compactMap(\.stringValue)
        }
        var properties: [SchemaProperty] = []
        if let declared = object["properties"] {
            guard case let .object(declaredProperties) = declared else {
                throw SchemaConversionError(path: "properties", reason: "must be an object of property schemas")
            }
            for (name, schema) in declaredProperties {
                var property = try SchemaProperty(name: name, jsonSchema: schema)
                property.isRequired = requiredNames.contains(name)
                properties.append(property)
            }
        }
        for name in requiredNames where !properties.contains(where: { $0.name == name }) {
            throw SchemaConversionError(path: "required", reason: "'\(name)' is required but not among the properties")
        }
        var extra = JSONObject()
        for (key, value) in object where !["type", "properties", "required"].contains(key) { extra[key] = value }
        self.init(properties: properties, extraKeywords: extra)
        declaredRequiredOrder = requiredNames
    }
}

extension SchemaProperty {
    /// The property's own schema, modelled keywords first, then the kept extras.
    public var jsonSchema: JSONValue {
        var object = JSONObject()
        object["type"] = .string(type.rawValue)
        if !description.isEmpty { object["description"] = .string(description) }
        if !enumValues.isEmpty { object["enum"] = .array(enumValues.map { .string($0) }) }
        if let format { object["format"] = .string(format.rawValue) }
        if let pattern { object["pattern"] = .string(pattern) }
        if let minimum { object["minimum"] = JSONValue(bound: minimum) }
        if let maximum { object["maximum"] = JSONValue(bound: maximum) }
        // Extras fill in what the model did not write; they never override it.
        for (key, value) in extraKeywords where object[key] == nil { object[key] = value }
        return .object(object)
    }

    public init(name: String, jsonSchema: JSONValue) throws(SchemaConversionError) {
        let path = "properties.\(name)"
        guard case let .object(object) = jsonSchema else {
            throw SchemaConversionError(path: path, reason: "a property's schema must be an object")
        }
        guard let typeValue = object["type"] else {
            throw SchemaConversionError(path: path + ".type", reason: "every property needs a type (string, number, integer, boolean, array or object)")
        }
        guard let typeName = typeValue.stringValue, let type = PropertyType(rawValue: typeName) else {
            throw SchemaConversionError(path: path + ".type", reason: "unsupported type \(typeValue.compactText); use string, number, integer, boolean, array or object")
        }
        self.init(name: name, type: type)
        var extra = JSONObject()
        for (key, value) in object {
            switch key {
            case "type":
                continue
            case "description" where value.stringValue?.isEmpty == false:  // "" stays an extra, so it is written back
                description = value.stringValue!
            case "enum" where type == .string && value.arrayValue?.allSatisfy({ $0.stringValue != nil }) == true && value.arrayValue?.isEmpty == false:
                enumValues = value.arrayValue!.compactMap(\.stringValue)
            case "format" where type == .string && value.stringValue.flatMap(StringFormat.init(rawValue:)) != nil:
                format = StringFormat(rawValue: value.stringValue!)
            case "pattern" where type == .string && value.stringValue != nil:
                pattern = value.stringValue
            case "minimum" where (type == .number || type == .integer) && value.numericValue != nil:
                minimum = value.numericValue
            case "maximum" where (type == .number || type == .integer) && value.numericValue != nil:
                maximum = value.numericValue
            default:
                extra[key] = value
            }
        }
        extraKeywords = extra
    }
}

extension JSONValue {
    /// A bound written as an integer when it is whole, so `1` stays `1`.
    init(bound: Double) {
        if bound.rounded() == bound, abs(bound) < 9.0e15 { self = .integer(Int(bound)) } else { self = .number(bound) }
    }
}
