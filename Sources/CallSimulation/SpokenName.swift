import ActionModel
import Foundation

/// An action's name as an agent says it mid-sentence ("I can help with: sign up
/// for a plan and check account status"). Names are written as titles — the
/// first word capitalised — which reads wrong inside a sentence; the first word
/// is lowered unless it is shaped for its own sake (an acronym, "iPhone"), and
/// any word the action's description writes with capitals ("CRM", "Zendesk")
/// keeps that form.
public enum SpokenName {
    public static func midSentence(_ action: Action) -> String {
        let written = writtenForms(action.description)
        var words = action.name.split(separator: " ").map(String.init)
        if let first = words.first, first.dropFirst().allSatisfy({ !$0.isUppercase }) { words[0] = first.lowercased() }
        return words.map { $0 == $0.lowercased() ? written[$0] ?? $0 : $0 }.joined(separator: " ")
    }

    /// The words a text writes with capitals for their own sake, by their
    /// lowercase form: all-capital words ("CRM") anywhere, capitalised ones
    /// ("Zendesk") when not starting a sentence.
    static func writtenForms(_ text: String) -> [String: String] {
        var forms: [String: String] = [:]
        var startsSentence = true
        for piece in text.split(whereSeparator: \.isWhitespace) {
            var word = piece.trimmingCharacters(in: .punctuationCharacters)
            for possessive in ["'s", "’s"] where word.hasSuffix(possessive) { word.removeLast(2) }
            let acronym = word.count > 1 && word.allSatisfy { $0.isUppercase || $0.isNumber } && word.contains(where: \.isUppercase)
            if acronym || !startsSentence && word.contains(where: \.isUppercase), forms[word.lowercased()] == nil {
                forms[word.lowercased()] = word
            }
            startsSentence = piece.last.map { ".!?:".contains($0) } ?? false
        }
        return forms
    }
}
