import ActionModel
import CallSimulation
import Screen

extension Section {
    static let models = Section(title: "Models", functionKey: 8)
}

/// The Models page: the OpenAI-compatible endpoints agents can use as their
/// engine (`switchboard models …` in the console). Its state is
/// `state.models`; the list, form, delete question and store answers are the
/// record page flow; `t` runs the `models test` check.
enum ModelsPage {
    static func readOnlyMessage(_ verb: String) -> String { "Read-only store: can't \(verb) models" }

    static func takenNames(_ state: ConsoleState, except id: String?) -> Set<String> {
        Set(state.models.entries.map(\.model.id).filter { $0 != id })
    }

    // MARK: Commands

    static func newModel(_ state: inout ConsoleState) -> [ConsoleEffect] {
        if state.readOnly {
            state.status = StatusMessage(readOnlyMessage("create"), kind: .error)
            return []
        }
        state.models.filtering = false
        state.focus = .page
        state.models.form = ModelFormState(takenNames: takenNames(state, except: nil))
        return []
    }

    /// The selected model, or a status line saying there is none.
    static func selected(_ verb: String, writes: Bool, _ state: inout ConsoleState) -> ModelListEntry? {
        guard let entry = state.models.selectedEntry else {
            state.status = StatusMessage("No model selected to \(verb): press n to add one", kind: .info)
            return nil
        }
        if writes, state.readOnly {
            state.status = StatusMessage(readOnlyMessage(verb), kind: .error)
            return nil
        }
        return entry
    }

    static func editModel(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let entry = selected("edit", writes: true, &state) else { return [] }
        state.models.filtering = false
        state.focus = .page
        state.models.form = ModelFormState(editing: entry.model, takenNames: takenNames(state, except: entry.model.id))
        return []
    }

    /// Asks first; a model that is some agent's engine is refused here with
    /// the fix (the store refuses it too, for a list that is out of date).
    static func deleteModel(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let entry = selected("delete", writes: true, &state) else { return [] }
        if !entry.agentNames.isEmpty {
            let names = entry.agentNames.map { "'\($0)'" }.joined(separator: ", ")
            state.status = StatusMessage("'\(entry.model.name)' is the engine of \(names): give them another engine first (Agents, F3)",
                                         kind: .error, ticks: StatusMessage.lifetime * 2)
            return []
        }
        state.models.filtering = false
        state.models.confirmDelete = entry.model
        return []
    }

    /// `t`: one short completion, as `switchboard models test NAME`; the
    /// answer shows under the list.
    static func testModel(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let entry = selected("test", writes: false, &state) else { return [] }
        if let testing = state.models.testing {
            state.status = StatusMessage("Still testing '\(testing.id)': one test at a time", kind: .info)
            return []
        }
        state.models.testing = PendingRequest(.test, entry.model.id)
        state.models.lastCheck = nil
        state.status = StatusMessage("Testing model '\(entry.model.name)'…", kind: .info, ticks: StatusMessage.lifetime * 2)
        return [.models(.test(entry.model))]
    }

    static func copyName(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let entry = selected("copy", writes: false, &state) else { return [] }
        state.status = StatusMessage("Copied '\(entry.model.name)' to the clipboard", kind: .success)
        return [.copyToClipboard(entry.model.name)]
    }

    // MARK: Store answers

    static func receive(_ message: ModelsMessage, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch message {
        case let .loaded(entries):
            loaded(entries, &state)
            if let form = state.models.form {
                let taken = takenNames(state, except: form.original?.id)
                state.models.form?.takenNames = taken
            }
            if state.status?.awaiting == .modelsReload { state.status = nil }
        case let .saved(model, previousName):
            let agents = state.models.list.entry(previousName?.lowercased() ?? model.id)?.agentNames ?? []
            state.models.list.upsert(ModelListEntry(model: model, agentNames: agents), replacing: previousName?.lowercased())
            return saved(model, status: "Saved model '\(model.name)'. Press t to test it.", &state)
        case let .deleted(name):
            let shown = state.models.model(named: name)?.name ?? name
            removed(name.lowercased(), &state)
            state.status = StatusMessage("Deleted model '\(shown)'", kind: .success)
        case let .failed(failure):
            // A delete refused (an agent took the model as its engine meanwhile, or it
            // changed elsewhere): show the list as it is now.
            let wasDelete = state.models.pending?.kind == .delete
            if failed(failure, &state) || wasDelete { return [.models(.load)] }
        case let .tested(result):
            state.models.testing = nil
            state.models.lastCheck = result
            let said = result.succeeded ? "Model '\(result.modelName)' answered in \(result.figures)" : result.headline
            state.status = StatusMessage(said, kind: result.succeeded ? .success : .error, ticks: StatusMessage.lifetime * 2)
        }
        return []
    }
}

