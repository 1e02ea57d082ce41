import ActionHTTP
import ActionModel
import CallSimulation
import Foundation
import Platforms

/// Platform figures: export of 100,000 actions to each platform (time, size),
/// lint of 100,000 actions against every platform, and the request path's
/// own cost (templates filled, body, headers, signature: `WireRequest.prepare`)
/// per platform, which must stay ≤ 1 ms.
func runPlatformBenchmarks() {
    print("platforms (Platforms module, pure; no network):")
    let count = 100_000
    let actions = (0..<count).map(benchAction)

    for format in PlatformFormat.allCases {
        var bytes = 0
        var exported = 0
        let elapsed = milliseconds {
            let export = PlatformDefinitions.export(actions, to: format)
            exported = export.definitions.count
            bytes = export.document.compactText.utf8.count
        }
        line("export \(count) actions → \(format.rawValue)",
             String(format: "%8.0f ms   %6.1f MB   (%d definitions, %.2f µs each)", elapsed, Double(bytes) / 1_048_576, exported, elapsed * 1000 / Double(count)))
    }

    var findings = 0
    let lintElapsed = milliseconds {
        for action in actions { findings += PlatformLint.lint(action, for: PlatformFormat.allCases).count }
    }
    line("lint \(count) actions × 6 platforms", String(format: "%8.0f ms   (%d findings, %.2f µs per action)", lintElapsed, findings, lintElapsed * 1000 / Double(count)))

    let templates = TemplateContext(environmentName: "bench", variables: ["BASE": "https://api.example.com"], secrets: ["TOKEN": "tok_0123456789abcdef"])
    for platform in ActionPlatform.allCases {
        var action = benchAction(0)
        action.platform = platform
        if case var .customInput(config) = action.configuration {
            config.signatureSecret = platform == .fluents ? "c3dpdGNoYm9hcmQtZGVtby1zZWNyZXQ=" : (platform == .retell ? "key_bench_retell" : nil)
            action.configuration = .customInput(config)
        }
        // A request that fails to prepare would time the error path: stop instead.
        do {
            _ = try WireRequest.prepare(InvocationRequest(action: action, arguments: benchArguments(0), callID: "bench-check"), templates: templates)
        } catch {
            print("  request path → \(platform.rawValue): prepare failed (\(error)); not measured")
            exit(1)
        }
        var index = 0
        report("request path (prepare) → \(platform.rawValue)", runs: 2_000) {
            index += 1
            let request = InvocationRequest(action: action, arguments: benchArguments(index), callID: "bench-call-\(index)")
            _ = try? WireRequest.prepare(request, templates: templates)
        }
    }
}

private func benchArguments(_ index: Int) -> JSONObject {
    JSONObject([
        (key: "order_id", value: .integer(100_000 + index)), (key: "email", value: .string("caller\(index)@example.com")),
        (key: "reason", value: "delivery"), (key: "note", value: "Left at the door, please check"),
    ])
}

private func benchAction(_ index: Int) -> Action {
    Action(
        name: "Order lookup \(index)", functionName: "order_lookup_\(index)", description: "Looks up an order by its number",
        configuration: .customInput(CustomInputConfiguration(
            url: "{{env.BASE}}/orders/{order_id}", speakOnSend: "Let me check that order.",
            speakOnReceive: "Order {{result.order_id}} is {{result.status}}.",
            inputSchema: InputSchema(properties: [
                SchemaProperty(name: "order_id", type: .integer, isRequired: true, description: "The order number", minimum: 1),
                SchemaProperty(name: "email", isRequired: true, description: "The customer's email address", format: .email),
                SchemaProperty(name: "reason", description: "Why they are calling", enumValues: ["billing", "delivery", "returns"]),
                SchemaProperty(name: "note", description: index % 2 == 0 ? "Anything else" : ""),
            ]),
            timeoutSeconds: 20, headers: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.TOKEN}}")])),
        createdAt: Date(timeIntervalSince1970: 1_767_225_600))
}
