import Screen

extension Section {
    static let secrets = Section(title: "Secrets", functionKey: 7)
}

/// The Secrets page as a component: its state is `state.secrets`, its keys
/// and answers are in SecretsPageUpdate, its drawing in SecretsPageRender.
extension SecretsPage: ConsolePage {
    static var section: Section { .secrets }

    static func count(_ state: ConsoleState) -> String {
        state.secrets.loaded ? Renderer.compactCount(state.secrets.overview.secrets.count) : ""
    }

    static func holdsKeys(_ state: ConsoleState) -> Bool { state.secrets.holdsKeys }
    static func hasForm(_ state: ConsoleState) -> Bool { state.secrets.form != nil }
    static func isDirty(_ state: ConsoleState) -> Bool { state.secrets.form?.isDirty == true }
    static func helpTitle(_ state: ConsoleState) -> String { state.secrets.form?.title ?? section.title }

    static func opened(entering: Bool, _ state: inout ConsoleState) -> [ConsoleEffect] {
        entering ? [.secrets(.load)] : []
    }

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? { handleKeys(event, &state) }

    /// Both tabs' keys (each row applies on its tab, so help lists them all).
    static func bindings(_ state: ConsoleState) -> [KeyBinding] {
        let onSecrets: @Sendable (ConsoleState) -> Bool = { $0.secrets.tab == .secrets }
        let onEnvironments: @Sendable (ConsoleState) -> Bool = { $0.secrets.tab == .environments && $0.secrets.openEnvironment == nil }
        let inEnvironment: @Sendable (ConsoleState) -> Bool = { $0.secrets.tab == .environments && $0.secrets.openEnvironment != nil }
        let writable: @Sendable (ConsoleState) -> Bool = { !$0.readOnly }
        let secret: @Sendable (ConsoleState) -> Bool = { $0.secrets.selectedSecret != nil }
        let environment: @Sendable (ConsoleState) -> Bool = { $0.secrets.selectedEnvironment != nil }
        let secrets = "Secrets", environments = "Environments", variables = "An environment's variables"
        return [
            KeyBinding("n", [.character("n")], .newSecret, hint: "new",
                       help: "new secret: a value typed here (never shown) or an environment variable", group: secrets,
                       applies: onSecrets, hinted: writable),
            KeyBinding("⏎ e", [.enter, .character("e")], .setSecretValue, hint: "set value", hintKey: "⏎",
                       help: "set the value: the default or the active environment's own", group: secrets, applies: onSecrets,
                       hinted: { !$0.readOnly && secret($0) }),
            KeyBinding("v", [.character("v")], .revealSecret, hint: "reveal", help: "reveal the value for a moment; any key hides it",
                       group: secrets, applies: onSecrets, hinted: secret),
            KeyBinding("d", [.character("d"), .delete], .deleteSecret, hint: "delete", help: "delete (asks first)", group: secrets,
                       applies: onSecrets, hinted: { !$0.readOnly && secret($0) }),
            KeyBinding("n", [.character("n")], .newEnvironment, hint: "new", help: "new environment", group: environments,
                       applies: onEnvironments, hinted: writable),
            KeyBinding("⏎ e", [.enter, .character("e")], .openEnvironment, hint: "variables", hintKey: "⏎", help: "its variables",
                       group: environments, applies: onEnvironments, hinted: environment),
            KeyBinding("u Space", [.character("u"), .character(" ")], .useSelectedEnvironment, hint: "use", hintKey: "u",
                       help: "make it the active environment", group: environments, applies: onEnvironments, hinted: environment),
            KeyBinding("d", [.character("d"), .delete], .deleteEnvironment, hint: "delete",
                       help: "delete it, its variables and own secret values (asks first)", group: environments,
                       applies: onEnvironments, hinted: { !$0.readOnly && environment($0) }),
            KeyBinding("n", [.character("n")], .addVariable, hint: "add", help: "add a variable", group: variables,
                       applies: inEnvironment, hinted: writable),
            KeyBinding("⏎ e", [.enter, .character("e")], .editVariable, hint: "edit", hintKey: "⏎", help: "edit the selected variable",
                       group: variables, applies: inEnvironment, hinted: writable),
            KeyBinding("d", [.character("d"), .delete], .deleteVariable, hint: "delete", help: "delete the selected variable",
                       group: variables, applies: inEnvironment, hinted: writable),
            KeyBinding("u Space", [.character("u"), .character(" ")], .useSelectedEnvironment, hint: "use", hintKey: "u",
                       help: "make this environment the active one", group: variables, applies: inEnvironment),
            KeyBinding("Esc", [.escape, .backspace], .closeEnvironment, hint: "back", help: "back to the environments",
                       group: variables, applies: inEnvironment),
            KeyBinding("[ ] 1 2", pairs: [(.character("["), .otherTab), (.character("]"), .otherTab), (.character("1"), .secretsTab),
                                          (.character("2"), .environmentsTab)],
                       hint: "tab", hintKey: "[ ]", help: "Secrets / Environments tab", group: secrets),
            .reload("secrets", group: secrets, hinted: false),
        ] + KeyBinding.listMoves("row", group: secrets)
    }

    /// A revealed secret is hidden again by the next key, whatever it is.
    static func intercept(_ event: InputEvent, _ state: inout ConsoleState) -> Bool { hideRevealed(on: event, &state) }

    static func wantsTicks(_ state: ConsoleState) -> Bool { state.secrets.revealed != nil }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case .newSecret: return newSecret(&state)
        case .newEnvironment: return newEnvironment(&state)
        case .secretsTab: return showTab(.secrets, &state)
        case .environmentsTab: return showTab(.environments, &state)
        case .otherTab: return showTab(state.secrets.tab == .secrets ? .environments : .secrets, &state)
        case _ where state.secrets.tab == .environments && state.secrets.openEnvironment != nil
            && [.moveDown, .moveUp, .pageDown, .pageUp, .moveToFirst, .moveToLast, .closeEnvironment, .addVariable, .editVariable,
                .deleteVariable, .useSelectedEnvironment].contains(command):
            return runVariables(command, &state)
        case .moveDown: move(&state, by: 1)
        case .moveUp: move(&state, by: -1)
        case .pageDown: move(&state, by: FilteredListKeys.tableRows(state))
        case .pageUp: move(&state, by: -FilteredListKeys.tableRows(state))
        case .moveToFirst: move(&state, by: -10_000)
        case .moveToLast: move(&state, by: 10_000)
        case .setSecretValue: return setValue(&state)
        case .revealSecret: return reveal(&state)
        case .deleteSecret, .deleteEnvironment: return askDelete(&state)
        case .openEnvironment: return openEnvironment(&state)
        case .useSelectedEnvironment: return useSelected(&state)
        case .reload:
            state.status = StatusMessage("Reloading secrets…", kind: .info)
            return [.secrets(.load)]
        default:
            return nil
        }
        return []
    }

    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        SecretsPageRenderer.render(state, layout, &buffer)
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] {
        SecretsPageRenderer.formHints(state) ?? Keymap.hints(bindings(state), state)
    }

    static func helpSections(_ state: ConsoleState) -> [HelpSection] {
        SecretsPageRenderer.formHelp(state).map { [$0] } ?? Keymap.helpSections(bindings(state))
    }
}
