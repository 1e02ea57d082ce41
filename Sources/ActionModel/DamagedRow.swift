/// An action row that can't be decoded: its ID as stored and what is wrong.
/// The store finds these (`ActionStore.readableSummaries`); the command line
/// and the console both name them, in the same words, and go on with the rest.
public struct DamagedRow: Sendable, Equatable {
    public var id: String
    public var problem: String

    public init(id: String, problem: String) {
        self.id = id
        self.problem = problem
    }

    /// What is said about it: which row, that the rest went on, how to remove it.
    public var notice: String {
        "action \(id) is damaged and was left out (\(problem)); `switchboard actions delete \(id)` removes it"
    }

    /// A warning line for the command line.
    public var warning: String { "warning: " + notice }

    /// One line for the console's status bar, naming every damaged row (the
    /// first with its problem and remedy, since the line is narrow).
    public static func statusLine(_ rows: [DamagedRow]) -> String? {
        guard let first = rows.first else { return nil }
        let notice = first.notice
        let sentence = notice.prefix(1).uppercased() + notice.dropFirst()
        guard rows.count > 1 else { return sentence }
        let others = rows.dropFirst().map(\.id).joined(separator: ", ")
        return "\(sentence). Also damaged and left out: \(others)"
    }
}
