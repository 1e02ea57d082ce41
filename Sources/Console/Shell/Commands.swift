import Foundation
import Screen

/// Everything a key or the palette can do, by name. The keymap (`KeyBinding`
/// rows) says which keys run which command where; the pages run them.
enum Command: Sendable, Equatable {
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
    /// The Models page: `t` sends the selected model one short completion; `y` copies its name.
    case newModel, editModel, deleteModel, testModel, copyModelName
    /// Open a sidebar section's page.
    case goTo(Section)
    /// Add the demo actions and agent (those not there yet) from any page.
    case loadDemoWorkspace
    /// Moving in the page's list.
    case moveDown, moveUp, pageDown, pageUp, moveToFirst, moveToLast
    /// `[` `]`: the page's other tab.
    case otherTab
    /// `s`: the next sort column.
    case cycleSort
    case openPalette
    /// Tab: the sidebar or the page, whichever hasn't the focus.
    case toggleFocus
    /// The Secrets page's rows: the selected secret, environment or variable.
    case setSecretValue, revealSecret, deleteSecret
    case openEnvironment, useSelectedEnvironment, deleteEnvironment, closeEnvironment
    case addVariable, editVariable, deleteVariable
    /// The action form's yes/no settings (their rows toggle them too).
    case toggleAsksOptionalFields, toggleReadsBack

    /// Commands the palette lists (moving and the like are keys only).
    var inPalette: Bool {
        switch self {
        case .moveDown, .moveUp, .pageDown, .pageUp, .moveToFirst, .moveToLast, .otherTab, .cycleSort, .openPalette, .toggleFocus,
             .closeEnvironment:
            return false
        default:
            return true
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
        case .newModel: return "New model"
        case .editModel: return "Edit model"
        case .deleteModel: return "Delete model"
        case .testModel: return "Test model: one short completion"
        case .copyModelName: return "Copy the selected model's name"
        case let .goTo(section): return "Go to \(section.title)"
        case .loadDemoWorkspace: return "Load demo workspace"
        case .moveDown: return "Next row"
        case .moveUp: return "Previous row"
        case .pageDown: return "Page down"
        case .pageUp: return "Page up"
        case .moveToFirst: return "First row"
        case .moveToLast: return "Last row"
        case .otherTab: return "Other tab"
        case .cycleSort: return "Next sort column"
        case .openPalette: return "Command palette"
        case .toggleFocus: return "Focus sidebar / page"
        case .setSecretValue: return "Set the secret's value"
        case .revealSecret: return "Reveal the secret's value"
        case .deleteSecret: return "Delete secret"
        case .openEnvironment: return "Open environment's variables"
        case .useSelectedEnvironment: return "Use this environment"
        case .deleteEnvironment: return "Delete environment"
        case .closeEnvironment: return "Back to the environments"
        case .addVariable: return "Add variable"
        case .editVariable: return "Edit variable"
        case .deleteVariable: return "Delete variable"
        case .toggleAsksOptionalFields: return "Action: ask optional fields before sending (on / off)"
        case .toggleReadsBack: return "Action: read the values back before sending (on / off)"
        }
    }

    /// The title in the palette for the page showing (reload names what it reloads).
    func title(in state: ConsoleState) -> String {
        if self == .reload, state.section != .actions { return "Reload \(state.section.title.lowercased())" }
        return title
    }

    /// Commands that mean the page showing, whichever it is.
    var isForOpenPage: Bool { self == .filter || self == .clearFilter || self == .reload }

    /// Commands offered while the configuration form is open (the list's
    /// commands would act behind it).
    var worksInEditor: Bool {
        switch self {
        case .help, .quit, .openPalette, .toggleAsksOptionalFields, .toggleReadsBack: return true
        default: return false
        }
    }

    /// Commands in the palette for the current screen, narrowed by `query`
    /// (a case-insensitive subsequence of the title): the keymap's commands
    /// for the page showing and every page, then one "Use environment: NAME"
    /// per environment.
    static func matching(_ query: String, in state: ConsoleState) -> [Command] {
        let folded = ActionIndex.foldQuery(query)
        let lowered = query.lowercased().trimmingCharacters(in: .whitespaces)
        let inForm = Pages.anyForm(state) || state.callPane != nil
        let environments = state.secrets.loaded ? EnvironmentSwitch.choices(state).map(Command.useEnvironment) : []
        var offered: [Command] = []
        for command in Keymap.paletteCommands(state) + environments where !offered.contains(command) { offered.append(command) }
        let matching = offered.filter { command in
            command.inPalette && (!inForm || command.worksInEditor)
                && (command != .loadDemoWorkspace || state.demoOffer != nil)
                && ActionIndex.matches(ActionIndex.fold(command.title(in: state)), folded)
        }
        // Titles that contain the text as typed come before looser matches.
        guard !lowered.isEmpty else { return matching }
        return matching.filter { $0.title(in: state).lowercased().contains(lowered) }
            + matching.filter { !$0.title(in: state).lowercased().contains(lowered) }
    }
}

