import ActionModel

// The values the Secrets page and the status line get from the runtime. None
// carries a secret's value except `SecretText`, which only the reveal message
// and the set-value effect use.

/// A secret's value on its way to or from the store. Printing it (string
/// interpolation, `dump`, a test failure message) shows a mask, so an effect
/// or message that carries one can be logged without leaking it.
public struct SecretText: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "••••••••" }
    public var debugDescription: String { "SecretText(••••••••)" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}

/// One row of the Secrets tab: a secret by name, where its value comes from
/// and where one is set. Never the value.
public struct SecretSummary: Sendable, Equatable {
    public var name: String
    /// The process environment variable the value is read from; nil: the secrets file.
    public var fromEnvironmentVariable: String?
    /// A default value is kept in the secrets file.
    public var hasDefault: Bool
    /// Environments with their own value, sorted.
    public var environments: [String]
    /// How many actions use `{{secret.NAME}}`.
    public var usedBy: Int

    public init(name: String, fromEnvironmentVariable: String? = nil, hasDefault: Bool = false, environments: [String] = [],
                usedBy: Int = 0) {
        self.name = name
        self.fromEnvironmentVariable = fromEnvironmentVariable
        self.hasDefault = hasDefault
        self.environments = environments
        self.usedBy = usedBy
    }

    /// `file` or `$VAR`, as `secrets list` says it.
    public var sourceLabel: String { fromEnvironmentVariable.map { "$" + $0 } ?? "file" }
}

/// One environment and its variables (not secret: shown), with the secrets
/// that have their own value in it (names only).
public struct EnvironmentSummary: Sendable, Equatable {
    public var name: String
    /// Sorted by name.
    public var variables: [EnvironmentVariable]
    public var ownSecrets: [String]

    public init(name: String, variables: [EnvironmentVariable] = [], ownSecrets: [String] = []) {
        self.name = name
        self.variables = variables
        self.ownSecrets = ownSecrets
    }
}

public struct EnvironmentVariable: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A `{{secret.NAME}}` or `{{env.NAME}}` that actions use and the active
/// environment doesn't define: a request from them would not be sent.
public struct UndefinedReference: Sendable, Equatable {
    /// As written: `{{secret.CRM_KEY}}`.
    public var reference: String
    /// The actions that use it, by name.
    public var actionNames: [String]

    public init(reference: String, actionNames: [String]) {
        self.reference = reference
        self.actionNames = actionNames
    }
}

/// Everything the Secrets page and the status line show, as the store has it.
public struct SecretsOverview: Sendable, Equatable {
    public var secrets: [SecretSummary]
    public var environments: [EnvironmentSummary]
    public var activeEnvironment: String?
    /// Why the secrets file can't be used (too open, damaged), with the fix; nil when fine.
    public var fileProblem: String?
    /// What references are defined in the active environment, for the action form.
    public var names: TemplateNamesSnapshot
    /// References actions use that the active environment doesn't define, by reference.
    public var undefined: [UndefinedReference]

    public init(secrets: [SecretSummary] = [], environments: [EnvironmentSummary] = [], activeEnvironment: String? = nil,
                fileProblem: String? = nil, names: TemplateNamesSnapshot = TemplateNamesSnapshot(),
                undefined: [UndefinedReference] = []) {
        self.secrets = secrets
        self.environments = environments
        self.activeEnvironment = activeEnvironment
        self.fileProblem = fileProblem
        self.names = names
        self.undefined = undefined
    }
}
