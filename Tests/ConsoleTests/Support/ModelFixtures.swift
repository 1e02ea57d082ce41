import ActionModel
import CallSimulation
import Foundation
@testable import Console

/// Model records with fixed times, for the Models page and the agent form's engine picker.
enum ModelFixtures {
    static let gptMini = ModelRecord(
        name: "gpt-4o-mini", baseURL: "https://api.openai.com/v1", modelID: "gpt-4o-mini", apiKey: "{{secret.OPENAI_API_KEY}}",
        temperature: 0.2, createdAt: Fixtures.date(1))

    static let azure = ModelRecord(
        name: "azure-4o", baseURL: "https://acme.openai.azure.com/openai/deployments/gpt4o", modelID: "gpt-4o",
        headers: [HTTPHeader(name: "api-key", value: "{{secret.AZURE_KEY}}")], query: [HTTPHeader(name: "api-version", value: "2024-06-01")],
        maxTokens: 400, createdAt: Fixtures.date(2))

    static let scripted = ModelRecord(
        name: "scripted", baseURL: "http://127.0.0.1:8089/v1", modelID: "switchboard-scripted", timeoutSeconds: 10, createdAt: Fixtures.date(3))

    static let entries = [
        ModelListEntry(model: azure),
        ModelListEntry(model: gptMini, agentNames: ["Front desk"]),
        ModelListEntry(model: scripted),
    ]

    /// The shell with agents, calls and models loaded.
    static func state(width: Int = 80, height: Int = 24, readOnly: Bool = false, entries: [ModelListEntry] = entries) -> ConsoleState {
        var state = PageFixtures.state(width: width, height: height, readOnly: readOnly)
        state.send(.models(.loaded(entries)))
        return state
    }

    static let answered = ModelCheckResult(
        modelName: "scripted", outcome: .answered(modelEcho: "switchboard-scripted", reply: "ready"),
        endpoint: "POST http://127.0.0.1:8089/v1/chat/completions", figures: "first token 3 ms, 5 ms, 12 in / 1 out tokens")

    static let refused = ModelCheckResult(
        modelName: "gpt-4o-mini",
        outcome: .failed("HTTP 401: the model endpoint refused the API key; check the secret {{secret.OPENAI_API_KEY}} (`switchboard secrets set OPENAI_API_KEY`), then run `switchboard models test gpt-4o-mini`"),
        endpoint: "POST https://api.openai.com/v1/chat/completions", figures: "41 ms")
}

extension ConsoleState {
    /// Opens a new model form (F8, then `n`) and types `values` into its fields
    /// in order, Tab between them; an empty value leaves that field as it is.
    mutating func typeNewModel(_ values: [String]) {
        press(.function(8), .character("n"))
        for (index, value) in values.enumerated() {
            if index > 0 { press(.tab) }
            type(value)
        }
    }
}
