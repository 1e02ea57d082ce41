import Screen

/// One entry of the key hint bar or the help screen: "n" → "new action".
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String
    public init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }
}

/// A titled group of keys for the help screen (`?`).
public struct HelpSection: Equatable, Sendable {
    public var title: String
    public var keys: [KeyHint]
    public init(_ title: String, _ keys: [KeyHint]) {
        self.title = title
        self.keys = keys
    }
}
