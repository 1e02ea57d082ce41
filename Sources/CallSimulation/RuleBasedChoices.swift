import ActionModel

/// The rule-based agent's decisions, open to engines that decide the same way
/// outside a call — the scripted OpenAI-compatible model in SampleBackend picks
/// tools and asks for fields exactly as the rule-based agent does, so an
/// "LLM" call against it and a rules call read the caller alike.
public enum RuleBasedChoices {
    /// The action the caller's line asks for (by name, function name and
    /// description words; trigger phrases are the agent's words, not read
    /// here); nil when none matches or two tie.
    public static func action(for utterance: String, among actions: [Action]) -> Action? {
        if case let .one(action) = ActionMatcher.match(SpokenText.tokens(utterance), among: actions) { return action }
        return nil
    }

    /// The question the rule-based agent asks for a field ("Could you tell me your email address?").
    public static func question(for property: SchemaProperty) -> String {
        Questions.question(for: property)
    }

    /// "bye", "that's all", "I'm done".
    public static func isGoodbye(_ utterance: String) -> Bool {
        Intent.isGoodbye(SpokenText.tokens(utterance))
    }

    /// "a, b and c" as the agents say lists.
    public static func list(_ items: [String], conjunction: String = "and") -> String {
        SpokenText.list(items, conjunction: conjunction)
    }
}
