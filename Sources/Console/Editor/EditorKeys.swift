import Screen

/// What a key does in the action editor: its form, the Input Schema list,
/// the property form and the questions. The rows below say which keys run
/// which command where; `ActionEditorState.handle` runs them, and the hint
/// bar and help are read from the same rows.
enum EditorCommand: Equatable, Sendable {
    // Anywhere in the editor (no question open)
    case togglePanel, nextPreviewFormat, scrollPanelUp, scrollPanelDown, toggleReveal, save
    /// Ctrl-T / Alt-T: the host sends the form's action as a test request.
    case testRequest, editTestRequestValues
    // The form
    case previousField, nextField, nextFieldAround, previousFieldAround
    /// Space → / ←: the next or previous option of the focused choice.
    case nextChoice, previousChoice
    /// Space / ⏎ on a yes/no setting row.
    case toggleSetting
    case openSchema, addHeaderLine, removeHeaderLine, enterNextField, close
    // The Input Schema's property list
    case previousProperty, nextProperty, firstProperty, lastProperty
    case addProperty, editProperty, removeProperty, toggleRequired, movePropertyDown, movePropertyUp, backToForm
    // The property form
    case propertyPreviousField, propertyNextField, propertyNextFieldAround, propertyPreviousFieldAround
    case propertyNextChoice, propertyPreviousChoice, applyProperty, cancelProperty
    // Questions
    case discardAndClose, removeConfirmed, dismissQuestion, overwriteTheirs, reloadTheirs, saveAsNew
}

typealias EditorKey = KeyRow<ActionEditorState, EditorCommand>

extension ActionEditorState {
    /// Where the editor is: the rows that apply follow from it.
    enum Layer: Equatable { case form, schema, property, discard, removeProperty, conflict, conflictDeleted }

    var layer: Layer {
        switch prompt {
        case .discard?: return .discard
        case .removeProperty?: return .removeProperty
        case .conflict(current: .some)?: return .conflict
        case .conflict(current: nil)?: return .conflictDeleted
        case nil: break
        }
        if propertyForm != nil { return .property }
        return screen == .form ? .form : .schema
    }

    /// A text field has the focus: printable keys are its text before any row's.
    var typesText: Bool { prompt == nil && capturesTextInput }

    /// The form's settings that Space / ⏎ turn on and off.
    static let settingFields: Set<EditorField> = [.asksOptionalFields, .readsBack]
    static let choiceFields: Set<EditorField> = [.trigger, .bodyFormat, .platform]
    /// Rows where ⏎ does something of its own instead of moving on (headers too).
    static let enterHasItsOwnRow: Set<EditorField> = settingFields.union([.inputSchema, .addHeader])

