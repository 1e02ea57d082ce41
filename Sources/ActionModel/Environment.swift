import Foundation

/// A named set of variables (`{{env.NAME}}`): dev, staging, production. Its
/// secret values live in the secrets file, never here.
public struct EnvironmentRecord: Sendable, Equatable {
    public var name: String
    /// Variable name → value, as `{{env.NAME}}` fills in. Not secret: shown in lists.
    public var variables: [String: String]
    public var createdAt: Date

    public init(name: String, variables: [String: String] = [:], createdAt: Date = Date()) {
        self.name = name
        self.variables = variables
        self.createdAt = createdAt
    }

    /// Variables sorted by name, for lists and JSON.
    public var sortedVariables: [(name: String, value: String)] {
        variables.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }
}

/// A secret by name (`{{secret.NAME}}`). The definition says where the value
/// comes from; the value itself is never part of it.
public struct SecretDefinition: Sendable, Equatable {
    public var name: String
    /// When set, the value is read from this variable of the process
    /// environment at call time (CI, a password manager's `op run`…);
    /// otherwise from the secrets file.
    public var fromEnvironmentVariable: String?
    public var createdAt: Date

    public init(name: String, fromEnvironmentVariable: String? = nil, createdAt: Date = Date()) {
        self.name = name
        self.fromEnvironmentVariable = fromEnvironmentVariable
        self.createdAt = createdAt
    }

    /// How lists describe the source: `file` or `$VAR`.
    public var sourceLabel: String { fromEnvironmentVariable.map { "$" + $0 } ?? "file" }
}
