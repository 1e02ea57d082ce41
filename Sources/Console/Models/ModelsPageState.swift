import ActionModel
import CallSimulation

/// The Models page: the store's model records (a handful, so kept whole) in
/// the record list with its filter and cursor, the form or delete question
/// open over it, and what the last `t` check said.
@dynamicMemberLookup
struct ModelsPageState: PageState, Equatable {
    /// By name (the store's order).
    var list = RecordList<ModelListEntry>()
    /// The create/edit form, when open (it fills the page).
    var form: ModelFormState?
    /// A save or delete the page asked for that the store has not answered yet.
    var pending: PendingRequest<String>?
    /// A `t` check sent and not answered yet (one at a time).
    var testing: PendingRequest<String>?
    /// Asking before a delete.
    var confirmDelete: ModelRecord?
    /// What the last check said, shown under the list while its model is selected.
    var lastCheck: ModelCheckResult?

    subscript<Value>(dynamicMember path: WritableKeyPath<RecordList<ModelListEntry>, Value>) -> Value {
        get { list[keyPath: path] }
        set { list[keyPath: path] = newValue }
    }

    subscript<Value>(dynamicMember path: KeyPath<RecordList<ModelListEntry>, Value>) -> Value { list[keyPath: path] }

    var selectedModel: ModelRecord? { list.selectedEntry?.model }

    /// The stored model named `name` (any case); nil when there is none.
    func model(named name: String) -> ModelRecord? { list.entry(name.lowercased())?.model }
}

extension ModelListEntry: RecordListEntry {
    var entryID: String { model.id }
    /// Name, model ID, base URL and the key's reference.
    var searchKey: [UInt8] {
        ActionIndex.fold([model.name, model.modelID, model.baseURL, model.apiKey ?? ""].map(Renderer.singleLine).joined(separator: "\n"))
    }
}

extension ConsoleState {
    var models: ModelsPageState {
        get { pages[ModelsPageState.self] }
        _modify { yield &pages[ModelsPageState.self] }
    }
}
