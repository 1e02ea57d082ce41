import Foundation

/// Switchboard's own JSON form of an action: what `--json` prints, what
/// `export --format switchboard` writes and `import` reads back. The layout is
/// documented in docs/json.md; change it only by adding keys.
public enum ActionDocument {
    /// The `format` tag of an export file, so `import` can tell it from OpenAI tools.
    public static let exportFormatTag = "switchboard.actions"
    public static let exportFormatVersion = 1

    public static func json(_ action: Action) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(action.id.rawValue)
        object["kind"] = .string(action.kind.rawValue)
        object["name"] = .string(action.name)
        object["function_name"] = .string(action.functionName)
        object["description"] = .string(action.description)
        object["trigger"] = triggerJSON(action.trigger)
        object["platform"] = .string(action.platform.rawValue)
        object[configurationKey(action.kind)] = configurationJSON(action.configuration, includeSecrets: false)
        object["created_at"] = .string(Timestamp.format(action.createdAt))
        object["updated_at"] = .string(Timestamp.format(action.updatedAt))
        object["version"] = .integer(action.version)
        return .object(object)
    }

    /// `{"format":"switchboard.actions","version":1,"actions":[…]}`.
    public static func export(_ actions: [Action]) -> JSONValue {
        [
            "format": .string(exportFormatTag),
            "version": .integer(exportFormatVersion),
            "actions": .array(actions.map(json)),
        ]
    }

    public static func isExport(_ json: JSONValue) -> Bool {
        json.objectValue?["format"]?.stringValue == exportFormatTag
    }

    /// The key holding a kind's settings: `custom_input`, `transfer_calls`, …
    public static func configurationKey(_ kind: ActionKind) -> String {
        kind.rawValue.replacingOccurrences(of: "-", with: "_")
    }

    public static func triggerJSON(_ trigger: ActionTrigger) -> JSONValue {
        switch trigger {
        case .functionCall: return ["type": "function_call"]
        case let .phrases(phrases): return ["type": "phrases", "phrases": .array(phrases.map { .string($0) })]
        }
    }

    /// A kind's settings. Secrets are written only where the caller keeps them
    /// private (the store); exports and `--json` show whether one is set.
    public static func configurationJSON(_ configuration: ActionConfiguration, includeSecrets: Bool) -> JSONValue {
        switch configuration {
        case let .customInput(config):
            var object = JSONObject()
            object["url"] = config.url.map { .string($0) } ?? .null
            object["needs_url"] = .bool(config.needsURL)
            object["speak_on_send"] = .string(config.speakOnSend)
            object["speak_on_receive"] = .string(config.speakOnReceive)
            object["timeout_seconds"] = .integer(config.timeoutSeconds)
            object["headers"] = .array(config.headers.map { ["name": .string($0.name), "value": .string($0.value)] })
            object["body_format"] = .string(config.bodyFormat.rawValue)
            object["ask_optional_fields"] = .bool(config.asksOptionalFields)
            object["read_back"] = .bool(config.readsBack)
            if includeSecrets {
                object["signature_secret"] = config.signatureSecret.map { .string($0) } ?? .null
            } else {
                object["has_signature_secret"] = .bool(config.signatureSecret != nil)
                // `{{secret.SIGNING_KEY}}` names a secret without holding it, so it
                // travels: one definition serves every environment.
                if let reference = config.signatureSecret, Templates.isOnlyReferences(reference) {
                    object["signature_secret"] = .string(reference)
                }
            }
            object["input_schema"] = config.inputSchema.jsonSchema
            return .object(object)
        case let .endConversation(config):
            return ["goodbye": .string(config.goodbye)]
        case let .transferCalls(config):
            return ["phone_number": .string(config.phoneNumber)]
        case let .dtmf(config):
            return ["buttons": .string(config.buttons)]
        case let .warmTransfer(config):
            return ["phone_number": .string(config.phoneNumber), "summary": .string(config.summary)]
        }
    }

    // MARK: Reading

    /// Reads one action document. `keepIdentity` keeps id, times and version
    /// (the store); an import gives the action a new identity instead.
    public static func action(from json: JSONValue, keepIdentity: Bool) throws(DocumentError) -> Action {
        guard let object = json.objectValue else { throw DocumentError(path: "", reason: "an action must be a JSON object") }
        let reader = Reader(object: object, path: "")
        let kindText = try reader.string("kind")
        guard let kind = ActionKind(rawValue: kindText) else {
            throw DocumentError(path: "kind", reason: "'\(kindText)' is not a kind; use one of \(ActionKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let name = try reader.string("name")
        let trigger = try self.trigger(from: object["trigger"] ?? ["type": "function_call"])
        let key = configurationKey(kind)
        let configuration = try self.configuration(kind, from: object[key] ?? .object(JSONObject()), path: key)
        var platform = ActionPlatform.default
        if let platformText = try reader.optionalString("platform") {
            guard let parsed = ActionPlatform(rawValue: platformText) else {
                throw DocumentError(path: "platform", reason: "'\(platformText)' is not a platform; use \(ActionPlatform.choices)")
            }
            platform = parsed
        }
        var action = Action(
            name: name, functionName: try reader.optionalString("function_name"), description: try reader.optionalString("description") ?? "",
            trigger: trigger, configuration: configuration, platform: platform
        )
        if keepIdentity {
            let idText = try reader.string("id")
            guard let id = ActionID(idText) else { throw DocumentError(path: "id", reason: "'\(idText)' is not an action ID") }
            action.id = id
            if let created = try reader.optionalString("created_at") {
                guard let date = Timestamp.parse(created) else { throw DocumentError(path: "created_at", reason: "not an ISO 8601 time") }
                action.createdAt = date
            }
            if let updated = try reader.optionalString("updated_at") {
                guard let date = Timestamp.parse(updated) else { throw DocumentError(path: "updated_at", reason: "not an ISO 8601 time") }
                action.updatedAt = date
            }
            action.version = object["version"]?.integerValue ?? 1
        }
        return action
    }

    public static func trigger(from json: JSONValue) throws(DocumentError) -> ActionTrigger {
        guard let object = json.objectValue else { throw DocumentError(path: "trigger", reason: "must be an object like {\"type\":\"function_call\"}") }
        let reader = Reader(object: object, path: "trigger")
        switch try reader.string("type") {
        case "function_call": return .functionCall
        case "phrases": return .phrases(try reader.stringArray("phrases"))
        case let other: throw DocumentError(path: "trigger.type", reason: "'\(other)' is not a trigger; use function_call or phrases")
        }
    }

    public static func configuration(_ kind: ActionKind, from json: JSONValue, path: String) throws(DocumentError) -> ActionConfiguration {
        guard let object = json.objectValue else { throw DocumentError(path: path, reason: "must be an object") }
        let reader = Reader(object: object, path: path)
        switch kind {
        case .customInput:
            var config = CustomInputConfiguration()
            config.url = try reader.optionalString("url").flatMap { $0.isEmpty ? nil : $0 }
            config.speakOnSend = try reader.optionalString("speak_on_send") ?? ""
            config.speakOnReceive = try reader.optionalString("speak_on_receive") ?? ""
            if let timeout = object["timeout_seconds"] {
                guard let seconds = timeout.integerValue else {
                    throw DocumentError(path: path + ".timeout_seconds", reason: "must be a whole number of seconds")
                }
                config.timeoutSeconds = seconds
            }
            if let headers = object["headers"] {
                guard let list = headers.arrayValue else { throw DocumentError(path: path + ".headers", reason: "must be a list of {name, value}") }
                for (index, entry) in list.enumerated() {
                    guard let header = entry.objectValue else { throw DocumentError(path: path + ".headers.\(index)", reason: "must be {name, value}") }
                    let headerReader = Reader(object: header, path: path + ".headers.\(index)")
                    config.headers.append(HTTPHeader(name: try headerReader.string("name"), value: try headerReader.string("value")))
                }
            }
            if let format = try reader.optionalString("body_format") {
                guard let bodyFormat = BodyFormat(rawValue: format) else {
                    throw DocumentError(path: path + ".body_format", reason: "'\(format)' is not a body format; use fluents or args-at-root")
                }
                config.bodyFormat = bodyFormat
            }
            config.signatureSecret = try reader.optionalString("signature_secret")
            config.asksOptionalFields = try reader.optionalBool("ask_optional_fields") ?? false
            config.readsBack = try reader.optionalBool("read_back") ?? false
            if let schema = object["input_schema"] {
                do throws(SchemaConversionError) {
                    config.inputSchema = try InputSchema(jsonSchema: schema)
                } catch {
                    throw DocumentError(path: path + ".input_schema" + (error.path.isEmpty ? "" : "." + error.path), reason: error.reason)
                }
            }
            return .customInput(config)
        case .endConversation:
            return .endConversation(EndConversationConfiguration(goodbye: try reader.optionalString("goodbye") ?? ""))
        case .transferCalls:
            return .transferCalls(TransferCallsConfiguration(phoneNumber: try reader.optionalString("phone_number") ?? ""))
        case .dtmf:
            return .dtmf(DTMFConfiguration(buttons: try reader.optionalString("buttons") ?? ""))
        case .warmTransfer:
            return .warmTransfer(WarmTransferConfiguration(
                phoneNumber: try reader.optionalString("phone_number") ?? "", summary: try reader.optionalString("summary") ?? ""))
        }
    }

    /// Typed access to an object's keys, with errors that name the key.
    struct Reader {
        let object: JSONObject
        let path: String

        func fullPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

        func string(_ key: String) throws(DocumentError) -> String {
            guard let value = object[key] else { throw DocumentError(path: fullPath(key), reason: "is missing") }
            guard let string = value.stringValue else { throw DocumentError(path: fullPath(key), reason: "must be a string, not \(value.typeName)") }
            return string
        }

        func optionalString(_ key: String) throws(DocumentError) -> String? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let string = value.stringValue else { throw DocumentError(path: fullPath(key), reason: "must be a string, not \(value.typeName)") }
            return string
        }

        func optionalBool(_ key: String) throws(DocumentError) -> Bool? {
            guard let value = object[key], !value.isNull else { return nil }
            guard case let .bool(flag) = value else { throw DocumentError(path: fullPath(key), reason: "must be true or false, not \(value.typeName)") }
            return flag
        }

        func stringArray(_ key: String) throws(DocumentError) -> [String] {
            guard let value = object[key] else { throw DocumentError(path: fullPath(key), reason: "is missing") }
            guard let array = value.arrayValue, array.allSatisfy({ $0.stringValue != nil }) else {
                throw DocumentError(path: fullPath(key), reason: "must be a list of strings")
            }
            return array.compactMap(\.stringValue)
        }
    }
}

/// A problem in an action document, at a path such as `custom_input.timeout_seconds`.
public typealias DocumentError = JSONPathError

/// ISO 8601 times with milliseconds, in UTC: `2026-11-25T14:03:07.250Z`.
/// Times are rounded to the millisecond on the way out, and the text reads back
/// to that same millisecond, so an export imported elsewhere prints identically.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(totalMilliseconds.dividedFloor(by: 1000))
        let milliseconds = Int(totalMilliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds), 3))Z"
    }

    public static func parse(_ text: String) -> Date? {
        guard let date = (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
        else { return nil }
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

extension Int64 {
    /// Division rounding toward minus infinity, for times before 1970.
    func dividedFloor(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
