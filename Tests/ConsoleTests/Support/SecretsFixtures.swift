import ActionModel
import Foundation
@testable import Console

/// Secrets and environments as the runtime describes them: names, sources and
/// variables, never a secret's value (only `plantedValue`, in reveal answers).
enum SecretsFixtures {
    /// A value that must appear on screen only while revealed.
    static let plantedValue = "sk_live_PLANTED_4f9a2c7e"

    static let overview = SecretsOverview(
        secrets: [
            SecretSummary(name: "API_KEY", hasDefault: true, environments: ["production"], usedBy: 2),
            SecretSummary(name: "CI_TOKEN", fromEnvironmentVariable: "CI_TOKEN", usedBy: 0),
            SecretSummary(name: "SIGNING_KEY", hasDefault: false, environments: ["production"], usedBy: 1),
        ],
        environments: [
            EnvironmentSummary(name: "dev", variables: [EnvironmentVariable(name: "BASE_URL", value: "http://localhost:8080")]),
            EnvironmentSummary(name: "production", variables: [
                EnvironmentVariable(name: "BASE_URL", value: "https://api.example.com"),
                EnvironmentVariable(name: "REGION", value: "eu-west-1"),
            ], ownSecrets: ["API_KEY", "SIGNING_KEY"]),
            EnvironmentSummary(name: "staging", variables: [
                EnvironmentVariable(name: "BASE_URL", value: "https://staging.api.example.com"),
            ]),
        ],
        activeEnvironment: "staging",
        names: TemplateNamesSnapshot(
            environmentName: "staging", variableNames: ["BASE_URL"], secretNames: ["API_KEY"],
            unavailableSecrets: [
                "CI_TOKEN": "it comes from the environment variable CI_TOKEN, which is not set here; export CI_TOKEN before running switchboard",
                "SIGNING_KEY": "no value is set for environment 'staging' or as the default; set one with `switchboard secrets set SIGNING_KEY`",
            ]))

    static let tooOpen = SecretsOverview(
        secrets: overview.secrets, environments: overview.environments, activeEnvironment: "staging",
        fileProblem: "/home/jo/.local/share/switchboard/switchboard.secrets.json is readable by others (mode 0644); run `chmod 600 /home/jo/.local/share/switchboard/switchboard.secrets.json` and try again",
        names: overview.names)

    /// An action whose URL and headers use references, some undefined in staging.
    static let templatedAction = Action(
        id: Fixtures.id("7emp1a7ed0000000"), name: "Create CRM lead (templated)",
        description: "Uses the environment's base URL and a key",
        configuration: .customInput(CustomInputConfiguration(
            url: "{{env.BASE_URL}}/leads?region={{env.REGION}}",
            headers: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.API_KEY}}"),
                      HTTPHeader(name: "X-Partner", value: "{{secret.PARTNER_KEY}}")],
            signatureSecret: "{{secret.SIGNING_KEY}}")),
        createdAt: Fixtures.date(1), updatedAt: Fixtures.date(2))

    /// The shell with agents, calls and the secrets overview loaded, on the Secrets page.
    static func state(width: Int = 80, height: Int = 24, readOnly: Bool = false, overview: SecretsOverview = overview,
                      open: Bool = true) -> ConsoleState {
        var state = PageFixtures.state(width: width, height: height, readOnly: readOnly)
        state.send(.secrets(.loaded(overview)))
        if open { state.press(.function(7)) }
        return state
    }
}
