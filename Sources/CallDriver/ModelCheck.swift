import ActionHTTP
import ActionModel
import CallSimulation
import Foundation

/// One short completion against a model record, as `switchboard models test`
/// and the console's Models page run it: the key filled in from the secrets,
/// the figures of the turn, the exact error with secrets masked.
public enum ModelCheck {
    /// What the model is asked: one word back is enough to prove the key, the URL and the model id.
    public static let prompt = "Reply with the single word: ready"

    public static func run(_ record: ModelRecord, templates: TemplateContext) async -> ModelCheckResult {
        let endpoint: ModelEndpoint
        do { endpoint = try ModelEndpoint.prepare(record, templates: templates) } catch {
            return ModelCheckResult(modelName: record.name, outcome: .notSent(error.explanation))
        }
        let invoker = ActionInvoker()
        let client = ChatCompletionsClient(endpoint: endpoint, invoker: invoker)
        let request = ModelRequest(messages: [ChatMessage(role: .user, content: prompt)], tools: [])
        let result = await client.complete(request) { _ in }
        await invoker.shutdown()
        let figures = ModelTurnLog(result).summary
        switch result.outcome {
        case let .reply(reply):
            return ModelCheckResult(modelName: record.name,
                                    outcome: .answered(modelEcho: reply.model, reply: reply.text.trimmingCharacters(in: .whitespacesAndNewlines)),
                                    endpoint: result.endpoint, figures: figures)
        case let .failure(fault):
            return ModelCheckResult(modelName: record.name, outcome: .failed(templates.mask(fault.masked(templates).explanation)),
                                    endpoint: result.endpoint, figures: figures)
        }
    }
}
