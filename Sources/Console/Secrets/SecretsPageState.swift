import ActionModel

/// The Secrets page's two tabs.
enum SecretsTab: Int, CaseIterable, Sendable {
    case secrets, environments

    var title: String { self == .secrets ? "Secrets" : "Environments" }
}

/// A secret's value shown in clear after `v`: until the next key or
/// `RevealedSecret.lifetime` ticks, then dropped from the state altogether.
struct RevealedSecret: Sendable, Equatable {
    var name: String
    var value: SecretText
    var ticksLeft = RevealedSecret.lifetime

    /// About five seconds at four ticks a second.
    static let lifetime = 20
}

/// A delete waiting for y/N.
enum SecretsQuestion: Sendable, Equatable {
    case deleteSecret(String)
    case deleteEnvironment(String)
    case deleteVariable(environment: String, name: String)
}

/// The Secrets page: what the store has (names, sources, environments and
/// their variables; never a secret's value), the cursor on each tab, the open
/// environment, and the form or question over it.
struct SecretsPageState: PageState, Equatable {
    var overview = SecretsOverview()
    /// False until the first `.secrets(.loaded)` (the status line then knows the environment).
    var loaded = false
    var tab: SecretsTab = .secrets
    var secretSelection = 0
    var environmentSelection = 0
    var variableSelection = 0
    /// The environment whose variables are showing (⏎ on the Environments tab).
    var openEnvironment: String?
    var form: SecretsForm?
    /// The form asked the store for a change that has not been answered yet.
    var pendingSave = false
    var question: SecretsQuestion?
    /// The secret `v` asked the store for; an answer for anything else is dropped.
    var pendingReveal: String?
    var revealed: RevealedSecret?

    /// The page holds every key (a form or a question is open).
    var holdsKeys: Bool { form != nil || question != nil }

    var selectedSecret: SecretSummary? {
        overview.secrets.indices.contains(secretSelection) ? overview.secrets[secretSelection] : nil
    }

    var selectedEnvironment: EnvironmentSummary? {
        overview.environments.indices.contains(environmentSelection) ? overview.environments[environmentSelection] : nil
    }

    /// The environment whose variables are open, as the store has it now.
    var openedEnvironment: EnvironmentSummary? {
        guard let openEnvironment else { return nil }
        return overview.environments.first { $0.name.caseInsensitiveCompare(openEnvironment) == .orderedSame }
    }

    var selectedVariable: EnvironmentVariable? {
        guard let variables = openedEnvironment?.variables, variables.indices.contains(variableSelection) else { return nil }
        return variables[variableSelection]
    }

    /// Keeps every cursor on a row after the overview changed.
    mutating func clamp() {
        secretSelection = max(0, min(secretSelection, overview.secrets.count - 1))
        environmentSelection = max(0, min(environmentSelection, overview.environments.count - 1))
        if openEnvironment != nil, openedEnvironment == nil { openEnvironment = nil }
        variableSelection = max(0, min(variableSelection, (openedEnvironment?.variables.count ?? 0) - 1))
    }
}

extension ConsoleState {
    var secrets: SecretsPageState {
        get { pages[SecretsPageState.self] }
        _modify { yield &pages[SecretsPageState.self] }
    }
}
