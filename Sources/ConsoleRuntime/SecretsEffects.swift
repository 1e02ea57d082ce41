import ActionModel
import ActionStore
import Console
import Foundation

// The store work of the Secrets page and the environment switch. A secret's
// value is read here only for `.reveal` and written only for `.setValue`; no
// message but `.secrets(.revealed)` carries one, and no failure message
// quotes one.

extension ConsoleRuntime {
    /// Performs a secrets or environments effect; the message to send back.
    static func performSecretsEffect(_ effect: SecretsEffect, on store: ActionStore,
                                     processEnvironment: [String: String] = ProcessInfo.processInfo.environment) -> SecretsMessage {
        do {
            switch effect {
            case .load:
                return .loaded(try secretsOverview(store, processEnvironment: processEnvironment))
            case let .reveal(name):
                let context = try store.templateContext(processEnvironment: processEnvironment)
                if let value = context.secrets[name] { return .revealed(name: name, value: SecretText(value)) }
                let reason = context.unavailableSecrets[name] ?? "it is not defined; press n to add it"
                return .failed("\(name) has no value here: \(reason)")
            case .setValue, .setSource, .delete, .createEnvironment, .deleteEnvironment, .useEnvironment, .setVariable, .unsetVariable:
                let done = try change(effect, store)
                return .changed(try secretsOverview(store, processEnvironment: processEnvironment), done: done)
            }
        } catch let error as StoreError {
            return .failed(error.message)
        } catch let error as SecretsFileError {
            return .failed(error.message)
        } catch {
            return .failed("\(error)")
        }
    }

    /// Makes one change, as the `secrets` and `environments` commands do; what was done, in words.
    static func change(_ effect: SecretsEffect, _ store: ActionStore) throws -> String {
        // The file and the store change together or not at all: refuse before either.
        if let reason = store.readOnlyReason { throw StoreError.readOnly(path: store.path, reason: reason) }
        let file = store.secretsFile
        switch effect {
        case let .setValue(name, environment, secret):
            if let problem = TemplateNames.problem(name, what: "secret") { throw StoreError.rejected(problem) }
            if secret.value.isEmpty { throw StoreError.rejected("the value of \(name) is empty; a secret can't be empty") }
            if let problem = SecretValueRules.problem(secret.value, name: name) { throw StoreError.rejected(problem) }
            let canonical = try environment.map { try store.environment(named: $0).name }
            _ = try file.load()  // a too-open or damaged file is refused before anything changes
            try store.defineSecret(SecretDefinition(name: name))
            try file.update { $0.set(name, to: secret.value, environment: canonical) }
            return "Secret \(name) set" + (canonical.map { " for environment \($0)" } ?? " (default for every environment)")
                + "; use it as {{secret.\(name)}}"
        case let .setSource(name, variable):
            try store.defineSecret(SecretDefinition(name: name, fromEnvironmentVariable: variable))
            if file.exists { try file.update { $0.remove(name, environment: nil) } }
            return "Secret \(name) now comes from $\(variable) when a call runs"
        case let .delete(name, environment):
            guard try store.secretDefinition(named: name) != nil else {
                throw StoreError.notFound("secret '\(name)'; it may have been deleted elsewhere")
            }
            if let environment {
                let canonical = try store.environment(named: environment).name
                try file.update { $0.remove(name, environment: canonical) }
                return "Removed \(canonical)'s own value of \(name)"
            }
            if file.exists { try file.update { $0.remove(name, environment: nil) } }
            try store.deleteSecretDefinition(named: name)
            return "Deleted secret \(name) and its values"
        case let .createEnvironment(name):
            let created = try store.createEnvironment(named: name)
            return "Created environment \(created.name); ⏎ adds its variables, u makes it active"
        case let .deleteEnvironment(name):
            let canonical = try store.environment(named: name).name
            if file.exists { try file.update { $0.removeEnvironment(canonical) } }
            try store.deleteEnvironment(named: canonical)
            return "Deleted environment \(canonical)"
        case let .useEnvironment(name):
            try store.useEnvironment(named: name)
            return (try store.activeEnvironmentName()).map { "Active environment: \($0)" } ?? "No environment is active"
        case let .setVariable(environment, name, value):
            try store.setVariable(name, to: value, inEnvironment: environment)
            return "Set {{env.\(name)}} in \(try store.environment(named: environment).name)"
        case let .unsetVariable(environment, name):
            try store.unsetVariable(name, inEnvironment: environment)
            return "Removed {{env.\(name)}} from \(try store.environment(named: environment).name)"
        case .load, .reveal:
            assertionFailure("\(effect) reads; performSecretsEffect answers it")
            return ""
        }
    }

    /// Secrets, environments and the names defined in the active one; never a value.
    static func secretsOverview(_ store: ActionStore, processEnvironment: [String: String]) throws -> SecretsOverview {
        let definitions = try store.allSecretDefinitions()
        let environments = try store.allEnvironments()
        var values = SecretValues()
        var fileProblem: String?
        do { values = try store.secretsFile.load() } catch { fileProblem = error.message }
        // Which actions use each secret, and the references nothing defines
        // in the active environment (the Secrets page lists them).
        let context = try store.templateContext(processEnvironment: processEnvironment)
        var usage: [String: Int] = [:]
        var undefined: [TemplateReference: [String]] = [:]
        // Only actions whose configuration has a `{{` can reference anything.
        for action in try store.actionsWithTemplates() {
            for reference in action.templateReferences {
                let defined: Bool
                switch reference.namespace {
                case .secret:
                    usage[reference.name, default: 0] += 1
                    defined = context.secrets[reference.name] != nil || context.unavailableSecrets[reference.name] != nil
                case .env:
                    defined = context.variables[reference.name] != nil
                }
                if !defined { undefined[reference, default: []].append(action.name) }
            }
        }
        return SecretsOverview(
            secrets: definitions.map { definition in
                SecretSummary(name: definition.name, fromEnvironmentVariable: definition.fromEnvironmentVariable,
                              hasDefault: values.defaults[definition.name] != nil,
                              environments: values.environments(having: definition.name), usedBy: usage[definition.name] ?? 0)
            },
            environments: environments.map { environment in
                EnvironmentSummary(name: environment.name,
                                   variables: environment.sortedVariables.map { EnvironmentVariable(name: $0.name, value: $0.value) },
                                   ownSecrets: values.secretNames(withOwnValueIn: environment.name))
            },
            activeEnvironment: try store.activeEnvironmentName(),
            fileProblem: fileProblem,
            names: context.namesOnly,
            undefined: undefined.map { UndefinedReference(reference: $0.key.description, actionNames: $0.value.sorted()) }
                .sorted { $0.reference < $1.reference })
    }
}
