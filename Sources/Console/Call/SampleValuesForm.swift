import ActionModel
import Screen

/// The sample values of a test request, one field per Input Schema property,
/// edited before the request goes (again): a string as typed, anything else
/// as JSON (`42`, `true`, `["a"]`). Opened with `e` on the test request panel.
struct SampleValuesForm: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        var name: String
        /// A string property's text is the value; others are parsed as JSON.
        var isString: Bool
        var text: TextField
        /// Left empty: the property is left out of the request.
        var isRequired: Bool
    }

    var fields: [Field]
    var focus = 0
    /// Why the values can't be sent, naming the field and the fix.
    var problem: String?

    init(schema: InputSchema, arguments: JSONObject) {
        fields = schema.properties.map { property in
            let isString = property.type == .string
            var text = TextField()
            if let value = arguments[property.name] {
                if isString, case let .string(string) = value { text.setText(string) } else { text.setText(value.compactText) }
            }
            return Field(name: property.name, isString: isString, text: text, isRequired: property.isRequired)
        }
    }

    /// The values as the request sends them, or what is wrong with one.
    func arguments(for schema: InputSchema) -> Result<JSONObject, SampleValuesProblem> {
        var object = JSONObject()
        for field in fields {
            let text = field.text.text
            if text.isEmpty { continue }
            if field.isString {
                object[field.name] = .string(text)
                continue
            }
            do {
                object[field.name] = try JSONValue(parsing: text)
            } catch {
                return .failure(SampleValuesProblem("\(field.name): not JSON (\(error.message)); write e.g. 42, true or [\"a\"]"))
            }
        }
        if let issue = schema.validate(arguments: object).first {
            return .failure(SampleValuesProblem("doesn't fit the schema: \(issue.description)"))
        }
        return .success(object)
    }

    // Its keys are rows of the test request panel (`TestRequestPanel.keys`).

    mutating func paste(_ text: String) {
        if fields.indices.contains(focus) { fields[focus].text.insert(text) }
    }

    /// A key no row has: the focused value's text.
    mutating func type(_ key: Key) {
        guard fields.indices.contains(focus) else { return }
        fields[focus].text.handle(key)
        problem = nil
    }

    /// The next (1) or previous (-1) value, round the ends.
    mutating func moveFocus(by step: Int) {
        focus = fields.isEmpty ? 0 : (focus + step + fields.count) % fields.count
    }

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let x = rect.x, maxX = rect.maxX
        var y = rect.y
        buffer.put("Sample values to send (a string as typed, anything else as JSON; empty leaves it out):",
                   x: x, y: y, style: .muted, maxX: maxX)
        y += 1
        let labelWidth = min(24, (fields.map { TextWidth.of($0.name) }.max() ?? 0) + 3)
        for (i, field) in fields.enumerated() where y < rect.maxY - 1 {
            let focused = i == focus
            let label = (focused ? "› " : "  ") + field.name + (field.isRequired ? "*" : "")
            buffer.put(TextWidth.truncate(label, to: labelWidth), x: x, y: y, style: focused ? Style(.accent, bold: true) : .text)
            let fieldX = x + labelWidth + 1
            let cursorX = field.text.draw(into: &buffer, x: fieldX, y: y, width: max(0, maxX - fieldX))
            if focused { buffer.cursor = (cursorX, y) }
            y += 1
        }
        if let problem {
            buffer.put(TextWidth.truncate("✗ " + problem, to: maxX - x), x: x, y: min(y, rect.maxY - 1), style: Style(.error, bold: true))
        }
    }
}

/// What is wrong with the sample values, in words.
struct SampleValuesProblem: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
