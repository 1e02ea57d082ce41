import Foundation

/// An OpenAI-compatible Chat Completions endpoint an agent can use as its
/// engine (OpenAI, Azure OpenAI, Groq, Ollama, vLLM, llama.cpp, LM Studio…).
/// The API key is only ever a `{{secret.NAME}}` reference: the value stays in
/// the secrets file and is filled in on the wire.
public struct ModelRecord: Sendable, Equatable {
    /// How agents name it (`--model NAME`); unique, case-insensitive.
    public var name: String
    /// Up to the version path: `https://api.openai.com/v1`; `/chat/completions` is added.
    public var baseURL: String
    /// The model id sent in the body (`gpt-4o-mini`, `llama3.1`).
    public var modelID: String
    /// `{{secret.NAME}}`, sent as `Authorization: Bearer …`; nil for servers that want none.
    public var apiKey: String?
    /// Extra headers (Azure's `api-key: {{secret.AZURE_KEY}}`); values may use `{{secret.…}}`/`{{env.…}}`.
    public var headers: [HTTPHeader]
    /// Query items added to the URL (Azure's `api-version=2024-06-01`).
    public var query: [HTTPHeader]
    public var temperature: Double?
    public var maxTokens: Int?
    /// Bounds one model turn, first byte to last.
    public var timeoutSeconds: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public static let defaultTimeoutSeconds = 30

    public init(name: String, baseURL: String, modelID: String, apiKey: String? = nil, headers: [HTTPHeader] = [], query: [HTTPHeader] = [],
                temperature: Double? = nil, maxTokens: Int? = nil, timeoutSeconds: Int = ModelRecord.defaultTimeoutSeconds,
                createdAt: Date = Date(), updatedAt: Date? = nil, version: Int = 1) {
        self.name = name
        self.baseURL = baseURL
        self.modelID = modelID
        self.apiKey = apiKey
        self.headers = headers
        self.query = query
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.timeoutSeconds = timeoutSeconds
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.version = version
    }

    /// The secret the API key names (`OPENAI_API_KEY` for `{{secret.OPENAI_API_KEY}}`).
    public var apiKeySecretName: String? {
        guard let apiKey, let reference = Templates.references(in: apiKey).first, reference.namespace == .secret else { return nil }
        return reference.name
    }

    /// `rules` is the rule-based engine's name, so no model may take it.
    public static let rulesEngineName = "rules"

    /// What keeps the record from being saved, each naming the field and the fix.
    public var issues: [String] {
        var problems: [String] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { problems.append("name: give the model a name, e.g. \"gpt-4o-mini\"") }
        if trimmed.lowercased() == Self.rulesEngineName { problems.append("name: 'rules' is the rule-based engine's name; pick another") }
        if name.count > FieldRules.maximumNameLength { problems.append("name: keep it to \(FieldRules.maximumNameLength) characters (it has \(name.count))") }
        if let components = URLComponents(string: baseURL), let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
           let host = components.host, !host.isEmpty {
            if components.query != nil { problems.append("base URL: leave the query out of it; pass --query 'api-version=…' instead") }
            if let port = URLPort.problem(baseURL) { problems.append("base URL: \(port)") }
        } else {
            problems.append("base URL: '\(baseURL)' is not an http(s) URL; e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1")
        }
        if modelID.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("model: give the model id the server expects, e.g. gpt-4o-mini") }
        if let apiKey {
            let references = Templates.references(in: apiKey)
            if !(references.count == 1 && references[0].namespace == .secret && Templates.isOnlyReferences(apiKey)) {
                problems.append("api key: give a reference to a named secret, '{{secret.NAME}}', never the key itself (`switchboard secrets set NAME` stores it)")
            }
        }
        for header in headers {
            if header.name.isEmpty || header.name.contains(where: { $0 == ":" || $0 == " " || $0 == "\n" }) {
                problems.append("header: '\(header.name)' is not a header name; write 'Name: value'")
            }
            if header.name.lowercased() == "authorization" || header.name.lowercased() == "api-key" {
                if !Templates.hasTemplates(header.value) {
                    problems.append("header \(header.name): give its value as '{{secret.NAME}}', never the key itself")
                }
            }
        }
        for item in query where item.name.isEmpty { problems.append("query: '=\(item.value)' has no name; write 'name=value'") }
        if let temperature, !(0...2).contains(temperature) { problems.append("temperature: \(temperature) is outside 0…2") }
        if let maxTokens, maxTokens < 1 { problems.append("max tokens: \(maxTokens) must be at least 1") }
        if !(1...600).contains(timeoutSeconds) { problems.append("timeout: \(timeoutSeconds) s is outside 1…600") }
        return problems
    }

    /// `…/chat/completions?api-version=…` (templates not filled in).
    public var completionsURL: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        var url = base + "/chat/completions"
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.escape($0.name))=\(Self.escape($0.value))" }.joined(separator: "&")
        }
        return url
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))) ?? text
    }
}

/// A model is known by its name, in any case (the store's key).
extension ModelRecord: Identifiable {
    public var id: String { name.lowercased() }
}

extension ModelRecord {
    /// 'Name: value' as a header (the CLI's `--header` and the console's
    /// headers field read the same way); nil and why when it isn't one.
    public static func header(_ text: String) -> Result<HTTPHeader, ModelFieldProblem> {
        guard let colon = text.firstIndex(of: ":") else { return .failure(ModelFieldProblem("'\(text)': write it as 'Name: value'")) }
        return .success(HTTPHeader(name: text[..<colon].trimmingCharacters(in: .whitespaces),
                                   value: text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
    }

    /// 'name=value' as a query item (`--query`, the console's query field).
    public static func queryItem(_ text: String) -> Result<HTTPHeader, ModelFieldProblem> {
        guard let equals = text.firstIndex(of: "=") else {
            return .failure(ModelFieldProblem("'\(text)': write it as 'name=value', e.g. api-version=2024-06-01"))
        }
        return .success(HTTPHeader(name: String(text[..<equals]), value: String(text[text.index(after: equals)...])))
    }
}

/// Why a header or query item as typed is not one.
public struct ModelFieldProblem: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
