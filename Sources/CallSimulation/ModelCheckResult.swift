/// What one short completion against a model record said (`switchboard models
/// test NAME`, and `t` on the console's Models page): the latency and the
/// model id the server echoed, or the exact error. Worded once here so the
/// command line and the console say the same thing.
public struct ModelCheckResult: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The server answered: the model id it echoed (nil: none) and the reply's words.
        case answered(modelEcho: String?, reply: String)
        /// Nothing was sent (an undefined secret, a record that can't be used): why, in words.
        case notSent(String)
        /// Sent, and it failed: the exact error (secrets masked).
        case failed(String)
    }

    /// The record's name.
    public var modelName: String
    public var outcome: Outcome
    /// "POST http://…/chat/completions" (secrets masked); empty when nothing was sent.
    public var endpoint: String
    /// "first token 312 ms, 840 ms, 12 in / 1 out tokens"; empty when nothing was sent.
    public var figures: String

    public init(modelName: String, outcome: Outcome, endpoint: String = "", figures: String = "") {
        self.modelName = modelName
        self.outcome = outcome
        self.endpoint = endpoint
        self.figures = figures
    }

    public var succeeded: Bool {
        if case .answered = outcome { return true }
        return false
    }

    /// One line: "✓ NAME: POST … answered in …", or the error naming the model.
    public var headline: String {
        switch outcome {
        case .answered: return "✓ \(modelName): \(endpoint) answered in \(figures)"
        case let .notSent(reason): return "model '\(modelName)' not tested: \(reason)"
        case let .failed(error): return "model '\(modelName)' failed: \(error) (\(endpoint), \(figures))"
        }
    }

    /// Under the headline of an answer: the model id echoed and the reply.
    public var details: [String] {
        guard case let .answered(echo, reply) = outcome else { return [] }
        return ["model: \(echo ?? "(not echoed)")", "reply: \(reply)"]
    }
}
