import Foundation
import XCTest

@testable import ActionModel

/// Imports every function definition of the Berkeley Function Calling
/// Leaderboard corpus (shared/corpora/bfcl) and exports the imported ones back.
final class BFCLCorpusTests: XCTestCase {
    /// `…/Tests/ActionModelTests/BFCLCorpusTests.swift` → package root → `../shared/corpora/bfcl`,
    /// or `$SWITCHBOARD_CORPORA/bfcl`.
    static func corpusDirectory() -> URL? {
        var candidates: [URL] = []
        if let corpora = ProcessInfo.processInfo.environment["SWITCHBOARD_CORPORA"], !corpora.isEmpty {
            candidates.append(URL(fileURLWithPath: corpora).appendingPathComponent("bfcl"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // ActionModelTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
        candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/bfcl"))
        var isDirectory: ObjCBool = false
        return candidates.first { FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && isDirectory.boolValue }
    }

    struct Definition {
        var file: String
        var id: String
        var function: JSONValue
    }

    static func loadDefinitions() throws -> [Definition] {
        guard let directory = Self.corpusDirectory() else {
            throw XCTSkip("BFCL corpus not found: expected ../shared/corpora/bfcl next to the package root, or SWITCHBOARD_CORPORA=<dir containing bfcl/>")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        var definitions: [Definition] = []
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
                let entry = try JSONValue(parsing: String(line))
                let id = entry.objectValue?["id"]?.stringValue ?? "\(file):\(number + 1)"
                let functions = try XCTUnwrap(entry.objectValue?["function"]?.arrayValue, "\(file):\(number + 1) has no function list")
                for function in functions { definitions.append(Definition(file: file, id: id, function: function)) }
            }
        }
        return definitions
    }

    /// The test's own version of the Gorilla mapping, kept apart from the importer's
    /// so the round trip is checked against an independent expectation.
    static func mapped(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(object):
            var result = JSONObject()
            for (key, child) in object {
                if key == "type", case let .string(type) = child {
                    result[key] = .string(["dict": "object", "float": "number", "tuple": "array"][type] ?? type)
                } else if key == "properties", case let .object(properties) = child {
                    var mappedProperties = JSONObject()
                    for (name, schema) in properties { mappedProperties[name] = mapped(schema) }
                    result[key] = .object(mappedProperties)
                } else if key == "items" || key == "additionalProperties" {
                    result[key] = mapped(child)
                } else {
                    result[key] = child
                }
            }
            return .object(result)
        case let .array(elements):
            return .array(elements.map(mapped))
        default:
            return value
        }
    }

    /// The key order of every `properties` object, depth first.
    static func propertyOrders(_ value: JSONValue, path: String = "") -> [String: [String]] {
        guard case let .object(object) = value else { return [:] }
        var orders: [String: [String]] = [:]
        for (key, child) in object {
            if key == "properties", case let .object(properties) = child {
                orders[path] = properties.keys
                for (name, schema) in properties { orders.merge(propertyOrders(schema, path: path + "." + name)) { a, _ in a } }
            } else if key == "items" || key == "additionalProperties" {
                orders.merge(propertyOrders(child, path: path + "[\(key)]")) { a, _ in a }
            }
        }
        return orders
    }

    /// A reason's kind, for the summary: the parts of the message that don't name the tool.
    static func kinds(of reason: String) -> [String] {
        var kinds: [String] = []
        if reason.contains("isn't a valid function name") { kinds.append("invalid function name") }
        if reason.contains("type \"any\"") { kinds.append("type any") }
        if reason.contains("validator doesn't support") { kinds.append("unsupported keyword") }
        if reason.contains("may only use letters") { kinds.append("invalid property name") }
        if reason.contains("both required and") { kinds.append("optional contradicts required") }
        if reason.contains("already named") { kinds.append("duplicate name") }
        if kinds.isEmpty { kinds.append("other: \(reason)") }
        return kinds
    }

    func testEveryDefinitionImportsAndRoundTripsOrIsRefusedWithAReason() throws {
        let definitions = try Self.loadDefinitions()
        var imported = 0, roundTripped = 0, refused = 0
        var reasonCounts: [String: Int] = [:]
        var sampleReasons: [String: String] = [:]
        for definition in definitions {
            let where_ = "\(definition.file) \(definition.id)"
            let function = try XCTUnwrap(definition.function.objectValue, where_)
            let name = try XCTUnwrap(function["name"]?.stringValue, where_)
            let result = OpenAITool.importTools(definition.function)
            XCTAssertEqual(result.actions.count + result.refused.count, 1, where_)
            if let refusal = result.refused.first {
                refused += 1
                XCTAssertEqual(refusal.name, name, where_)
                XCTAssertFalse(refusal.reason.isEmpty, where_)
                for kind in Self.kinds(of: refusal.reason) {
                    reasonCounts[kind, default: 0] += 1
                    sampleReasons[kind] = sampleReasons[kind] ?? refusal.description
                }
                continue
            }
            let action = try XCTUnwrap(result.actions.first, where_)
            imported += 1
            XCTAssertEqual(action.functionName, name, where_)
            XCTAssertEqual(action.kind, .customInput, where_)
            XCTAssertTrue(action.customInput?.needsURL == true, where_)
            XCTAssertTrue(action.issues.isEmpty, "\(where_): \(action.issues)")

            let exported = OpenAITool.export(action)
            let exportedFunction = try XCTUnwrap(exported.objectValue?["function"]?.objectValue, where_)
            XCTAssertEqual(exported.objectValue?["type"], "function", where_)
            XCTAssertEqual(exportedFunction["name"], function["name"], where_)
            XCTAssertEqual(exportedFunction["description"], function["description"], where_)
            let expected = Self.mapped(function["parameters"] ?? [:])
            let actual = exportedFunction["parameters"] ?? .null
            let sameValue = actual == expected
            let sameOrder = Self.propertyOrders(actual) == Self.propertyOrders(expected)
            XCTAssertTrue(sameValue, "\(where_) \(name): exported\n\(actual.compactText)\nexpected\n\(expected.compactText)")
            XCTAssertTrue(sameOrder, "\(where_) \(name): property order changed")
            // The text form, read back, gives the same value too.
            XCTAssertEqual(try JSONValue(parsing: actual.compactText), expected, where_)
            if sameValue && sameOrder { roundTripped += 1 }
        }
        let reasons = reasonCounts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print("BFCL: \(definitions.count) definitions, \(imported) imported, \(roundTripped) round-tripped exactly, \(refused) refused (reasons: \(reasons))")
        for (kind, sample) in sampleReasons.sorted(by: { $0.key < $1.key }) { print("  e.g. [\(kind)] \(sample)") }

        // Floors, so an empty or unread corpus can't pass quietly.
        XCTAssertGreaterThanOrEqual(definitions.count, 900)
        XCTAssertGreaterThanOrEqual(imported, 450)
        XCTAssertEqual(roundTripped, imported, "every imported definition must round-trip exactly")
        XCTAssertEqual(imported + refused, definitions.count)
        XCTAssertGreaterThanOrEqual(reasonCounts["invalid function name"] ?? 0, 400)
        XCTAssertGreaterThanOrEqual(reasonCounts["type any"] ?? 0, 1)
        XCTAssertNil(reasons.range(of: "other:"), "a refusal of an unexpected kind: \(reasons)")
    }

    /// Every object in a strict schema closes its properties and requires them all.
    static func strictViolations(_ value: JSONValue, path: String = "parameters") -> [String] {
        guard case let .object(node) = value else { return [] }
        var problems: [String] = []
        if case let .object(properties)? = node["properties"] {
            if node["additionalProperties"] != false { problems.append("\(path): additionalProperties is not false") }
            let required = node["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if required.count != properties.count || Set(required) != Set(properties.keys) {
                problems.append("\(path): required \(required) is not every property \(properties.keys)")
            }
            for (name, schema) in properties { problems += strictViolations(schema, path: path + "." + name) }
        }
        if let items = node["items"] { problems += strictViolations(items, path: path + "[]") }
        return problems
    }

    /// `additionalProperties: false` on every object that lists properties.
    static func closed(_ value: JSONValue) -> JSONValue {
        guard case var .object(node) = value else { return value }
        if case let .object(properties)? = node["properties"] {
            var closedProperties = JSONObject()
            for (name, schema) in properties { closedProperties[name] = closed(schema) }
            node["properties"] = .object(closedProperties)
            node["additionalProperties"] = false
        }
        if let items = node["items"] { node["items"] = closed(items) }
        return .object(node)
    }

    func testStrictFormOfEveryImportedDefinition() throws {
        let definitions = try Self.loadDefinitions()
        var exported = 0, cleanAsIs = 0, strictRoundTrips = 0
        var noteKinds: [String: Int] = [:]
        for definition in definitions {
            guard let action = OpenAITool.importTools(definition.function).actions.first,
                let schema = action.customInput?.inputSchema
            else { continue }
            let tool = OpenAITool.export(action, strict: true)
            exported += 1
            XCTAssertEqual(tool.value(atPath: "function.strict"), true)
            let parameters = try XCTUnwrap(tool.value(atPath: "function.parameters"))
            XCTAssertEqual(Self.strictViolations(parameters), [], action.functionName)
            XCTAssertEqual(StrictMode.strict(parameters), parameters, "strict twice is strict once: \(action.functionName)")
            // Read back as a strict tool, it is the same action, its objects now closed.
            let back = try XCTUnwrap(OpenAITool.importTools(tool).actions.first, action.functionName)
            let backSchema = back.customInput?.inputSchema.jsonSchema ?? .null
            let closed = Self.closed(schema.jsonSchema)
            XCTAssertEqual(backSchema, closed, action.functionName)
            if backSchema == closed && Self.propertyOrders(backSchema) == Self.propertyOrders(closed) { strictRoundTrips += 1 }
            XCTAssertEqual(OpenAITool.export(back, strict: true), tool, action.functionName)

            let notes = StrictMode.lint(schema)
            if notes.isEmpty { cleanAsIs += 1 }
            for note in notes {
                for keyword in ["'default'", "'optional'", "without properties of its own", "without 'items'", "format '"] where note.contains(keyword) {
                    noteKinds[keyword, default: 0] += 1
                }
            }
        }
        let kinds = noteKinds.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print("BFCL strict: \(exported) exported strict, \(strictRoundTrips) read back identical, \(cleanAsIs) pass strict lint as is (notes: \(kinds))")
        XCTAssertGreaterThanOrEqual(exported, 450)
        XCTAssertEqual(strictRoundTrips, exported)
        XCTAssertGreaterThan(cleanAsIs, 0)
        XCTAssertLessThan(cleanAsIs, exported, "BFCL uses default and optional, which strict mode doesn't take")
    }

    /// Whole BFCL entries import too: each `function` list is a set of tools.
    func testWholeEntriesImportAsToolLists() throws {
        let definitions = try Self.loadDefinitions()
        guard let directory = Self.corpusDirectory() else { throw XCTSkip("BFCL corpus not found") }
        let text = try String(contentsOf: directory.appendingPathComponent("BFCL_v4_multiple.json"), encoding: .utf8)
        let firstLine = try XCTUnwrap(text.split(separator: "\n").first)
        let entry = try JSONValue(parsing: String(firstLine))
        let functionCount = try XCTUnwrap(entry.objectValue?["function"]?.arrayValue?.count)
        let result = OpenAITool.importTools(entry, url: "https://api.example.com/hook")
        XCTAssertEqual(result.actions.count + result.refused.count, functionCount)
        for action in result.actions { XCTAssertEqual(action.customInput?.url, "https://api.example.com/hook") }
        XCTAssertFalse(definitions.isEmpty)
    }

    /// Suggested names for refused dotted names are valid tool names; renamed as
    /// suggested, those tools import (unless something else is wrong) and round-trip.
    func testSuggestedNamesForRefusedNamesAreValid() throws {
        let definitions = try Self.loadDefinitions()
        var checked = 0, importedAfterRenaming = 0, stillRefused = 0
        for definition in definitions {
            guard let name = definition.function.objectValue?["name"]?.stringValue, !FunctionName.isValid(name) else { continue }
            let suggestion = OpenAITool.suggestedFunctionName(for: name)
            XCTAssertTrue(FunctionName.isValid(suggestion), "\(name) → \(suggestion)")
            XCTAssertTrue(OpenAITool.importTools(definition.function).refused.first?.reason.contains("e.g. to \(suggestion)") == true, name)
            var function = try XCTUnwrap(definition.function.objectValue)
            function["name"] = .string(suggestion)
            let result = OpenAITool.importTools(.object(function))
            checked += 1
            if let refusal = result.refused.first {
                stillRefused += 1
                XCTAssertFalse(refusal.reason.contains("valid function name"), refusal.description)
                continue
            }
            let action = try XCTUnwrap(result.actions.first)
            importedAfterRenaming += 1
            let parameters = OpenAITool.export(action).objectValue?["function"]?.objectValue?["parameters"]
            let expected = Self.mapped(function["parameters"] ?? [:])
            XCTAssertEqual(parameters, expected, suggestion)
            XCTAssertEqual(parameters.map { Self.propertyOrders($0) }, Self.propertyOrders(expected), suggestion)
        }
        print("BFCL renamed: \(checked) invalid names, \(importedAfterRenaming) import once renamed, \(stillRefused) still refused")
        XCTAssertGreaterThan(checked, 400)
        XCTAssertGreaterThan(importedAfterRenaming, 400)
    }
}
