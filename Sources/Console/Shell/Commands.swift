import Foundation
import Screen

/// Everything the shell can do, by name: what the command palette lists and
/// what keys map to.
enum Command: CaseIterable, Sendable, Equatable {
    case newAction, editAction, deleteAction, callAction
    /// `y`: the selected action's ID to the clipboard.
    case copyID
    case filter, clearFilter
    case sortByName, sortByTrigger, sortByID, sortByUpdated, reverseSort
    case customExternalTab, callActionsTab
    case focusSidebar, focusPage
    case reload, help, quit
    case newAgent, editAgent, deleteAgent, callAgent
    case openCall, exportCall
    case newSecret, newEnvironment, secretsTab, environmentsTab
    /// `E`: the environment picker.
    case chooseEnvironment
    /// Make an environment active (nil: none); one per environment in the palette.
    case useEnvironment(String?)
    case newWebhook, editWebhook, deleteWebhook, toggleWebhook, testWebhook, openDeliveryLog
    /// Open a sidebar section's page.
    case goTo(Section)
    /// Add the demo actions and agent (those not there yet) from any page.
    case loadDemoWorkspace

    static var allCases: [Command] {
        [.newAction, .editAction, .deleteAction, .callAction, .copyID, .filter, .clearFilter,
         .sortByName, .sortByTrigger, .sortByID, .sortByUpdated, .reverseSort,
         .customExternalTab, .callActionsTab, .focusSidebar, .focusPage, .reload, .help, .quit,
         .newAgent, .editAgent, .deleteAgent, .callAgent, .openCall, .exportCall,
         .newWebhook, .editWebhook, .deleteWebhook, .toggleWebhook, .testWebhook, .openDeliveryLog,
         .newSecret, .newEnvironment, .secretsTab, .environmentsTab, .chooseEnvironment, .loadDemoWorkspace]
            + Section.allCases.map(Command.goTo)
    }

    /// The page a command belongs to; nil for commands of every page.
    var section: Section? {
        switch self {
        case .newAction, .editAction, .deleteAction, .callAction, .copyID, .sortByName, .sortByTrigger, .sortByID, .sortByUpdated,
             .reverseSort, .customExternalTab, .callActionsTab:
            return .actions
        case .newAgent, .editAgent, .deleteAgent, .callAgent: return .agents
        case .openCall, .exportCall: return .calls
        case .newWebhook, .editWebhook, .deleteWebhook, .toggleWebhook, .testWebhook, .openDeliveryLog: return .webhooks
        case .secretsTab, .environmentsTab: return .secrets
        case .filter, .clearFilter, .focusSidebar, .focusPage, .reload, .help, .quit, .goTo, .newSecret, .newEnvironment,
             .chooseEnvironment, .useEnvironment, .loadDemoWorkspace:
            return nil
        }
    }

    var title: String {
        switch self {
        case .newAction: return "New action"
        case .editAction: return "Edit action"
        case .deleteAction: return "Delete action"
        case .callAction: return "Call: test this action"
        case .copyID: return "Copy the selected ID"
        case .filter: return "Filter"
        case .clearFilter: return "Clear filter"
        case .sortByName: return "Sort by name"
        case .sortByTrigger: return "Sort by trigger"
        case .sortByID: return "Sort by ID"
        case .sortByUpdated: return "Sort by updated"
        case .reverseSort: return "Reverse sort"
        case .customExternalTab: return "Switch tab: Custom External Actions"
        case .callActionsTab: return "Switch tab: Call Actions"
        case .focusSidebar: return "Focus sidebar"
        case .focusPage: return "Focus page"
        case .reload: return "Reload actions"
        case .help: return "Help"
        case .quit: return "Quit"
        case .newAgent: return "New agent"
        case .editAgent: return "Edit agent"
        case .deleteAgent: return "Delete agent"
        case .callAgent: return "Call: talk to this agent"
        case .openCall: return "Open call"
        case .exportCall: return "Export call as JSON"
        case .newSecret: return "New secret"
        case .newEnvironment: return "New environment"
        case .secretsTab: return "Switch tab: Secrets"
        case .environmentsTab: return "Switch tab: Environments"
        case .chooseEnvironment: return "Choose environment…"
        case let .useEnvironment(name): return name.map { "Use environment: \($0)" } ?? "Use no environment"
        case .newWebhook: return "New webhook"
        case .editWebhook: return "Edit webhook"
        case .deleteWebhook: return "Delete webhook"
        case .toggleWebhook: return "Enable / disable webhook"
        case .testWebhook: return "Send a test delivery"
        case .openDeliveryLog: return "Open delivery log"
        case let .goTo(section): return "Go to \(section.title)"
        case .loadDemoWorkspace: return "Load demo workspace"
        }
    }

    /// The title in the palette for the page showing (reload names what it reloads).
    func title(in state: ConsoleState) -> String {
        if self == .reload, state.section != .actions { return "Reload \(state.section.title.lowercased())" }
        return title
    }

