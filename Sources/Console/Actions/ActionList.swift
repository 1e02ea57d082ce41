import ActionModel

/// The store's actions as the list needs them: the summaries with their
/// search and sort index already built. Building the index for 100,000
/// actions takes a few hundred milliseconds, so the runtime builds it on the
/// store's thread (`ActionList(summaries)`) and the console only swaps it in:
/// a key pressed just after a load is not held up by it.
public struct ActionList: Sendable, Equatable, ExpressibleByArrayLiteral {
    let index: ActionIndex
    /// Rows the store could not read: left out of the list, named in the status line.
    public let damaged: [DamagedRow]

    public init(_ summaries: [ActionSummary], damaged: [DamagedRow] = []) {
        index = ActionIndex(summaries)
        self.damaged = damaged
    }

    public init(arrayLiteral summaries: ActionSummary...) {
        self.init(summaries)
    }

    public var summaries: [ActionSummary] { index.actions }

    public static func == (lhs: ActionList, rhs: ActionList) -> Bool {
        lhs.summaries == rhs.summaries && lhs.damaged == rhs.damaged
    }
}
