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
        entering ? [.loadSecrets] : []
    }

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? { handleKeys(event, &state) }

    /// A revealed secret is hidden again by the next key, whatever it is.
    static func intercept(_ event: InputEvent, _ state: inout ConsoleState) -> Bool { hideRevealed(on: event, &state) }

    static func wantsTicks(_ state: ConsoleState) -> Bool { state.secrets.revealed != nil }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case .newSecret: return newSecret(&state)
        case .newEnvironment: return newEnvironment(&state)
        case .secretsTab: return showTab(.secrets, &state)
        case .environmentsTab: return showTab(.environments, &state)
        case .reload:
            state.status = StatusMessage("Reloading secrets…", kind: .info)
            return [.loadSecrets]
        default:
            return nil
        }
    }

    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        SecretsPageRenderer.render(state, layout, &buffer)
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] { SecretsPageRenderer.hints(state) }
    static func helpSections(_ state: ConsoleState) -> [HelpSection] { SecretsPageRenderer.helpSections(state) }
}