    var key: String {
        switch self {
        case .newAction: return "n"
        case .editAction: return "⏎ e"
        case .deleteAction: return "d"
        case .callAction: return "c"
        case .copyID: return "y"
        case .filter: return "/"
        case .clearFilter: return "Esc"
        case .sortByName, .sortByTrigger, .sortByID, .sortByUpdated: return "s"
        case .reverseSort: return "S"
        case .customExternalTab: return "1"
        case .callActionsTab: return "2"
        case .focusSidebar: return "Shift-Tab"
        case .focusPage: return "Tab"
        case .reload: return "Ctrl-R"
        case .help: return "?"
        case .quit: return "q"
        case .newAgent: return "n"
        case .editAgent: return "⏎ e"
        case .deleteAgent: return "d"
        case .callAgent: return "c"
        case .openCall: return "⏎"
        case .exportCall: return "x"
        case .newSecret, .newEnvironment: return "F7 n"
        case .secretsTab: return "1"
        case .environmentsTab: return "2"
        case .chooseEnvironment, .useEnvironment: return "E"
        case .newWebhook: return "n"
        case .editWebhook: return "⏎ e"
        case .deleteWebhook: return "d"
        case .toggleWebhook: return "Space"
        case .testWebhook: return "t"
        case .openDeliveryLog: return "l"
        case let .goTo(section): return section.keyLabel
        case .loadDemoWorkspace: return ""
        }
    }

    /// Commands that mean the page showing, whichever it is.
    var isForOpenPage: Bool { self == .filter || self == .clearFilter || self == .reload }

    /// Commands offered while the configuration form is open (the list's
    /// commands would act behind it).
    var worksInEditor: Bool { self == .help || self == .quit }

    /// Commands in the palette for the current screen, narrowed by `query`
    /// (a case-insensitive subsequence of the title).
    static func matching(_ query: String, in state: ConsoleState) -> [Command] {
        let folded = ActionIndex.foldQuery(query)
        let lowered = query.lowercased().trimmingCharacters(in: .whitespaces)
        let inForm = Pages.anyForm(state) || state.callPane != nil
        // One "Use environment: NAME" per environment the store has, and none.
        let environments = state.secrets.loaded ? EnvironmentSwitch.choices(state).map(Command.useEnvironment) : []
        let matching = (allCases + environments).filter { command in
            (!inForm || command.worksInEditor)
                && (command != .loadDemoWorkspace || state.demoOffer != nil)
                && (command.section == nil || command.section == state.section)
                && ActionIndex.matches(ActionIndex.fold(command.title(in: state)), folded)
        }
        // Titles that contain the text as typed come before looser matches.
        guard !lowered.isEmpty else { return matching }
        return matching.filter { $0.title(in: state).lowercased().contains(lowered) }
            + matching.filter { !$0.title(in: state).lowercased().contains(lowered) }
    }
}

/// The keys of each screen, for the hint bar and the help screen.
enum Keymap {
    static func hints(for state: ConsoleState) -> [KeyHint] {
        switch state.overlay {
        case .createAction?:
            return [KeyHint("↑↓", "choose"), KeyHint("⏎", "continue"), KeyHint("Tab", "buttons"), KeyHint("Esc", "cancel")]
        case .confirmDelete?:
            return [KeyHint("y", "delete"), KeyHint("n Esc", "keep it")]
        case .confirmQuit?:
            return [KeyHint("y", "discard and quit"), KeyHint("n Esc", "keep editing")]
        case let .confirmHangUp(_, quitting)?:
            return [KeyHint("y", quitting ? "hang up and quit" : "hang up"), KeyHint("n Esc", "back to the call")]
        case .help?:
            return [KeyHint("↑↓ PgUp PgDn", "scroll"), KeyHint("Esc ? q", "close")]
        case .palette?:
            return [KeyHint("type", "to search"), KeyHint("↑↓", "choose"), KeyHint("⏎", "run"), KeyHint("Esc", "close")]
        case .demoOffer?:
            return [KeyHint("⏎", "load the demo"), KeyHint("Esc", "skip")]
        case .environmentPicker?:
            return [KeyHint("↑↓", "choose"), KeyHint("⏎ 1-9", "use it"), KeyHint("Esc", "cancel")]
        case nil:
            break
        }
        if let pane = state.callPane { return pane.keyHints }
        let page = Pages.current(state)
        if state.focus == .sidebar, !page.capturesText(state) {
            return [KeyHint("↑↓", "choose"), KeyHint("⏎ l", "open"), KeyHint("Tab", "page"), KeyHint(":", "commands"),
                    KeyHint("q", "quit"), KeyHint("?", "help")]
        }
        return page.hints(state)
    }

    static let general = HelpSection("General", [
        KeyHint(Section.allCases.map(\.keyLabel).joined(separator: " "),
                "go to " + Section.allCases.map(\.title).joined(separator: " / ")),
        KeyHint("↑↓ ⏎", "in the sidebar: choose a page, open it"),
        KeyHint("E", "choose the active environment (shown in the status line)"),
        KeyHint(": Ctrl-P", "command palette"),
        KeyHint("?", "this help"),
        KeyHint("q Ctrl-C", "quit (asks first if a form has unsaved changes)"),
    ])

    static func helpSections(for state: ConsoleState) -> [HelpSection] {
        if state.callPane != nil { return CallPane.helpSections }
        let sections = Pages.current(state).helpSections(state)
        // The action form's help ends with the console keys it leaves to the shell.
        return ActionsPage.hasForm(state) ? sections : sections + [general]
    }
}
