// Console: the whole UI as plain values — state, update(), render().
import ActionModel
import Screen

/// The console's two functions. `update` applies a message to the state and
/// returns the work the runtime must do; `render` draws the state. Neither
/// does I/O, so both are tested without a terminal.
public enum Console {
    public static func update(_ state: inout ConsoleState, _ message: ConsoleMessage) -> [ConsoleEffect] {
        Shell.update(&state, message)
    }

    /// What the runtime reads from the store before the first message: the
    /// actions and the secrets overview. The state notes the actions were asked
    /// for, so a key that arrives before they do doesn't ask a second time.
    public static func start(_ state: inout ConsoleState) -> [ConsoleEffect] {
        state.actions.loadRequested = true
        return [.actions(.load), .secrets(.load)]
    }

    public static func render(_ state: ConsoleState) -> ScreenBuffer {
        Renderer.render(state)
    }

    /// The smallest terminal the console draws its screens in.
    public static let minimumSize = (width: Layout.minimumWidth, height: Layout.minimumHeight)
}
