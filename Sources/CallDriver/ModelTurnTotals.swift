import ActionModel
import Foundation

/// A call's model turns added up from its log (`model_turn` entries), for
/// `calls show`: how many, the median time to first token, the time spent
/// waiting on the model and the tokens in and out.
public struct ModelTurnTotals: Sendable, Equatable {
    public var turns: Int
    public var failed: Int
    public var medianFirstTokenMilliseconds: Double?
    public var totalMilliseconds: Double
    public var tokensIn: Int
    public var tokensOut: Int

    /// nil when the call consulted no model.
    public init?(_ entries: [CallLogEntry]) {
        let turns = entries.filter { $0.type == "model_turn" }
        guard !turns.isEmpty else { return nil }
        self.turns = turns.count
        failed = turns.filter { $0.data["error"] != nil }.count
        let firsts = turns.compactMap { $0.data["first_token_ms"]?.numericValue }.sorted()
        medianFirstTokenMilliseconds = firsts.isEmpty ? nil
            : firsts.count % 2 == 1 ? firsts[firsts.count / 2] : (firsts[firsts.count / 2 - 1] + firsts[firsts.count / 2]) / 2
        totalMilliseconds = turns.compactMap { $0.data["total_ms"]?.numericValue }.reduce(0, +)
        tokensIn = turns.compactMap { $0.data["tokens_in"]?.integerValue }.reduce(0, +)
        tokensOut = turns.compactMap { $0.data["tokens_out"]?.integerValue }.reduce(0, +)
    }

    public var summary: String {
        var parts = ["\(turns) turn\(turns == 1 ? "" : "s")" + (failed > 0 ? " (\(failed) failed)" : "")]
        if let median = medianFirstTokenMilliseconds { parts.append("first token median \(Int(median.rounded())) ms") }
        parts.append("\(Int(totalMilliseconds.rounded())) ms waiting on the model")
        parts.append("\(tokensIn) in / \(tokensOut) out tokens")
        return "Model: " + parts.joined(separator: ", ")
    }

    public var json: JSONValue {
        ["turns": .integer(turns), "failed": .integer(failed),
         "median_first_token_ms": medianFirstTokenMilliseconds.map { .number($0) } ?? .null,
         "total_ms": .number(totalMilliseconds), "tokens_in": .integer(tokensIn), "tokens_out": .integer(tokensOut)]
    }
}
