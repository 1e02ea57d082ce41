import ActionModel
import Screen

/// Everything the console shows, as a value. The runtime makes one, feeds it
/// messages through `Console.update` and draws `Console.render(state)`.
public struct ConsoleState: Sendable {
    public internal(set) var width: Int
    public internal(set) var height: Int
    /// Where the store lives, as shown in the status line (a path).
    public internal(set) var storeDescription: String
    public internal(set) var readOnly: Bool

    /// Each page's own state (`state.actions`, `state.agents`…: the
    /// accessors are in the pages' folders).
    var pages = PageStates()
    var focus: Focus = .page
    var overlay: Overlay?
    var status: StatusMessage?
    /// The sidebar section whose page is showing.
    var section: Section = .actions
    /// The sidebar row ↑↓ moved to while the sidebar has the focus (nil: the
    /// open section); ⏎ opens it.
    var sidebarChoice: Section?
    /// What an empty store is offered on first start (nil: nothing to offer).
    var demoOffer: DemoWorkspaceOffer?
    /// The offer was shown (taken or skipped): never again this session.
    var demoOfferShown = false
    /// The call pane, when a call is on or just ended (it fills the page area).
    var callPane: CallPane?
    /// Where new calls get their IDs (tests fix them, so snapshots repeat).
    var makeCallID: @Sendable () -> CallID = { CallID.generate() }
    /// Which header values and texts are secret wherever requests are shown.
    /// The runtime may replace it (a secrets store adds its values).
    public var secretMasker = SecretMasker.standard

    /// True while a request is in flight: the runtime then sends `.clock`
    /// about 30 times a second, so the elapsed milliseconds count smoothly.
    public var wantsClockTicks: Bool {
        (callPane?.isWaiting ?? false) || (actions.testPanel?.pending ?? false)
    }

    /// True while something on screen counts down in `.tick`s (a status
    /// message fading out, a revealed secret hiding itself): only then does
    /// the runtime send them, so an idle console does no work at all.
    public var wantsTicks: Bool {
        status != nil || Pages.all.contains { $0.wantsTicks(self) }
    }

    public init(width: Int, height: Int, storeDescription: String, readOnly: Bool, notice: String?,
                demoOffer: DemoWorkspaceOffer? = nil) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.storeDescription = storeDescription
        self.readOnly = readOnly
        self.demoOffer = demoOffer
        if let notice, !notice.isEmpty { status = StatusMessage(notice, kind: .info, ticks: 40) }
    }
}

enum Focus: Sendable, Equatable { case sidebar, page }

/// A dialog or panel drawn over the screen that has the keys while open.
enum Overlay: Sendable, Equatable {
    case createAction(CreateDialog)
    case confirmDelete(id: ActionID, name: String, version: Int)
    case confirmQuit
    /// Ending a live call is asked first (Esc on an empty line, Ctrl-C): a
    /// stray key must not drop a call that took minutes to set up. `quitting`:
    /// the console quits once the call is hung up.
    case confirmHangUp(CallID, quitting: Bool)
    case help(scroll: Int)
    case palette(Palette)
    /// First start on an empty store: load the demo workspace?
    case demoOffer(DemoWorkspaceOffer)
    /// `E`: choose the active environment.
    case environmentPicker(EnvironmentPicker)
}

struct CreateDialog: Sendable, Equatable {
    enum Focus: Sendable, Equatable { case list, continueButton, cancelButton }
    var selected = 0
    var focus: Focus = .list
}

struct Palette: Sendable, Equatable {
    var field = TextField()
    var selected = 0
}

struct StatusMessage: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case info, success, error }
    var text: String
    var kind: Kind
    /// Ticks (about four a second) until it disappears; it fades for the last few.
    var ticksLeft: Int
    /// The store answer this message waits for ("Reloading calls…"): that
    /// answer clears it, decided from this tag, never from the text.
    var awaiting: Awaiting?

    enum Awaiting: Sendable, Equatable { case callsReload, callOpen, actionOpen, webhooksReload, modelsReload, storeBack }

    init(_ text: String, kind: Kind, ticks: Int = StatusMessage.lifetime, awaiting: Awaiting? = nil) {
        self.text = text
        self.kind = kind
        self.ticksLeft = ticks
        self.awaiting = awaiting
    }

    static let lifetime = 24
    static let fadeTicks = 6
    var isFading: Bool { ticksLeft <= StatusMessage.fadeTicks }
}

/// Where everything goes on a screen of a given size. Shared by render and
/// update (which needs the page height for PgUp/PgDn and scrolling).
struct Layout {
    static let minimumWidth = 60
    static let minimumHeight = 16

    let width: Int
    let height: Int
    let tooSmall: Bool
    let sidebar: Rect
    let page: Rect
    let statusRow: Int
    let hintRow: Int
    /// Inside the page box.
    let tabsRow: Int
    let infoRow: Int
    let headerRow: Int
    let table: Rect
    let detailsRule: Int
    let details: Rect

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        tooSmall = width < Layout.minimumWidth || height < Layout.minimumHeight
        let sidebarWidth = width < 72 ? 15 : width < 100 ? 17 : 20
        let main = Rect(x: 0, y: 0, width: width, height: max(0, height - 2))
        (sidebar, page) = main.splitLeft(sidebarWidth)
        statusRow = height - 2
        hintRow = height - 1
        let inner = page.inset(by: 1)
        tabsRow = inner.y
        infoRow = inner.y + 1
        headerRow = inner.y + 2
        let detailsHeight = height >= 20 ? 3 : 2
        details = Rect(x: inner.x, y: inner.maxY - detailsHeight, width: inner.width, height: detailsHeight)
        detailsRule = details.y - 1
        table = Rect(x: inner.x, y: headerRow + 1, width: inner.width, height: detailsRule - headerRow - 1)
    }

    var tableRows: Int { max(1, table.height) }
}
