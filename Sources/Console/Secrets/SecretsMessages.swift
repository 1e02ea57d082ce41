import ActionModel

// What the Secrets page (and the environment switch) and the runtime say to
// each other (`ConsoleMessage.secrets`, `ConsoleEffect.secrets`).
// `SecretsPage.receive` switches over every message.

public enum SecretsMessage: Sendable, Equatable {
    /// Secrets, environments and the active one (`.load`, and at start).
    case loaded(SecretsOverview)
    /// A secrets or environments change went through: the overview now, and
    /// what was done, for the status line.
    case changed(SecretsOverview, done: String)
    /// `.reveal`'s answer: the value in the active environment. The only
    /// message that carries a secret's value.
    case revealed(name: String, value: SecretText)
    /// A secrets or environments request did not go through, in words.
    case failed(String)

    /// `.loaded` is a whole list read from the store (at start-up, or the
    /// page's reload when it opens): the runtime hands back what the read freed.
    public var isListLoad: Bool { if case .loaded = self { true } else { false } }
}

public enum SecretsEffect: Sendable, Equatable {
    /// Read secrets and environments; answered by `.loaded`.
    case load
    /// Keep a value for the secret in the secrets file (defining it when new):
    /// the default, or `environment`'s own. Answered by `.changed`.
    case setValue(name: String, environment: String?, value: SecretText)
    /// Make the secret come from a process environment variable at call time.
    case setSource(name: String, environmentVariable: String)
    /// Read the secret's value in the active environment; `.revealed`.
    case reveal(name: String)
    /// Delete the secret and every value (environment nil), or one environment's value.
    case delete(name: String, environment: String?)
    case createEnvironment(String)
    case deleteEnvironment(String)
    /// Make an environment the active one (nil: none).
    case useEnvironment(String?)
    case setVariable(environment: String, name: String, value: String)
    case unsetVariable(environment: String, name: String)
}
