import Screen

/// First start: an empty, writable store is offered the demo workspace once,
/// so a newcomer presses one key and has actions and an agent to call.
enum DemoOffer {
    /// After the store's actions first arrive: read the agents and calls (for
    /// the sidebar's counts) and, on an empty store, make the offer.
    static func afterFirstLoad(_ state: inout ConsoleState, hasDamagedRows: Bool) -> [ConsoleEffect] {
        if let offer = state.demoOffer, !state.demoOfferShown, !state.readOnly, state.actions.index.count == 0, !hasDamagedRows,
           state.overlay == nil, state.actions.editor == nil {
            state.demoOfferShown = true
            state.overlay = .demoOffer(offer)
        }
        return [.agents(.load), .calls(.load)]
    }

    /// The answer to the offer (its keys are `Dialogs.keys` rows).
    static func run(_ offer: DemoWorkspaceOffer, _ command: DialogCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        switch command {
        case .accept:
            state.overlay = nil
            return load(&state)
        case .cancel:
            state.overlay = nil
            state.status = StatusMessage("No demo: press n to create an action (`switchboard demo` loads it later)", kind: .info)
        case .quit:
            state.overlay = nil
            return Shell.run(.quit, &state)
        default:
            break
        }
        return []
    }

    /// The offer taken, or the palette's "Load demo workspace" (any time: the
    /// demo actions already in the store are left as they are).
    static func load(_ state: inout ConsoleState) -> [ConsoleEffect] {
        if state.readOnly {
            state.status = StatusMessage("Read-only store: can't load the demo workspace", kind: .error)
            return []
        }
        state.demoOfferShown = true
        state.status = StatusMessage("Loading the demo workspace…", kind: .info)
        return [.store(.loadDemoWorkspace)]
    }

    /// The demo workspace is in the store: the lists read it.
    static func loaded(actionsAdded added: Int, agentName: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
        state.status = StatusMessage("Demo workspace loaded: \(added) action\(added == 1 ? "" : "s") and the agent '\(agentName)'",
                                     kind: .success, ticks: StatusMessage.lifetime * 2)
        return [.actions(.load), .agents(.load)]
    }

    static func lines(_ offer: DemoWorkspaceOffer) -> [(String, Style)] {
        [
            ("Load the demo workspace?", Style(.dialog, bold: true)),
            ("\(offer.actionCount) actions against the built-in sample backend", Style(.dialog)),
            ("and a demo agent, '\(offer.agentName)', to try a call with.", Style(.dialog)),
            ("", .muted),
            ("The store is empty. Skip to start from nothing.", .muted),
        ]
    }
}
