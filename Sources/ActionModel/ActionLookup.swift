import Foundation

/// Finds the action a person means by what they typed: its ID, its function
/// name, or its name as the list shows it. Every command that takes an action
/// resolves it here, so they all accept the same things.
public enum ActionLookup {
    public enum Outcome: Equatable, Sendable {
        case found(ActionID)
        case notFound
        /// The name belongs to several actions: only an ID or function name tells them apart.
        case ambiguous([ActionSummary])
    }

    /// An exact ID or function name wins (both are unique); otherwise the display
    /// name, compared case-insensitively with surrounding and repeated spaces ignored.
    public static func resolve(_ reference: String, in actions: [ActionSummary]) -> Outcome {
        let typed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if let id = ActionID(typed), actions.contains(where: { $0.id == id }) { return .found(id) }
        if let match = actions.first(where: { $0.functionName == typed }) { return .found(match.id) }
        let key = comparable(typed)
        guard !key.isEmpty else { return .notFound }
        let named = actions.filter { comparable($0.name) == key }
        switch named.count {
        case 0:
            // A function name typed in another case is still unmistakable when only one matches.
            let functions = actions.filter { $0.functionName.lowercased() == typed.lowercased() }
            return functions.count == 1 ? .found(functions[0].id) : .notFound
        case 1: return .found(named[0].id)
        default: return .ambiguous(named)
        }
    }

    /// The message for a name several actions share, naming each one's ID.
    public static func ambiguityMessage(_ reference: String, _ matches: [ActionSummary]) -> String {
        let listed = matches.map { "\($0.id) (function \($0.functionName))" }.joined(separator: ", ")
        return "'\(reference)' is the name of \(matches.count) actions: \(listed); give the ID or the function name instead"
    }

    static func comparable(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
