/// A key press or other input event, decoded by the terminal backend and fed to
/// `update`. Tests build these directly.
public enum Key: Hashable, Sendable {
    case character(Character)
    case ctrl(Character)  // lowercase letter: .ctrl("s") is Ctrl-S
    case alt(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case altUp, altDown
    case function(Int)
}

/// Everything the console reacts to from the terminal.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// Bracketed paste: the whole text at once, never interpreted as keys.
    case paste(String)
    case resize(width: Int, height: Int)
}
