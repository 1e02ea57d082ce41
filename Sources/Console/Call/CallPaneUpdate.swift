import ActionModel
import CallSimulation
import Foundation
import Screen

// The shell's side of calls: starting one, the call pane's keys, and the
// messages the runtime sends about it.
extension Shell {
    // MARK: Starting

    /// `c` on the list: a call "testing this action" with the default agent.
    static func startActionCall(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let action = state.actions.selectedAction else {
            state.status = StatusMessage("No action selected to call", kind: .info)
            return []
        }
        guard action.kind == .customInput else {
            state.status = StatusMessage("Only Custom External Actions are tested in a call; '\(action.name)' is a phone behaviour",
                                        kind: .info)
            return []
        }
        return startCall(.action(action.id), title: "Testing \(action.name)", &state)
    }

    /// Starts a call with an agent: the Agents page's `c`. Opens the call pane
    /// over the page; Esc/q in the ended call comes back to the page as it was.
    static func startCall(agentID: AgentID, agentName: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
        startCall(.agent(agentID), title: "Call with \(agentName)", &state)
    }

    static func startCall(_ subject: CallStart.Subject, title: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
        if state.readOnly {
            state.status = StatusMessage("Read-only store: calls are logged in the store, so they can't be started", kind: .error)
            return []
        }
        if let pane = state.callPane, !pane.hasEnded {
            state.status = StatusMessage("A call is already on: end it first (Ctrl-E)", kind: .info)
            return []
        }
        let start = CallStart(callID: state.makeCallID(), subject: subject)
        state.actions.filtering = false
        state.overlay = nil
        state.callPane = CallPane(callID: start.callID, title: title, now: state.callPane?.now ?? Date(timeIntervalSince1970: 0))
        return [.call(.start(start))]
    }

    // MARK: Messages

    /// Something happened in the call the pane shows.
    static func receive(_ activity: CallActivity, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var pane = state.callPane, pane.callID == activity.callID else { return [] }
        pane.apply(activity)
        state.callPane = pane
        // The Calls page, once read, lists the call that just ended without a reload.
        if case .event(.callEnded) = activity.kind, state.calls.loaded { return [.calls(.load)] }
        return []
    }

    /// The clock of a request in flight: the call pane's and the test panel's.
    static func clock(_ now: Date, _ state: inout ConsoleState) {
        if state.callPane != nil, now > state.callPane!.now { state.callPane!.now = now }
        if var panel = state.actions.testPanel {
            if panel.startedAt == nil { panel.startedAt = now }
            panel.now = max(panel.now, now)
            state.actions.testPanel = panel
        }
    }

    /// `.copyCurl` is done: shown in the test panel or the call inspector, said in the status line.
    static func curlCopied(_ copy: CurlCopy, _ state: inout ConsoleState) {
        if state.actions.testPanel != nil, state.actions.editor != nil {
            state.actions.testPanel?.curl = copy.shown
        } else if state.callPane != nil {
            state.callPane?.curl = copy.shown
            state.callPane?.showsInspector = true
        }
        var text = copy.sentToClipboard ? "curl sent to the clipboard (OSC 52)" : "curl shown in the inspector"
        if let path = copy.path { text += " and saved to \(path)" }
        text += copy.includesSecrets ? ", with the secrets' values" : ", secrets as {{secret.…}} (C in the inspector copies them)"
        if copy.path == nil, copy.problem?.hasPrefix("not copied") == true, let problem = copy.problem {
            state.status = StatusMessage("curl " + problem, kind: .error, ticks: StatusMessage.lifetime * 2)
        } else if let problem = copy.problem {
            state.status = StatusMessage(text + "; not saved to a file: \(problem)", kind: .error, ticks: StatusMessage.lifetime * 2)
        } else {
            state.status = StatusMessage(text, kind: .success, ticks: StatusMessage.lifetime * 2)
        }
    }

    // MARK: Keys

    /// A key in the call pane runs its row's command (`CallPane.keys`); a key
    /// no row has is the caller's line.
    static func handleCallPane(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var pane = state.callPane else { return [] }
        switch event {
        case let .paste(text):
            if pane.focus == .input, !pane.hasEnded { pane.input.insert(text) }
            state.callPane = pane
            return []
        case .resize:
            return []
        case let .key(key):
            guard let command = pane.command(for: key) else {
                if pane.typesText { pane.input.handle(key) }
                state.callPane = pane
                return []
            }
            return runCallPane(command, &state)
        }
    }

