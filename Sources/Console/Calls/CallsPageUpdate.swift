import ActionModel
import Screen

/// The Calls page's reaction to keys and store answers.
enum CallsPage {
    // MARK: Keys

    /// The export question, the open call and the filter being typed take
    /// their keys; on the list only a paste (it starts a filter): the list's
    /// keys are rows of `bindings`.
    static func handleKeys(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        if state.calls.export != nil { return handleExport(event, &state) }
        if state.calls.view != nil { return handleView(event, &state) }
        if state.calls.filtering { return handleFilter(event, &state) }
        if case let .paste(text) = event {
            FilteredListKeys.pasteStartsFilter(text, &state, \.calls) { refilter(&$0) }
            return []
        }
        return nil
    }

    static func handleFilter(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        FilteredListKeys.handleFilter(event, &state, \.calls, refilter: { refilter(&$0) })
    }

    /// The open call's keys (`viewKeys` rows); nil for the keys of every page.
    static func handleView(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        guard case let .key(key) = event, state.calls.view != nil else { return [] }
        guard let command = viewCommand(for: key, state) else { return nil }
        return runView(command, &state)
    }

    /// Runs a command of the open call or the export question (from a key's row).
    static func runView(_ command: CallViewCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        if state.calls.export != nil { return runExport(command, &state) }
        guard var view = state.calls.view else { return [] }
        let page = max(1, CallsPageRenderer.viewBodyRows(state) - 1)
        let lines = CallsPageRenderer.viewLines(view, state: state, width: CallsPageRenderer.viewWidth(state)).count
        switch command {
        case .scrollDown: view.scroll += 1
        case .scrollUp: view.scroll -= 1
        case .pageDown: view.scroll += page
        case .pageUp: view.scroll -= page
        case .top: view.scroll = 0
        case .bottom: view.scroll = lines
        case .back:
            state.calls.view = nil
            state.focus = .page
            return []
        case .export: return Shell.run(.exportCall, &state)
        case .nextDelivery, .previousDelivery:
            // The next / previous webhook delivery, scrolled into view.
            guard let count = view.deliveries?.count, count > 0 else {
                state.status = StatusMessage("No webhook deliveries for this call", kind: .info)
                return []
            }
            view.deliverySelection = max(0, min(count - 1, view.deliverySelection + (command == .nextDelivery ? 1 : -1)))
            if let line = CallsPageRenderer.deliveryLine(view, state: state) {
                let rows = CallsPageRenderer.viewBodyRows(state)
                if line < view.scroll || line >= view.scroll + rows { view.scroll = line - rows / 2 }
            }
        case .resendDelivery:
            return DeliveryLogPage.resend(view.selectedDelivery, &state)
        case .writeExport, .cancelExport, .quit:
            return []
        }
        view.scroll = max(0, min(view.scroll, lines - CallsPageRenderer.viewBodyRows(state)))
        state.calls.view = view
        state.focus = .page
        return []
    }

    /// The export question: a key runs its row (`viewKeys`), else it edits the path.
    static func handleExport(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var prompt = state.calls.export else { return [] }
        if case let .key(key) = event, let command = viewCommand(for: key, state) { return runExport(command, &state) }
        switch event {
        case let .paste(text):
            prompt.path.insert(text)
            prompt.error = nil
            prompt.replaceConfirmedFor = nil
        case let .key(key):
            if prompt.path.handle(key) {
                prompt.error = nil
                prompt.replaceConfirmedFor = nil
            }
        case .resize:
            break
        }
        state.calls.export = prompt
        return []
    }

    static func runExport(_ command: CallViewCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var prompt = state.calls.export else { return [] }
        switch command {
        case .cancelExport:
            state.calls.export = nil
            return []
        case .quit:
            state.calls.export = nil
            return Shell.run(.quit, &state)
        case .writeExport:
            let path = prompt.path.text.trimmingCharacters(in: .whitespaces)
            if path.isEmpty {
                prompt.error = "enter a file to write, e.g. \(defaultExportPath(prompt.callID))"
            } else if path.hasSuffix("/") {
                prompt.error = "'\(path)' is a folder; add a file name, e.g. \(path)\(defaultExportPath(prompt.callID))"
            } else {
                state.calls.export = nil
                state.status = StatusMessage("Exporting \(prompt.callID)…", kind: .info)
                return [.calls(.export(prompt.callID, path: path, replacing: prompt.replaceConfirmedFor == path))]
            }
        default:
            break
        }
        state.calls.export = prompt
        return []
    }

    // MARK: Commands

    static func openSelected(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let entry = state.calls.selectedEntry else {
            state.status = StatusMessage("No call selected to open", kind: .info)
            return []
        }
        state.calls.filtering = false
        state.calls.pendingOpen = entry.call.id
        state.status = StatusMessage("Opening \(entry.call.id)…", kind: .info, awaiting: .callOpen)
        return [.calls(.open(entry.call.id))]
    }

    /// The call's ID as the file name, in the current folder.
    static func defaultExportPath(_ id: CallID) -> String { "\(id.rawValue).json" }

    /// `x`: the open call, else the selected one; the path is asked for, prefilled.
    static func askExportPath(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let id = state.calls.view?.record.id ?? state.calls.selectedEntry?.call.id else {
            state.status = StatusMessage("No call selected to export", kind: .info)
            return []
        }
        state.calls.filtering = false
        state.calls.export = ExportPrompt(callID: id, path: TextField(defaultExportPath(id)))
        return []
    }

