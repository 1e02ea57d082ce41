/// A page's own state, kept by the shell without the shell knowing its type:
/// a page declares its state type and an accessor on `ConsoleState` in its
/// own folder, so adding a page adds no field here.
protocol PageState: Sendable {
    init()
}

/// Every page's state, one value per state type.
struct PageStates: Sendable {
    private var storage: [ObjectIdentifier: any PageState] = [:]

    /// The page's state (a fresh one until the page first changes it).
    /// Modifying takes the value out of the table while it changes, so a
    /// large state (the Actions index) is never copied by a key press.
    subscript<State: PageState>(_ type: State.Type) -> State {
        get { storage[ObjectIdentifier(type)] as? State ?? State() }
        _modify {
            let key = ObjectIdentifier(type)
            var value = storage.removeValue(forKey: key) as? State ?? State()
            defer { storage[key] = value }
            yield &value
        }
    }
}
