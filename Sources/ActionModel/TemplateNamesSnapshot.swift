import Foundation

/// What `{{env.…}}` and `{{secret.…}}` can refer to right now, by name only:
/// no variable or secret value is in it. The console holds one to tell the
/// action form which references are undefined, without ever holding a secret.
public struct TemplateNamesSnapshot: Sendable, Equatable {
    /// The active environment, nil when none is chosen.
    public var environmentName: String?
    /// The active environment's variable names.
    public var variableNames: Set<String>
    /// Secrets that have a usable value in the active environment.
    public var secretNames: Set<String>
    /// Secrets that are defined but have no value here, with why (never a value).
    public var unavailableSecrets: [String: String]

    public init(environmentName: String? = nil, variableNames: Set<String> = [], secretNames: Set<String> = [],
                unavailableSecrets: [String: String] = [:]) {
        self.environmentName = environmentName
        self.variableNames = variableNames
        self.secretNames = secretNames
        self.unavailableSecrets = unavailableSecrets
    }

    /// A context with every value empty, so `TemplateContext.issues(for:)`
    /// (which only asks whether a name is defined) works unchanged on names.
    /// Good for finding undefined references; never for filling in a request.
    public var context: TemplateContext {
        TemplateContext(environmentName: environmentName,
                        variables: Dictionary(uniqueKeysWithValues: variableNames.map { ($0, "") }),
                        secrets: Dictionary(uniqueKeysWithValues: secretNames.map { ($0, "") }),
                        unavailableSecrets: unavailableSecrets)
    }

    /// Undefined or unusable references in the action's URL, headers and
    /// signature secret, worded as `TemplateContext.issues(for:)` words them.
    public func issues(for action: Action) -> [FieldIssue] { context.issues(for: action) }
}

extension TemplateContext {
    /// The names in this context, its values left behind.
    public var namesOnly: TemplateNamesSnapshot {
        TemplateNamesSnapshot(environmentName: environmentName, variableNames: Set(variables.keys),
                              secretNames: Set(secrets.keys), unavailableSecrets: unavailableSecrets)
    }
}