    // MARK: Store answers

    static func receive(_ message: CallsMessage, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch message {
        case let .loaded(entries):
            let newest = state.calls.selectNewestOnLoad
            state.calls.selectNewestOnLoad = false
            let keep = newest ? nil : state.calls.selectedEntry?.call.id
            state.calls.entries = entries
            state.calls.loaded = true
            refilter(&state, keeping: keep)
            if newest {
                state.calls.selection = 0
                state.calls.scroll = 0
            }
            if state.status?.awaiting == .callsReload { state.status = nil }
        case let .opened(record, events):
            state.calls.transcripts[record.id] = transcriptText(events)
            if let at = state.calls.entries.firstIndex(where: { $0.call.id == record.id }) {
                state.calls.entries[at].call = record
                state.calls.entries[at].eventCount = events.count
            }
            if state.calls.view?.record.id == record.id {
                // A reload of the open call: keep the place.
                state.calls.view?.record = record
                state.calls.view?.events = events
            } else if record.id == state.calls.pendingOpen {
                state.calls.view = CallViewState(record: record, events: events)
                state.focus = .page
            }
            if record.id == state.calls.pendingOpen, state.status?.awaiting == .callOpen { state.status = nil }
            state.calls.pendingOpen = nil
            // Its webhook deliveries, for the section under the timeline.
            if state.calls.view?.record.id == record.id {
                ensureVisible(&state)
                return [.deliveries(.load(.call(record.id)))]
            }
        case let .exported(id, path):
            state.status = StatusMessage("Exported \(id) to \(path)", kind: .success, ticks: StatusMessage.lifetime * 2)
        case let .exportWouldReplace(id, path):
            // Nothing was written: ask again, on the same path, before replacing a file.
            state.status = nil
            state.calls.export = ExportPrompt(callID: id, path: TextField(path),
                                              error: "\(path) already exists: ⏎ again replaces it, or type another path",
                                              replaceConfirmedFor: path)
        case let .failed(id, message):
            if id != nil, id == state.calls.pendingOpen { state.calls.pendingOpen = nil }
            state.status = StatusMessage(message, kind: .error, ticks: StatusMessage.lifetime * 2)
        }
        ensureVisible(&state)
        return []
    }

    /// A call's deliveries arrived (or changed); shown when it is the open
    /// call: the cursor stays on the same delivery; the first time, it starts
    /// on the newest failed one.
    static func deliveriesLoaded(of id: CallID, _ entries: [DeliveryLogEntry], _ state: inout ConsoleState) {
        guard var view = state.calls.view, view.record.id == id else { return }
        let keep = view.selectedDelivery?.delivery.id
        let first = view.deliveries == nil
        view.deliveries = entries
        if let keep, let row = entries.firstIndex(where: { $0.delivery.id == keep }) {
            view.deliverySelection = row
        } else if first {
            view.deliverySelection = entries.firstIndex { $0.delivery.status == .failed } ?? 0
        }
        view.deliverySelection = max(0, min(view.deliverySelection, entries.count - 1))
        state.calls.view = view
    }

    /// What was said, one line per turn, for search.
    static func transcriptText(_ events: [CallLogEntry]) -> String {
        events.filter { CallTimeline.isTranscript($0.type) }.map(\.text).joined(separator: " ")
    }

    // MARK: The list

    /// Agent, the action it started from (name and ID), end reason, call ID,
    /// and what was said when the call has been opened.
    static func searchKey(_ entry: CallListEntry, _ state: ConsoleState) -> [UInt8] {
        var parts = [entry.call.agentName]
        if let id = entry.call.startedFromAction {
            parts.append(state.actions.index.action(id)?.name ?? "")
            parts.append(id.rawValue)
        }
        parts.append(entry.call.endReason ?? "")
        parts.append(entry.call.id.rawValue)
        if let transcript = state.calls.transcripts[entry.call.id] { parts.append(Renderer.singleLine(transcript)) }
        return ActionIndex.fold(parts.map(Renderer.singleLine).joined(separator: "\n"))
    }

    static func refilter(_ state: inout ConsoleState, keeping id: CallID? = nil) {
        let keep = id ?? state.calls.selectedEntry?.call.id
        let query = ActionIndex.foldQuery(state.calls.filter.text)
        let snapshot = state
        state.calls.visible = FilterRanking.filtered(count: snapshot.calls.entries.count, query: query) {
            searchKey(snapshot.calls.entries[$0], snapshot)
        }
        if let keep, let row = state.calls.visible.firstIndex(where: { state.calls.entries[$0].call.id == keep }) {
            state.calls.selection = row
        }
        state.calls.selection = max(0, min(state.calls.selection, state.calls.visible.count - 1))
        ensureVisible(&state)
    }

    static func tableRows(_ state: ConsoleState) -> Int { FilteredListKeys.tableRows(state) }

    static func move(_ state: inout ConsoleState, to row: Int) { FilteredListKeys.move(&state, \.calls, to: row) }

    static func ensureVisible(_ state: inout ConsoleState) { state.calls.ensureVisible(rows: tableRows(state)) }
}
