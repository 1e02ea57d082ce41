import ActionModel
import Foundation
import Screen

/// A row of the webhook form that can hold the focus.
enum WebhookFormField: Hashable, Sendable, CaseIterable {
    case label, url
    /// The checklist of subscribable events.
    case events
    /// The signing secret's NAME (never its value).
    case secret
    case enabled

    var label: String {
        switch self {
        case .label: return "Label"
        case .url: return "URL"
        case .events: return "Events"
        case .secret: return "Signing secret"
        case .enabled: return "Enabled"
        }
    }

    var placeholder: String {
        switch self {
        case .label: return "e.g. CRM sync"
        case .url: return "https://example.com/hooks/calls"
        case .secret: return "optional: a secret's NAME, e.g. CRM_WEBHOOK_KEY"
        case .events, .enabled: return ""
        }
    }

    var isText: Bool { self == .label || self == .url || self == .secret }
}

/// A question the form waits on; every other key waits with it.
typealias WebhookFormQuestion = RecordFormQuestion<Webhook>

extension Webhook: VersionedRecord {
    var displayName: String { label }
}

/// What the form asks of the page after a key.
typealias WebhookFormOutcome = RecordFormOutcome<Webhook>

/// The form that creates or edits one webhook, as a plain value.
struct WebhookFormState: Equatable, Sendable {
    /// The stored webhook being edited; nil while creating.
    var original: Webhook?
    var draftID: WebhookID
    var createdAt: Date
    /// The version the form was read at (what an update must carry).
    var version: Int
    var label: TextField
    var url: TextField
    var events: [WebhookEventType]
    var secret: TextField
    var isEnabled: Bool
    /// Where the cursor is in the events checklist.
    var eventCursor = 0
    var focus: WebhookFormField = .label
    var errors: [WebhookFormField: String] = [:]
    var question: WebhookFormQuestion?
    /// What a list reload said about the stored record since the form read it.
    var elsewhere: ChangedElsewhere?
    /// A store failure or notice, shown until the next key.
    var message: String?
    /// The save under way, if any: edits made meanwhile survive it, and a
    /// second Ctrl-S waits for it.
    var saving = SaveInFlight<Content>()
    /// Other webhooks' labels, lowercased (a label must be unique).
    var takenLabels: Set<String>
    /// Secret NAMES the store defines; nil when not known (no note then).
    var definedSecrets: Set<String>?
    var baseline: Content

    struct Content: Equatable {
        var texts: [String]
        var events: [WebhookEventType]
        var isEnabled: Bool
    }

    var content: Content {
        Content(texts: [label.text, url.text, secret.text], events: events, isEnabled: isEnabled)
    }

    var title: String { original.map { "Edit webhook: \($0.label)" } ?? "New webhook" }

    /// A new webhook starts enabled, subscribed to the end of calls (the usual first use).
    init(takenLabels: Set<String>, definedSecrets: Set<String>?) {
        original = nil
        draftID = WebhookID.generate()
        createdAt = Date()
        version = 1
        label = TextField()
        url = TextField()
        events = [.callEnded]
        secret = TextField()
        isEnabled = true
        self.takenLabels = takenLabels
        self.definedSecrets = definedSecrets
        baseline = Content(texts: [], events: [], isEnabled: true)
        baseline = content
    }

    init(editing webhook: Webhook, takenLabels: Set<String>, definedSecrets: Set<String>?) {
        original = webhook
        draftID = webhook.id
        createdAt = webhook.createdAt
        version = webhook.version
        label = TextField(webhook.label)
        url = TextField(webhook.url)
        events = webhook.events
        secret = TextField(webhook.secretName ?? "")
        isEnabled = webhook.isEnabled
        self.takenLabels = takenLabels
        self.definedSecrets = definedSecrets
        baseline = Content(texts: [], events: [], isEnabled: true)
        baseline = content
    }

    static let fieldOrder: [WebhookFormField] = [.label, .url, .events, .secret, .enabled]
    var fieldOrder: [WebhookFormField] { Self.fieldOrder }

