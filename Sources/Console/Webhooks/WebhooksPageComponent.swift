import Screen

extension Section {
    static let webhooks = Section(title: "Webhooks", functionKey: 6)
}

/// The Webhooks page as a component: its state is `state.webhooks` (with the
/// delivery log), its keys and answers are in WebhooksPageUpdate and
/// DeliveryLogPage, its drawing in WebhooksPageRender and DeliveryLogRender.
extension WebhooksPage: ConsolePage {
    static var section: Section { .webhooks }

    static func count(_ state: ConsoleState) -> String {
        state.webhooks.loaded ? Renderer.compactCount(state.webhooks.entries.count) : ""
    }

    static func holdsKeys(_ state: ConsoleState) -> Bool { state.webhooks.holdsKeys }
    static func capturesText(_ state: ConsoleState) -> Bool { state.webhooks.holdsKeys || state.webhooks.filtering }
    static func hasForm(_ state: ConsoleState) -> Bool { state.webhooks.form != nil }
    static func isDirty(_ state: ConsoleState) -> Bool { state.webhooks.form?.isDirty == true }
    static func helpTitle(_ state: ConsoleState) -> String { state.webhooks.form?.title ?? section.title }

    static func opened(entering: Bool, _ state: inout ConsoleState) -> [ConsoleEffect] {
        entering ? [.loadWebhooks] : []
    }

    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? { handleKeys(event, &state) }

    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        switch command {
        case .newWebhook: return newWebhook(&state)
        case .editWebhook: return editWebhook(&state)
        case .deleteWebhook: return deleteWebhook(&state)
        case .toggleWebhook: return toggleWebhook(&state)
        case .testWebhook: return testWebhook(&state)
        case .openDeliveryLog: return openDeliveryLog(&state)
        case .filter:
            state.focus = .page
            state.webhooks.log = nil
            state.webhooks.filtering = true
        case .clearFilter:
            state.webhooks.filtering = false
            state.webhooks.filter.setText("")
            state.webhooks.refilter()
        case .reload:
            state.status = StatusMessage("Reloading webhooks…", kind: .info)
            return [.loadWebhooks] + DeliveryLogPage.refreshes(state).filter { $0 != .loadWebhooks }
        default:
            return nil
        }
        return []
    }

    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        WebhooksPageRenderer.render(state, layout, &buffer)
    }

    static func hints(_ state: ConsoleState) -> [KeyHint] { WebhooksPageRenderer.hints(state) }
    static func helpSections(_ state: ConsoleState) -> [HelpSection] { WebhooksPageRenderer.helpSections(state) }
}
