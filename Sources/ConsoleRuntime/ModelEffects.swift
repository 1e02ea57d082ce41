import ActionModel
import ActionStore
import CallDriver
import CallSimulation
import Console
import Foundation

// The Models page's store work, and its `t` check (the same one
// `switchboard models test` runs: `ModelCheck`).

extension ConsoleRuntime {
    /// Performs a model store effect; the message to send back (nil for the
    /// check, which is not store work: `performModelTest`).
    static func performModelsEffect(_ effect: ModelsEffect, on store: ActionStore) -> ConsoleMessage? {
        switch effect {
        case .load:
            do {
                let models = try store.allModels()
                let agents = try store.allAgents()
                return .models(.loaded(models.map { model in
                    ModelListEntry(model: model, agentNames: agents.filter { $0.model?.lowercased() == model.id }.map(\.name).sorted())
                }))
            } catch {
                return .models(.failed(ModelFailure(reason: .other, message: "Models could not be read: \(error.message)")))
            }
        case let .insert(model):
            do { return .models(.saved(try store.insert(model), previousName: nil)) } catch {
                return .models(.failed(modelFailure(error, model: model, previousName: nil, in: store)))
            }
        case let .update(model, previousName):
            do { return .models(.saved(try store.update(model, previousName: previousName), previousName: previousName)) } catch {
                return .models(.failed(modelFailure(error, model: model, previousName: previousName, in: store)))
            }
        case let .delete(model):
            do {
                try store.delete(model: model.name)
                return .models(.deleted(name: model.name))
            } catch {
                return .models(.failed(modelFailure(error, model: model, previousName: nil, in: store)))
            }
        case .test:
            return nil
        }
    }

    /// A model store error for the console. The store words a stale update as
    /// a refusal; here it becomes the conflict every record form asks about,
    /// carrying the model as stored now (nil when it is gone).
    static func modelFailure(_ error: StoreError, model: ModelRecord, previousName: String?, in store: ActionStore) -> ModelFailure {
        if let previousName {
            switch (try? store.model(named: previousName)) ?? nil {
            case nil:
                return ModelFailure(reason: .conflict(current: nil), message: "model '\(previousName)' was deleted elsewhere since you read it; nothing was written.",
                                    recordID: model.id)
            case let current? where current.version != model.version:
                return ModelFailure(reason: .conflict(current: current), message: error.message, recordID: model.id)
            default:
                break
            }
        }
        switch error {
        case .readOnly: return ModelFailure(reason: .readOnly, message: error.message, recordID: model.id)
        case .invalid: return ModelFailure(reason: .invalid, message: error.message, recordID: model.id)
        case .notFound: return ModelFailure(reason: .notFound, message: error.message, recordID: model.id)
        default: return ModelFailure(reason: .other, message: error.message, recordID: model.id)
        }
    }

    /// `t` on the Models page: the secrets of the active environment fill in
    /// the key, then one short completion.
    static func performModelTest(_ model: ModelRecord, on store: ActionStore) async -> ConsoleMessage {
        let templates: TemplateContext
        do { templates = try store.templateContext() } catch {
            return .models(.tested(ModelCheckResult(modelName: model.name, outcome: .notSent(error.message))))
        }
        return .models(.tested(await ModelCheck.run(model, templates: templates)))
    }
}
