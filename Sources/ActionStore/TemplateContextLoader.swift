import ActionModel
import Foundation

extension ActionStore {
    /// The secrets file of this store: beside a SQLite file; for a PostgreSQL
    /// store the user's own file (secret values never enter the shared database).
    public var secretsFile: SecretsFile { SecretsFile(path: secretsFilePath) }

    /// What `{{env.…}}` and `{{secret.…}}` mean for a call: the variables of
    /// `environment` (nil: the active one, which may be none) and the value of
    /// every defined secret there (the environment's own, else the default; or
    /// the process environment variable a secret names).
    ///
    /// A secrets file that can't be used (too open, damaged) doesn't fail the
    /// whole call: each secret kept in it becomes unavailable with the file's
    /// message, which is what a request using one reports.
    public func templateContext(
        environment explicit: String? = nil, processEnvironment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> TemplateContext {
        var environment: EnvironmentRecord?
        if let explicit {
            environment = try self.environment(named: explicit)
        } else if let active = try activeEnvironmentName() {
            environment = try? self.environment(named: active)
        }
        var context = TemplateContext(environmentName: environment?.name, variables: environment?.variables ?? [:])
        let definitions = try allSecretDefinitions()
        guard !definitions.isEmpty else { return context }

        var values = SecretValues()
        var fileProblem: String?
        if definitions.contains(where: { $0.fromEnvironmentVariable == nil }) {
            do { values = try secretsFile.load() } catch { fileProblem = error.message }
        }
        for definition in definitions {
            if let variable = definition.fromEnvironmentVariable {
                if let value = processEnvironment[variable], !value.isEmpty {
                    context.secrets[definition.name] = value
                } else {
                    context.unavailableSecrets[definition.name] = "it comes from the environment variable \(variable), which is not set here; export \(variable) before running switchboard (or `switchboard secrets set \(definition.name)` to keep it in the secrets file)"
                }
            } else if let fileProblem {
                context.unavailableSecrets[definition.name] = fileProblem
            } else if let value = values.value(of: definition.name, environment: environment?.name) {
                context.secrets[definition.name] = value
            } else {
                let scope = environment.map { " (or `--env \($0.name)` for \($0.name) only)" } ?? ""
                context.unavailableSecrets[definition.name] = "no value is set\(environment.map { " for environment '\($0.name)' or as the default" } ?? ""); set one with `switchboard secrets set \(definition.name)`\(scope)"
            }
            // Every other value this secret has in the file, for masking only.
            let others = ([values.defaults[definition.name]] + values.byEnvironment.values.map { $0[definition.name] })
                .compactMap { $0 }.filter { $0 != context.secrets[definition.name] }
            if !others.isEmpty { context.otherValues[definition.name] = Array(Set(others)).sorted() }
        }
        return context
    }
}
