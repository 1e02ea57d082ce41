import ActionModel
import CallSimulation

// What the Models page asks the runtime for and what comes back: nested in
// `ConsoleEffect.models` and `ConsoleMessage.models`, so each side switches
// over the models' own cases.

/// Model store work and the `t` check; answered by `ModelsMessage`s.
public enum ModelsEffect: Sendable, Equatable {
    /// Every model with the agents using it; answered by `.loaded`.
    case load
    /// A new model; answered by `.saved` or `.failed`.
    case insert(ModelRecord)
    /// A changed model at the version it was read, under the name it was
    /// read as (a rename carries its agents along); `.failed` with
    /// `.conflict` when the row has moved on or is gone.
    case update(ModelRecord, previousName: String)
    /// Refused (`.failed`) while agents use it.
    case delete(ModelRecord)
    /// One short completion, as `switchboard models test NAME`; answered by `.tested`.
    case test(ModelRecord)
}

public enum ModelsMessage: Sendable, Equatable {
    /// Every model by name, with the agents that use each.
    case loaded([ModelListEntry])
    /// An insert or update went through; this is the stored value, and the
    /// name it had before (a rename), if any.
    case saved(ModelRecord, previousName: String?)
    case deleted(name: String)
    case failed(ModelFailure)
    case tested(ModelCheckResult)

    /// Not a list load to hand memory back after: a handful of records, read
    /// again with the Agents page's list (whose load does).
    public var isListLoad: Bool { false }
}

/// A model as the list shows it: the record and the agents whose engine it is.
public struct ModelListEntry: Sendable, Equatable {
    public var model: ModelRecord
    /// Their names, by name.
    public var agentNames: [String]

    public init(model: ModelRecord, agentNames: [String] = []) {
        self.model = model
        self.agentNames = agentNames
    }
}

/// A model save, delete or load that did not go through.
public typealias ModelFailure = RecordFailure<ModelRecord>
