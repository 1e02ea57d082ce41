/// What a piece of text is, not what colour it has: a theme maps each role to
/// colours and attributes, so screens never name a colour.
public enum StyleRole: String, Sendable, CaseIterable, Codable {
    case text, muted, accent, selection, error, warning, success, border, title
    case header, focusBorder, input, placeholder, keyHint, statusBar, tabActive, tabInactive, sidebarActive, dialog
}

/// A cell's look: a role plus attributes a screen may add on top of it.
public struct Style: Hashable, Sendable {
    public var role: StyleRole
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(_ role: StyleRole = .text, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    public static let text = Style(.text)
    public static let muted = Style(.muted)
    public static let accent = Style(.accent)
    public static let selection = Style(.selection)
    public static let error = Style(.error)
    public static let warning = Style(.warning)
    public static let success = Style(.success)
    public static let border = Style(.border)
    public static let title = Style(.title, bold: true)
}