/// The keys of each screen: the rows every page shares (`global`), the
/// lookup that runs a key, and the hint bar, help and palette built from the
/// rows.
enum Keymap {
    static func hints(for state: ConsoleState) -> [KeyHint] {
        if state.overlay != nil { return Dialogs.hints(state) }
        if let pane = state.callPane { return pane.keyHints }
        let page = Pages.current(state)
        if state.focus == .sidebar, !page.capturesText(state) { return Sidebar.hints(state) }
        return page.hints(state)
    }

    /// Keys of every page (after the page's own rows, which may shadow them:
    /// `l` opens the delivery log on Webhooks).
    static let global: [KeyBinding] = [
        KeyBinding(Section.allCases.map(\.keyLabel).joined(separator: " "),
                   pairs: Section.allCases.map { (Key.function($0.functionKey), Command.goTo($0)) },
                   help: "go to " + Section.allCases.map(\.title).joined(separator: " / "), group: general),
        .note("↑↓ ⏎", "", applies: { _ in false }).documenting("in the sidebar: choose a page, open it", group: general),
        KeyBinding("E", [.character("E")], .chooseEnvironment, hint: "environment",
                   help: "choose the active environment (shown in the status line)", group: general,
                   hinted: { $0.section == .secrets && $0.focus == .page }),
        KeyBinding(": Ctrl-P", [.character(":"), .ctrl("p")], .openPalette, hint: "commands", hintKey: ":", help: "command palette",
                   group: general),
        KeyBinding("q Ctrl-C", [.character("q"), .ctrl("c")], .quit, hint: "quit", hintKey: "q",
                   help: "quit (asks first if a form has unsaved changes)", group: general),
        KeyBinding("Tab Shift-Tab h l", pairs: [(.tab, .toggleFocus), (.backTab, .toggleFocus), (.character("h"), .focusSidebar),
                                                (.left, .focusSidebar), (.character("l"), .focusPage), (.right, .focusPage)],
                   hint: "page", hintKey: "Tab", help: "focus the sidebar / the page", group: general,
                   hinted: { $0.focus == .sidebar }, hintOrder: -1),
        KeyBinding("Esc", [.escape], .focusPage, help: nil, group: general),
        KeyBinding("? F1", [.character("?"), .function(1)], .help, hint: "help", hintKey: "?", help: "this help", group: general),
        KeyBinding("", pairs: [], paletteOnly: [.newSecret, .newEnvironment, .chooseEnvironment, .loadDemoWorkspace], help: nil,
                   group: general),
    ]

    static let general = "General"

    /// The hints for `q` and `?` (every page's rows), for a sub-screen that
    /// shows its own keys and leaves those to every page's.
    static func quitAndHelpHints(_ state: ConsoleState) -> [KeyHint] {
        KeyBinding.hints(global.filter { $0.commands == [.quit] || $0.commands == [.help] }, state)
    }

    /// The command `key` runs on the page showing: its rows first, then the
    /// rows of every page.
    static func command(for key: Key, in state: ConsoleState) -> Command? {
        KeyBinding.command(for: key, in: Pages.current(state).bindings(state) + global, state)
    }

    /// The hint bar from rows: those that apply and want a hint now, in order.
    /// While the page takes text only its own rows are hinted (the keys
    /// of every page are text then).
    static func hints(_ rows: [KeyBinding], _ state: ConsoleState) -> [KeyHint] {
        let shared = Pages.current(state).capturesText(state) ? [] : global
        return KeyBinding.hints(rows + shared, state)
    }

    /// Help sections from rows, grouped by their group in order of first
    /// appearance (every row with help, whether it applies right now or not).
    static func helpSections<Context, Action>(_ rows: [KeyRow<Context, Action>]) -> [HelpSection] {
        KeyRow.helpSections(rows)
    }

    /// The General section: the rows of every page.
    static var generalSection: HelpSection { helpSections(global).first ?? HelpSection(general, []) }

    static func helpSections(for state: ConsoleState) -> [HelpSection] {
        if state.callPane != nil { return CallPane.helpSections }
        let sections = Pages.current(state).helpSections(state)
        // The action form's help ends with the console keys it leaves to the shell.
        return ActionsPage.hasForm(state) ? sections : sections + [generalSection]
    }

    /// What the palette offers: the commands of the page's rows that apply,
    /// then those of every page.
    static func paletteCommands(_ state: ConsoleState) -> [Command] {
        (Pages.current(state).bindings(state) + global).filter { $0.applies(state) }.flatMap(\.commands)
    }

    /// How the palette writes the keys of `command` on the page showing.
    static func keyLabel(for command: Command, in state: ConsoleState) -> String {
        for row in Pages.current(state).bindings(state) + global where row.commands.contains(command) {
            let label = row.keyLabel(for: command)
            if !label.isEmpty { return label }
        }
        return ""
    }
}