    /// Runs a command of the call pane (from a key's row).
    static func runCallPane(_ command: CallPaneCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var pane = state.callPane else { return [] }
        defer { if state.callPane != nil { state.callPane = pane } }
        switch command {
        case .quit:
            if pane.hasEnded { return run(.quit, &state) }
            state.overlay = .confirmHangUp(pane.callID, quitting: true)
        case .help:
            return run(.help, &state)
        case .palette:
            openPalette(&state)
        case .copyCurl:
            return copyCurl(pane.lastExchange, &state)
        case .copyCurlWithSecrets:
            return copyCurl(pane.lastExchange, includeSecrets: true, &state)
        case .hangUp:
            if pane.hasEnded { state.callPane = nil; return [] }
            return [.call(.end(pane.callID))]
        case .toggleInspector:
            if pane.focus == .inspector {
                pane.focus = .input
                pane.showsInspector = false
            } else {
                pane.focus = .inspector
                pane.showsInspector = true
            }
        case .scrollPageUp:
            scrollCallPane(&pane, by: -pageRows(state), state)
        case .scrollPageDown:
            scrollCallPane(&pane, by: pageRows(state), state)
        case .scrollUp:
            scrollCallPane(&pane, by: -1, state)
        case .scrollDown:
            scrollCallPane(&pane, by: 1, state)
        case .inspectorDown:
            pane.inspectorScroll = min(pane.inspectorScroll + 1, 10_000)
        case .inspectorUp:
            pane.inspectorScroll = max(0, pane.inspectorScroll - 1)
        case .inspectorTop:
            pane.inspectorScroll = 0
        case .inspectorBottom:
            pane.inspectorScroll = 10_000
        case .close:
            state.callPane = nil
        case .cancelRequest:
            guard !pane.cancelling else { return [] }
            pane.cancelling = true
            return [.call(.cancelRequest(pane.callID))]
        case .clearOrHangUp:
            if !pane.input.text.isEmpty {
                pane.input.setText("")
                return []
            }
            // Esc is also "clear the line": on an empty line it asks before
            // hanging up (Ctrl-E hangs up without asking).
            state.overlay = .confirmHangUp(pane.callID, quitting: false)
        case .say:
            let line = pane.input.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, pane.started else { return [] }
            pane.input.setText("")
            pane.transcriptScroll = 0
            return [.call(.say(pane.callID, line))]
        }
        return []
    }

    /// The answer to "Hang up?" (its keys are `Dialogs.keys` rows): `y` (or ⏎)
    /// ends the call, and quits when Ctrl-C asked; `n`/Esc go back to the
    /// call. Ctrl-C here quits at once.
    static func answerHangUp(_ callID: CallID, quitting: Bool, _ command: DialogCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch command {
        case .accept:
            state.overlay = nil
            return [.call(.end(callID))] + (quitting ? run(.quit, &state) : [])
        case .quit:
            state.overlay = nil
            return [.call(.end(callID)), .quit]
        case .cancel:
            state.overlay = nil
            return []
        default:
            return []
        }
    }

    static func pageRows(_ state: ConsoleState) -> Int { max(1, state.height - 10) }

    /// Negative scrolls back in time (up), positive towards the newest line.
    static func scrollCallPane(_ pane: inout CallPane, by delta: Int, _ state: ConsoleState) {
        if pane.showsInspector {
            pane.inspectorScroll = max(0, min(10_000, pane.inspectorScroll + delta))
        } else {
            pane.transcriptScroll = max(0, min(pane.transcript.count * 4, pane.transcriptScroll - delta))
        }
    }

    static func copyCurl(_ exchange: HTTPExchange?, includeSecrets: Bool = false, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let exchange else {
            state.status = StatusMessage("No request to copy yet", kind: .info)
            return []
        }
        state.status = StatusMessage("Copying the request as curl…", kind: .info)
        return [.copyCurl(exchange, includeSecrets: includeSecrets)]
    }
}