    /// True while printable keys belong to the form (a text field has the focus).
    var capturesTextInput: Bool { question != nil || focus.isText }

    var trimmedSecret: String { secret.text.trimmingCharacters(in: .whitespaces) }

    /// The webhook the form describes now, as it would be saved.
    var draftWebhook: Webhook {
        Webhook(id: draftID, label: label.text.trimmingCharacters(in: .whitespacesAndNewlines),
                url: url.text.trimmingCharacters(in: .whitespaces), events: events,
                secretName: trimmedSecret.isEmpty ? nil : trimmedSecret, isEnabled: isEnabled,
                createdAt: createdAt, updatedAt: original?.updatedAt, version: version)
    }

    // MARK: Validation (the model's own checks, so the form and the store agree)

    func problem(for field: WebhookFormField) -> String? {
        switch field {
        case .label:
            let trimmed = label.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return "give the webhook a label, e.g. \"CRM sync\"" }
            if takenLabels.contains(trimmed.lowercased()) { return "a webhook labelled '\(trimmed)' already exists; pick another label" }
            return nil
        case .url:
            return Webhook.urlProblem(url.text)
        case .events:
            return events.isEmpty ? "tick at least one event (Space); call_ended is the usual choice" : nil
        case .secret:
            return trimmedSecret.isEmpty ? nil : Webhook.secretNameProblem(trimmedSecret)
        case .enabled:
            return nil
        }
    }

    /// Not an error (the webhook can be saved first and the secret defined
    /// after), but deliveries fail until it is: said under the field.
    var secretNote: String? {
        let name = trimmedSecret
        guard !name.isEmpty, Webhook.secretNameProblem(name) == nil, let definedSecrets, !definedSecrets.contains(name) else { return nil }
        return "\(name) is not defined yet: deliveries fail until it is (switchboard secrets set \(name))"
    }

    // MARK: The record form's own parts (`RecordForm` does the rest)

    var draft: Webhook { draftWebhook }

    /// The model's full check, so nothing the store would refuse gets through.
    var recordProblem: String? { draftWebhook.issues.first }

    func reopened(on webhook: Webhook) -> WebhookFormState {
        WebhookFormState(editing: webhook, takenLabels: takenLabels, definedSecrets: definedSecrets)
    }

    mutating func takeDraftID(_ id: WebhookID?) { draftID = id ?? WebhookID.generate() }

    mutating func changeText(of field: WebhookFormField, _ change: (inout TextField) -> Void) -> Bool {
        guard field.isText else { return false }
        change(&self[keyPath: field == .label ? \WebhookFormState.label : field == .url ? \WebhookFormState.url : \WebhookFormState.secret])
        return true
    }

    func fieldError(in failure: String) -> (field: WebhookFormField, error: String)? {
        guard failure.contains("Label:") else { return nil }
        return (.label, failure.components(separatedBy: "Label: ").last ?? failure)
    }

    /// The events checklist's cursor stays where it was.
    mutating func keepPlace(from before: WebhookFormState) { eventCursor = before.eventCursor }

    // MARK: Keys

    /// What a key does in the form.
    enum KeyCommand: Equatable, Sendable {
        case nextField, previousField, fieldUp, fieldDown, eventUp, eventDown, firstEvent, lastEvent, toggleEvent, allEvents,
             toggleEnabled, save, close
    }

    typealias Keys = KeyRow<WebhookFormState, KeyCommand>

    /// The form's rows, in help order; the hint bar, help and `handle` read them.
    static let keys: [Keys] = {
        let group = "Webhook form"
        let onEvents: @Sendable (WebhookFormState) -> Bool = { $0.focus == .events }
        let onEnabled: @Sendable (WebhookFormState) -> Bool = { $0.focus == .enabled }
        return [
            Keys("↑ ↓ Tab S-Tab", pairs: [(.tab, .nextField), (.backTab, .previousField)], hint: "field", hintKey: "↑↓ Tab",
                 help: "move between fields (a field is checked as you leave it)", group: group),
            // Typing is the focused field's own (no key of a row): told in help all the same.
            Keys("type", pairs: [], help: "edit the field: ← → Home End, ^U clear to start, ^K to end, ^W word", group: group),
            // ↑ ↓ in a text field: the field above / below (⏎ goes on too).
            Keys("↑ ↓ ⏎", pairs: [(.up, .fieldUp), (.down, .fieldDown), (.enter, .fieldDown)], help: nil, group: group,
                 applies: { $0.focus.isText }),
            Keys("j k ↑ ↓ g G", pairs: [(.up, .eventUp), (.character("k"), .eventUp), (.down, .eventDown), (.character("j"), .eventDown),
                                        (.home, .firstEvent), (.character("g"), .firstEvent), (.end, .lastEvent),
                                        (.character("G"), .lastEvent)],
                 help: nil, group: group, applies: onEvents),
            Keys("Space x ⏎", [.character(" "), .character("x"), .enter], .toggleEvent, hint: "tick", hintKey: "Space",
                 help: "in the events: tick or untick; a ticks all or none", group: group, applies: onEvents),
            Keys("a", [.character("a")], .allEvents, hint: "all/none", help: nil, group: group, applies: onEvents),
            Keys("Space", [.character(" "), .left, .right, .enter, .character("x")], .toggleEnabled, hint: "change",
                 help: "on Enabled: enable / disable", group: group, applies: onEnabled),
            Keys("↑ k", [.up, .character("k")], .fieldUp, help: nil, group: group, applies: onEnabled),
            Keys("Signing secret", pairs: [], help: "the NAME of a secret (switchboard secrets set NAME), never its value", group: group),
            Keys("^S", [.ctrl("s")], .save, hint: "save", help: "save (jumps to the first field that needs fixing)", group: group),
            Keys("Esc", [.escape], .close, help: "close (asks before discarding changes)", group: group,
                 liveHint: { KeyHint("Esc", $0.isDirty ? "discard" : "close") }),
        ]
    }()

    /// Runs one of the form's commands (from a key's row).
    mutating func run(_ command: KeyCommand) -> WebhookFormOutcome {
        let last = WebhookEventType.subscribable.count - 1
        switch command {
        case .save: return attemptSave()
        case .close: return close()
        case .nextField: moveFocusAround(by: 1)
        case .previousField: moveFocusAround(by: -1)
        case .fieldUp: moveFocusStopping(by: -1)
        case .fieldDown: moveFocusStopping(by: 1)
        case .eventUp: if eventCursor == 0 { moveFocus(to: .url) } else { eventCursor -= 1 }
        case .eventDown: if eventCursor == last { moveFocus(to: .secret) } else { eventCursor += 1 }
        case .firstEvent: eventCursor = 0
        case .lastEvent: eventCursor = last
        case .toggleEvent: toggleEvent(at: eventCursor)
        case .allEvents:
            // All or none: the quick way to subscribe to everything.
            events = events.count == WebhookEventType.subscribable.count ? [] : WebhookEventType.subscribable
            if errors[.events] != nil { errors[.events] = problem(for: .events) }
        case .toggleEnabled: isEnabled.toggle()
        }
        return .none
    }

    private mutating func toggleEvent(at row: Int) {
        let choices = WebhookEventType.subscribable
        guard choices.indices.contains(row) else { return }
        let event = choices[row]
        events = events.contains(event) ? events.filter { $0 != event } : WebhookEventType.normalized(events + [event])
        if errors[.events] != nil { errors[.events] = problem(for: .events) }
    }

    /// Moves the focus, checking the field being left.
    mutating func moveFocus(to target: WebhookFormField) {
        if focus != target { errors[focus] = problem(for: focus) }
        if target == .events, focus == .secret { eventCursor = WebhookEventType.subscribable.count - 1 }
        if target == .events, focus == .url { eventCursor = 0 }
        focus = target
    }
}

extension WebhookFormState: RecordForm {}
