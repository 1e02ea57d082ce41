import ActionModel
import Foundation

/// One platform's definitions of a list of actions, and what did not fit.
public struct PlatformExport: Sendable {
    public var format: PlatformFormat
    /// One definition per exported action, in the actions' order.
    public var definitions: [JSONValue]
    /// Per action: a setting the platform has no place for (not exported), an
    /// action not exported at all, or how to set a secret there.
    public var notes: [ExportNote]

    /// The definitions as one JSON array.
    public var document: JSONValue { .array(definitions) }
}

public struct ExportNote: Sendable, Equatable, CustomStringConvertible {
    public var functionName: String
    public var text: String
    public init(_ functionName: String, _ text: String) {
        self.functionName = functionName
        self.text = text
    }
    public var description: String { "\(functionName): \(text)" }
}

/// Tools read from a platform's definitions.
public struct PlatformImport: Sendable {
    public var actions: [Action]
    /// A field a tool had that Switchboard has no equivalent for, one per line.
    public var dropped: [DroppedField]
    /// Tools that could not be read at all, with the reason.
    public var refused: [RefusedTool]
    public init(actions: [Action] = [], dropped: [DroppedField] = [], refused: [RefusedTool] = []) {
        self.actions = actions
        self.dropped = dropped
        self.refused = refused
    }
}

public struct DroppedField: Sendable, Equatable, CustomStringConvertible {
    /// The tool's name (or its position when it has none).
    public var tool: String
    /// Where the field was, e.g. `server.backoffPlan`.
    public var path: String
    public var reason: String
    public init(tool: String, path: String, reason: String) {
        self.tool = tool
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(tool): \(path): \(reason)" }
}

/// Reads a definition's keys and remembers which were used, so every key
/// left over is reported as dropped instead of silently lost.
final class KeyReader {
    let source: JSONObject
    let path: String
    private(set) var used: Set<String> = []

    init(_ object: JSONObject, path: String = "") {
        self.source = object
        self.path = path
    }

    func take(_ key: String) -> JSONValue? {
        used.insert(key)
        guard let value = source[key], !value.isNull else { return nil }
        return value
    }

    func string(_ key: String) -> String? { take(key)?.stringValue }
    func bool(_ key: String) -> Bool? { take(key)?.boolValue }
    func object(_ key: String) -> JSONObject? { take(key)?.objectValue }

    /// Marks keys whose value carries nothing Switchboard needs (a constant
    /// the export writes, such as `"type"`).
    func ignore(_ keys: String...) { used.formUnion(keys) }

    func fullPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Every key not read, as a dropped field.
    func leftovers(tool: String) -> [DroppedField] {
        source.keys.filter { !used.contains($0) }.map {
            DroppedField(tool: tool, path: fullPath($0), reason: "has no equivalent in Switchboard; dropped")
        }
    }
}

enum Definition {
    /// Headers as a JSON object (`{"Name":"value"}`), the form every platform but Fluents uses.
    static func headersObject(_ headers: [HTTPHeader]) -> JSONValue {
        .object(JSONObject(headers.map { (key: $0.name, value: .string($0.value)) }))
    }

    /// Reads `{"Name":"value"}` headers; values that are not strings (a
    /// platform's secret reference objects) are dropped with a line each.
    static func headers(_ value: JSONValue?, path: String, tool: String, dropped: inout [DroppedField]) -> [HTTPHeader] {
        guard let object = value?.objectValue else { return [] }
        var headers: [HTTPHeader] = []
        for (name, value) in object {
            if let text = value.stringValue {
                headers.append(HTTPHeader(name: name, value: text))
            } else {
                dropped.append(DroppedField(tool: tool, path: path + "." + name,
                                            reason: "a header value that is not text (\(value.typeName)); set it with --header '\(name): {{secret.NAME}}'"))
            }
        }
        return headers
    }

    /// The `{{secret.NAME}}` names an action's headers and URL use, for the
    /// "how to set them on this platform" notes.
    static func secretNames(_ config: CustomInputConfiguration) -> [String] {
        secretNames(in: config.headers.map(\.value) + [config.url ?? ""])
    }

    static func secretNames(in texts: [String]) -> [String] {
        var names: [String] = []
        for text in texts {
            for reference in Templates.references(in: text) where reference.namespace == .secret && !names.contains(reference.name) {
                names.append(reference.name)
            }
        }
        return names
    }

    /// Reads a JSON Schema into an Input Schema; a schema Switchboard can't
    /// hold refuses the tool with the path of the problem.
    static func schema(_ value: JSONValue?, path: String, tool: String) -> Result<InputSchema, RefusedTool> {
        guard let value else { return .success(InputSchema()) }
        do throws(SchemaConversionError) {
            return .success(try InputSchema(jsonSchema: value))
        } catch {
            return .failure(RefusedTool(name: tool, reason: "\(path)\(error.path.isEmpty ? "" : "." + error.path): \(error.reason)"))
        }
    }

    /// Seconds from a platform's timeout, clamped to what Switchboard holds
    /// (1–300 s), with a dropped line when clamping changed it.
    static func seconds(_ value: Double, path: String, tool: String, dropped: inout [DroppedField]) -> Int {
        let range = CustomInputConfiguration.timeoutRange
        let whole = Int(value.rounded(.up))
        let clamped = min(max(whole, range.lowerBound), range.upperBound)
        if clamped != whole || Double(whole) != value {
            dropped.append(DroppedField(tool: tool, path: path,
                                        reason: "\(formatNumber(value)) does not fit Switchboard's whole seconds 1–300; kept as \(clamped) s"))
        }
        return clamped
    }

    static func formatNumber(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The human name an imported tool gets when its definition has none.
    static func title(_ functionName: String) -> String { OpenAITool.title(fromFunctionName: functionName) }

    /// The line Switchboard says for a platform's on/off "speak" switch, so an
    /// imported action still speaks; the import says so.
    static let defaultSendLine = "One moment while I check that."
    static let defaultReceiveLine = "All done."
    static let defaultGoodbye = "Thank you for calling. Goodbye."

    static let defaultBriefing = "A caller is being transferred to you."

    /// A warm transfer without a briefing: Switchboard's action needs one.
    static func warm(_ number: String, summary: String?, tool: String, dropped: inout [DroppedField]) -> WarmTransferConfiguration {
        if let summary, !summary.isEmpty { return WarmTransferConfiguration(phoneNumber: number, summary: summary) }
        dropped.append(DroppedField(tool: tool, path: "(summary)", reason: "the platform's warm transfer has no briefing line; Switchboard says \"\(defaultBriefing)\" (change it with --summary)"))
        return WarmTransferConfiguration(phoneNumber: number, summary: defaultBriefing)
    }

    /// An end-call tool without a line: Switchboard's action needs one, so it
    /// gets a plain goodbye and the import says so.
    static func goodbye(_ line: String?, tool: String, dropped: inout [DroppedField]) -> EndConversationConfiguration {
        if let line, !line.isEmpty { return EndConversationConfiguration(goodbye: line) }
        dropped.append(DroppedField(tool: tool, path: "(goodbye)", reason: "the platform's end-call tool has no goodbye line; Switchboard says \"\(defaultGoodbye)\" (change it with --goodbye)"))
        return EndConversationConfiguration(goodbye: defaultGoodbye)
    }
}