    /// The editor's keymap, in hint-bar order (a row's hint shows while it applies).
    static let keys: [EditorKey] = {
        let form = "Action form", schema = "Input Schema", property = "Property form", questions = "Questions"
        let onForm: @Sendable (ActionEditorState) -> Bool = { $0.layer == .form }
        let onSchema: @Sendable (ActionEditorState) -> Bool = { $0.layer == .schema }
        let noQuestion: @Sendable (ActionEditorState) -> Bool = { $0.prompt == nil }
        let listOrForm: @Sendable (ActionEditorState) -> Bool = { $0.layer == .form || $0.layer == .schema }
        func focused(_ fields: Set<EditorField>) -> @Sendable (ActionEditorState) -> Bool {
            { $0.layer == .form && fields.contains($0.focus) }
        }
        let onHeaders: @Sendable (ActionEditorState) -> Bool = { $0.layer == .form && ($0.focus.isHeader || $0.focus == .addHeader) }
        let onHeaderLine: @Sendable (ActionEditorState) -> Bool = { $0.layer == .form && $0.focus.isHeader }
        let inPropertyForm: @Sendable (ActionEditorState) -> Bool = { $0.layer == .property }
        return [
            // The form
            EditorKey("↑ ↓ Tab S-Tab", pairs: [(.up, .previousField), (.down, .nextField), (.tab, .nextFieldAround),
                                               (.backTab, .previousFieldAround)],
                      hint: "field", hintKey: "↑↓", help: "move between fields (a field is checked as you leave it)", group: form,
                      applies: onForm),
            EditorKey("type", pairs: [], help: "edit the field: ← → Home End, ^U clear to start, ^K to end, ^W word", group: form),
            EditorKey("Space ← →", pairs: [(.character(" "), .nextChoice), (.right, .nextChoice), (.left, .previousChoice)],
                      hint: "change", hintKey: "Space/←→", help: "change a choice (Action Trigger, Body format, Platform)", group: form,
                      applies: focused(choiceFields)),
            EditorKey("Space ⏎", [.character(" "), .enter], .toggleSetting, hint: "toggle", hintKey: "Space/⏎",
                      help: "turn Ask optional / Read back on or off (what a simulated call does before sending)", group: form,
                      applies: focused(settingFields)),
            EditorKey("⏎ Space", [.enter, .character(" ")], .openSchema, hint: "edit schema", hintKey: "Enter",
                      help: "on Input Schema: open the property list", group: form, applies: focused([.inputSchema])),
            EditorKey("⏎", [.enter], .addHeaderLine, hint: "new header", hintKey: "Enter",
                      help: "on Headers: add a \"Name: value\" line (on an empty line: next field)", group: form, applies: onHeaders,
                      liveHint: { KeyHint("Enter", $0.focus == .addHeader ? "add header" : "new header") }),
            EditorKey("^X", [.ctrl("x")], .removeHeaderLine, hint: "remove", help: "on Headers: remove the line", group: form,
                      applies: onHeaderLine),
            EditorKey("⏎", [.enter], .enterNextField, help: "next field", group: form,
                      applies: { $0.layer == .form && !enterHasItsOwnRow.contains($0.focus) && !$0.focus.isHeader }),
            // The Input Schema's property list
            EditorKey("j k ↑ ↓", pairs: [(.character("j"), .nextProperty), (.down, .nextProperty), (.character("k"), .previousProperty),
                                         (.up, .previousProperty)],
                      help: "select a property", group: schema, applies: onSchema),
            EditorKey("g G Home End", pairs: [(.character("g"), .firstProperty), (.home, .firstProperty), (.character("G"), .lastProperty),
                                              (.end, .lastProperty)],
                      help: "first / last property", group: schema, applies: onSchema),
            EditorKey("a n", [.character("a"), .character("n")], .addProperty, hint: "add", hintKey: "a", help: "add a property",
                      group: schema, applies: onSchema),
            EditorKey("⏎ e", [.enter, .character("e")], .editProperty, hint: "edit", hintKey: "Enter", help: "edit the property",
                      group: schema, applies: onSchema),
            EditorKey("x Del d", [.character("x"), .delete, .character("d")], .removeProperty, hint: "remove", hintKey: "x",
                      help: "remove the property (asks first)", group: schema, applies: onSchema),
            EditorKey("Space", [.character(" ")], .toggleRequired, hint: "required", help: "toggle required", group: schema,
                      applies: onSchema),
            EditorKey("J K Alt-↓ Alt-↑", pairs: [(.character("J"), .movePropertyDown), (.altDown, .movePropertyDown),
                                                 (.character("K"), .movePropertyUp), (.altUp, .movePropertyUp)],
                      hint: "move", hintKey: "J/K", help: "move the property down / up", group: schema, applies: onSchema),
            // Anywhere (no question open); `p` is text in a field.
            EditorKey("p F2", [.character("p"), .function(2)], .togglePanel, hint: "JSON", hintKey: "p",
                      help: "show or hide the tool JSON", group: schema, applies: noQuestion, hinted: onSchema),
            EditorKey("F3", [.function(3)], .nextPreviewFormat,
                      help: "show another platform's definition and lint (Vapi, Retell, …)", group: schema, applies: noQuestion),
            EditorKey("PgUp PgDn", pairs: [(.pageUp, .scrollPanelUp), (.pageDown, .scrollPanelDown)], help: "scroll the JSON",
                      group: schema, applies: noQuestion),
            EditorKey("^R", [.ctrl("r")], .toggleReveal, hint: "reveal", help: "reveal or hide the signature secret and header values",
                      group: form, applies: listOrForm,
                      hinted: { $0.layer == .form && ($0.focus.isHeader || $0.focus == .signatureSecret) },
                      liveHint: { KeyHint("^R", $0.revealSecrets ? "hide" : "reveal") }),
            EditorKey("^S", [.ctrl("s")], .save, hint: "save", help: "save (jumps to the first field that needs fixing)", group: form,
                      applies: listOrForm),
            EditorKey("^T", [.ctrl("t")], .testRequest, hint: "test request",
                      help: "send the form's action with sample values, without a call", group: "Test request",
                      applies: listOrForm, hinted: { $0.layer == .form && $0.kind == .customInput }),
            EditorKey("Alt-T", [.alt("t")], .editTestRequestValues,
                      help: "edit the sample values first; ⏎ sends them, Esc sends nothing", group: "Test request", applies: listOrForm),
            EditorKey("Esc", [.escape], .close, hint: "close", help: "close (asks before discarding changes)", group: form,
                      applies: onForm, liveHint: { KeyHint("Esc", $0.isDirty ? "discard" : "close") }),
            EditorKey("Esc", [.escape], .backToForm, hint: "back", help: "back to the form (or hide the JSON first)", group: schema,
                      applies: onSchema),
            // The property form
            EditorKey("↑ ↓ Tab S-Tab", pairs: [(.up, .propertyPreviousField), (.down, .propertyNextField),
                                               (.tab, .propertyNextFieldAround), (.backTab, .propertyPreviousFieldAround)],
                      hint: "field", hintKey: "↑↓", help: "move between fields", group: property, applies: inPropertyForm),
            EditorKey("Space ← →", pairs: [(.character(" "), .propertyNextChoice), (.right, .propertyNextChoice),
                                           (.left, .propertyPreviousChoice)],
                      hint: "choose", hintKey: "Space/←→", help: "choose the type or format, toggle required", group: property,
                      applies: { state in
                          state.layer == .property && state.propertyForm.map { [.type, .format, .required].contains($0.focus) } == true
                      },
                      liveHint: { $0.propertyForm?.focus == .required ? KeyHint("Space", "toggle") : KeyHint("Space/←→", "choose") }),
            EditorKey("⏎ ^S", [.enter, .ctrl("s")], .applyProperty, hint: "apply", hintKey: "Enter", help: "apply the property",
                      group: property, applies: inPropertyForm),
            EditorKey("Esc", [.escape], .cancelProperty, hint: "cancel", help: "cancel", group: property, applies: inPropertyForm),
            // Questions
            EditorKey("y", [.character("y"), .character("Y")], .discardAndClose, hint: "discard",
                      help: "close without saving (asked on Esc with unsaved changes)", group: questions,
                      applies: { $0.layer == .discard }),
            EditorKey("y", [.character("y"), .character("Y")], .removeConfirmed, hint: "remove", help: "remove the property (asked on x)",
                      group: questions, applies: { $0.layer == .removeProperty }),
            EditorKey("n Esc", [.character("n"), .character("N"), .escape, .enter], .dismissQuestion, hint: "keep editing",
                      hintKey: "n", help: "keep editing / keep the property", group: questions,
                      applies: { $0.layer == .discard || $0.layer == .removeProperty },
                      liveHint: { KeyHint("n", $0.layer == .discard ? "keep editing" : "keep") }),
            EditorKey("o", [.character("o"), .character("O")], .overwriteTheirs, hint: "overwrite with mine",
                      help: "saved by someone else: overwrite their change with mine", group: questions,
                      applies: { $0.layer == .conflict }),
            EditorKey("r", [.character("r"), .character("R")], .reloadTheirs, hint: "reload theirs",
                      help: "saved by someone else: reload theirs, discarding mine", group: questions, applies: { $0.layer == .conflict }),
            EditorKey("s", [.character("s"), .character("S")], .saveAsNew, hint: "save as new",
                      help: "deleted by someone else: save mine as a new action", group: questions,
                      applies: { $0.layer == .conflictDeleted }),
            EditorKey("Esc", [.escape], .dismissQuestion, hint: "keep editing", help: "keep editing (answer later with ^S)",
                      group: questions, applies: { $0.layer == .conflict || $0.layer == .conflictDeleted }),
        ]
    }()

    public var keyHints: [KeyHint] { EditorKey.hints(Self.keys, self) }

    public var helpSections: [HelpSection] { EditorKey.helpSections(Self.keys) }
}

/// The editor's keys are its rows: `command(for:)` reads them.
extension ActionEditorState: KeyedForm {}
