import ActionModel
import Foundation

/// `{name}` parameters in a URL, as ElevenLabs fills them from the fields the
/// model collected: in the path (`/orders/{order_id}`, its `path_params_schema`)
/// and as query pairs `name={name}` (its `query_params_schema`, which an
/// action writes into its URL that way). `{{…}}` templates (environments,
/// secrets) are not parameters.
public enum URLParameters {
    /// Every `{name}` in the URL, path and query, in order.
    public static func names(in url: String) -> [String] {
        var names: [String] = []
        scan(url) { name in names.append(name); return nil }
        return names
    }

    /// The names of the query pairs written `name={name}` (the key is the
    /// parameter's own name), in order: what ElevenLabs keeps in `query_params_schema`.
    public static func queryNames(in url: String) -> [String] {
        guard let query = split(url).query else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: false).compactMap { pair in
            guard let (key, name) = parameterPair(pair), key == name else { return nil }
            return name
        }
    }

    /// The URL without the `name={name}` pairs of `names` (and without a `?`
    /// left with nothing after it): the URL as ElevenLabs' `api_schema.url` holds it.
    public static func removingQueryPairs(_ names: [String], from url: String) -> String {
        let (base, query) = split(url)
        guard let query else { return url }
        let kept = query.split(separator: "&", omittingEmptySubsequences: false).filter { pair in
            guard let (key, name) = parameterPair(pair), key == name else { return true }
            return !names.contains(name)
        }
        return kept.isEmpty ? base : base + "?" + kept.joined(separator: "&")
    }

    /// The URL with a `name={name}` pair added for each of `names` (an imported
    /// `query_params_schema`), after any query it already has.
    public static func addingQueryPairs(_ names: [String], to url: String) -> String {
        guard !names.isEmpty else { return url }
        let pairs = names.map { "\($0)={\($0)}" }.joined(separator: "&")
        let (base, query) = split(url)
        guard let query, !query.isEmpty else { return base + "?" + pairs }
        return base + "?" + query + "&" + pairs
    }

    /// The URL as ElevenLabs sends it: each `{name}` the arguments hold is
    /// replaced by its value, percent-encoded as one path segment in the path
    /// and as a query value in the query; a query pair whose whole value is a
    /// `{name}` the arguments lack is left out (an optional query parameter the
    /// model did not fill is not sent). The names used are returned too, so
    /// they are not repeated in the body.
    public static func substitute(_ url: String, arguments: JSONObject) -> (url: String, used: [String]) {
        var used: [String] = []
        func fill(_ name: String, allowed: CharacterSet) -> String? {
            guard let value = arguments[name] else { return nil }
            used.append(name)
            let text = value.stringValue ?? value.compactText
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
        let (base, query) = split(url)
        let path = scan(base) { fill($0, allowed: pathSegmentAllowed) }
        guard let query else { return (path, used) }
        var pairs: [String] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: false) {
            if let (key, name) = parameterPair(pair) {
                if let value = fill(name, allowed: queryValueAllowed) { pairs.append(key + "=" + value) }
                continue
            }
            pairs.append(scan(String(pair)) { fill($0, allowed: queryValueAllowed) })
        }
        if pairs.isEmpty && !query.isEmpty { return (path, used) }
        return (path + "?" + pairs.joined(separator: "&"), used)
    }

    static let pathSegmentAllowed: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return allowed
    }()

    /// What a query value may hold unencoded: not the `&`, `=` and `+` that
    /// would split or change the pair, nor `#` and `?`.
    static let queryValueAllowed: CharacterSet = {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#?")
        return allowed
    }()

    /// The URL before its first `?`, and the query after it (nil without one).
    static func split(_ url: String) -> (base: String, query: String?) {
        guard let mark = url.firstIndex(of: "?") else { return (url, nil) }
        return (String(url[..<mark]), String(url[url.index(after: mark)...]))
    }

    /// `key={name}`: the key and the parameter's name, when the pair's whole value is one parameter.
    static func parameterPair(_ pair: Substring) -> (key: String, name: String)? {
        guard let equals = pair.firstIndex(of: "=") else { return nil }
        let value = pair[pair.index(after: equals)...]
        guard value.hasPrefix("{"), !value.hasPrefix("{{"), value.hasSuffix("}") else { return nil }
        let name = String(value.dropFirst().dropLast())
        guard isName(name) else { return nil }
        return (String(pair[..<equals]), name)
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    /// Walks the text; `replace` returns the text for a `{name}` (nil keeps it).
    @discardableResult
    static func scan(_ url: String, replace: (String) -> String?) -> String {
        let characters = Array(url)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "{" {
                if index + 1 < characters.count, characters[index + 1] == "{" {
                    // A template: copy through its closing braces untouched.
                    var end = index + 2
                    while end + 1 < characters.count, !(characters[end] == "}" && characters[end + 1] == "}") { end += 1 }
                    let stop = min(characters.count, end + 2)
                    output += String(characters[index..<stop])
                    index = stop
                    continue
                }
                if let close = characters[(index + 1)...].firstIndex(of: "}") {
                    let name = String(characters[(index + 1)..<close])
                    if isName(name) {
                        output += replace(name) ?? "{\(name)}"
                        index = close + 1
                        continue
                    }
                }
            }
            output.append(character)
            index += 1
        }
        return output
    }
}
