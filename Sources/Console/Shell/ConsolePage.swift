import Screen

/// A page of the console: one sidebar section. A page owns its state (a
/// `PageState` kept in `ConsoleState.pages`, reached through an accessor in
/// the page's folder), declares its keys as keymap rows (`bindings`) and runs
/// their commands (`run`), handles what is not a row (a form, a question, a
/// filter being typed) and its domain's messages, and draws itself into the
/// page area.
///
/// To add a page: a folder with its state, this conformance, its `Section`
/// and its message and effect enums (`<Domain>Message`, `<Domain>Effect`);
/// then one line in `Pages.all`, one case in `ConsoleMessage` and
/// `ConsoleEffect` each, and the compiler points at the two routers
/// (`Shell.handleMessage`, `ConsoleRuntime.perform`) that need a line.
protocol ConsolePage {
    /// The page's own messages (`ConsoleMessage.<domain>` carries them).
    associatedtype Message
    /// The page's place in the sidebar: title and function key.
    static var section: Section { get }
    /// What the sidebar shows right of the title ("12"); empty until known.
    static func count(_ state: ConsoleState) -> String
    /// A form or question of the page is open: it has every key (section keys too).
    static func holdsKeys(_ state: ConsoleState) -> Bool
    /// The page is taking text (a filter being typed, a form, a question):
    /// printable keys are the page's before any global key.
    static func capturesText(_ state: ConsoleState) -> Bool
    /// A full-page form is open: the list's commands would act behind it.
    static func hasForm(_ state: ConsoleState) -> Bool
    /// Something typed and not saved (quitting asks first).
    static func isDirty(_ state: ConsoleState) -> Bool
    /// The page was opened from the sidebar, a function key or the palette
    /// (`entering`: from another page): what to read from the store.
    static func opened(entering: Bool, _ state: inout ConsoleState) -> [ConsoleEffect]
    /// A key or paste while the page shows; nil: not the page's (the shell's keys have it).
    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]?
    /// One of the page's messages, showing or not: store answers arrive
    /// whenever they are ready. The shell routes each domain's messages to
    /// its page, so this switches over all of them, with no default.
    static func receive(_ message: Message, _ state: inout ConsoleState) -> [ConsoleEffect]
    /// A command of this page (from a key or the palette); nil: not the page's.
    static func run(_ command: Command, _ state: inout ConsoleState) -> [ConsoleEffect]?
    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer)
    /// The page's keys right now: rows of the keymap (a form or question
    /// open over the page handles its own keys in `handle`).
    static func bindings(_ state: ConsoleState) -> [KeyBinding]
    /// The hint bar while the page shows (with its open form or question).
    static func hints(_ state: ConsoleState) -> [KeyHint]
    /// The help screen's sections for the page (the shell adds its own).
    static func helpSections(_ state: ConsoleState) -> [HelpSection]
    /// The help screen's title: the page's, or its open form's.
    static func helpTitle(_ state: ConsoleState) -> String
    /// About four times a second while `ConsoleState.wantsTicks`.
    static func tick(_ state: inout ConsoleState)
    /// The window changed size (keep the cursor's row on screen).
    static func resized(_ state: inout ConsoleState)
    /// Sees every key before anything else does (a revealed secret hides
    /// itself on the next key); true: the event is used up.
    static func intercept(_ event: InputEvent, _ state: inout ConsoleState) -> Bool
    /// The page counts something down in ticks.
    static func wantsTicks(_ state: ConsoleState) -> Bool
}

extension ConsolePage {
    static func capturesText(_ state: ConsoleState) -> Bool { holdsKeys(state) }
    static func helpTitle(_ state: ConsoleState) -> String { section.title }
    static func tick(_ state: inout ConsoleState) {}
    static func resized(_ state: inout ConsoleState) {}
    static func intercept(_ event: InputEvent, _ state: inout ConsoleState) -> Bool { false }
    static func wantsTicks(_ state: ConsoleState) -> Bool { false }
}

/// The registration list: the sidebar shows the pages in this order.
enum Pages {
    static let all: [any ConsolePage.Type] = [
        ActionsPage.self,
        AgentsPage.self,
        CallsPage.self,
        WebhooksPage.self,
        SecretsPage.self,
        ModelsPage.self,
    ]

    static func page(for section: Section) -> any ConsolePage.Type {
        all.first { $0.section == section } ?? ActionsPage.self
    }

    /// The page showing.
    static func current(_ state: ConsoleState) -> any ConsolePage.Type { page(for: state.section) }

    /// Some page has a full-page form open (wherever the sidebar stands).
    static func anyForm(_ state: ConsoleState) -> Bool { all.contains { $0.hasForm(state) } }

    static func anyDirty(_ state: ConsoleState) -> Bool { all.contains { $0.isDirty(state) } }
}
