import ActionModel
import Foundation

/// One field the agent took from a caller's line.
public struct HeardField: Sendable, Equatable {
    public var name: String
    /// The value, or nil when the words were about this field but gave no usable value.
    public var value: JSONValue?
    /// The caller's words the value came from.
    public var heard: String
    /// Why no value was taken ("it could be a or b", "I didn't catch a date").
    public var problem: String?
}

/// Caller understanding on its own, apart from the call's lifecycle: given an
/// action's Input Schema and one line, the fields the line answers. MockAgent
/// hears through the same extractor; benchmarks and other agents use this.
public struct CallerUnderstanding: Sendable {
    public var schema: InputSchema { extractor.schema }
    public var context: SpokenContext { extractor.context }
    private let extractor: FieldExtractor

    public init(schema: InputSchema, context: SpokenContext = SpokenContext()) {
        extractor = FieldExtractor(schema: schema, context: context)
    }

    /// - Parameters:
    ///   - asked: the field the agent just asked for, if any.
    ///   - held: fields already collected (they change only when named or corrected).
    public func read(_ utterance: String, asked: String? = nil, held: Set<String> = []) -> [HeardField] {
        let tokens = SpokenText.tokens(utterance)
        let correcting = !held.isEmpty && Intent.isCorrection(tokens)
        return extractor.extract(tokens, asked: asked, held: held, correcting: correcting).map { finding in
            switch finding.reading {
            case let .value(value): return HeardField(name: finding.name, value: value, heard: finding.heard, problem: nil)
            case let .ambiguous(values):
                return HeardField(name: finding.name, value: nil, heard: finding.heard, problem: "it could be \(SpokenText.list(values, conjunction: "or"))")
            case let .notUnderstood(reason): return HeardField(name: finding.name, value: nil, heard: finding.heard, problem: reason)
            }
        }
    }
}