extension ModelsPage: ListPage {
    static var list: WritableKeyPath<ConsoleState, RecordList<ModelListEntry>> { \.models.list }

    static var section: Section { .models }

    static func count(_ state: ConsoleState) -> String {
        state.models.loaded ? Renderer.compactCount(state.models.entries.count) : ""
    }

    /// Entering reads the models again, so the page shows what the store holds now.
    static func opened(entering: Bool, _ state: inout ConsoleState) -> [ConsoleEffect] {
        entering ? [.models(.load)] : []
    }

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? { handleRecordKeys(event, &state) }

    /// The list's keys (the form and the delete question have their own).
    static func bindings(_ state: ConsoleState) -> [KeyBinding] {
        let group = "Models"
        if state.models.filtering { return KeyBinding.filterTyping }
        let writable: @Sendable (ConsoleState) -> Bool = { !$0.readOnly }
        let selected: @Sendable (ConsoleState) -> Bool = { $0.models.selectedEntry != nil }
        let writableSelected: @Sendable (ConsoleState) -> Bool = { !$0.readOnly && $0.models.selectedEntry != nil }
        return KeyBinding.listMoves("model", group: group) + [
            KeyBinding("n", [.character("n")], .newModel, hint: "new", help: "add a model (an OpenAI-compatible endpoint)", group: group,
                       hinted: writable),
            KeyBinding("⏎ e", [.enter, .character("e")], .editModel, hint: "edit", hintKey: "⏎", help: "edit the selected model",
                       group: group, hinted: writableSelected),
            KeyBinding("t", [.character("t")], .testModel, hint: "test",
                       help: "send it one short completion (as `switchboard models test`): latency, model echoed, or the exact error",
                       group: group, hinted: selected),
            KeyBinding("y", [.character("y")], .copyModelName, help: "copy the selected model's name to the clipboard", group: group),
            KeyBinding("d", [.character("d"), .delete], .deleteModel, hint: "delete",
                       help: "delete it (asks first; refused while an agent uses it)", group: group, hinted: writableSelected),
            .filter("name, model ID, URL or key reference", group: group),
            .clearFilter(group: group) { !$0.models.filter.text.isEmpty },
            .reload("models", group: group, hinted: true),
        ]
    }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case .newModel: return newModel(&state)
        case .editModel: return editModel(&state)
        case .deleteModel: return deleteModel(&state)
        case .testModel: return testModel(&state)
        case .copyModelName: return copyName(&state)
        case .reload:
            state.status = StatusMessage("Reloading models…", kind: .info, awaiting: .modelsReload)
            return [.models(.load)]
        default:
            return runList(command, &state)
        }
    }

    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        ModelsPageRenderer.render(state, layout, &buffer)
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] {
        recordHints(state, formHints: ModelFormRenderer.hints) ?? Keymap.hints(bindings(state), state)
    }

    static func helpSections(_ state: ConsoleState) -> [HelpSection] {
        if state.models.form != nil { return ModelFormRenderer.helpSections }
        return Keymap.helpSections(bindings(state))
    }
}

/// The models' form, delete question and store answers: the record page flow.
extension ModelsPage: RecordPage {
    static var noun: String { "model" }
    static var form: WritableKeyPath<ConsoleState, ModelFormState?> { \.models.form }
    static var pending: WritableKeyPath<ConsoleState, PendingRequest<String>?> { \.models.pending }
    static var confirmDelete: WritableKeyPath<ConsoleState, ModelRecord?> { \.models.confirmDelete }

    /// An update names the model as the form read it, so a rename finds the row (and its agents follow).
    static func saveEffect(_ record: ModelRecord, isNew: Bool, from form: ModelFormState?) -> ConsoleEffect {
        isNew ? .models(.insert(record)) : .models(.update(record, previousName: form?.original?.name ?? record.name))
    }

    static func deleteEffect(_ record: ModelRecord) -> ConsoleEffect { .models(.delete(record)) }
    static func record(_ entry: ModelListEntry) -> ModelRecord { entry.model }
}
