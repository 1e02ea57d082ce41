import Foundation

/// A colour as a theme names it: the terminal's own default, one of the 256
/// palette entries (0-15 are the 16 ANSI colours, which follow the user's
/// terminal palette), or an exact `#rrggbb` that is matched to the nearest
/// palette entry the terminal has.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    case `default`
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    /// The 16 ANSI names, in palette order (index = position).
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Extra spellings people type; "gray"/"grey" are the bright-black of most palettes.
    static let aliases: [String: Int] = [
        "gray": 8, "grey": 8, "bright-gray": 7, "bright-grey": 7,
    ]

    /// Parses `"default"`, an ANSI name (`bright-` or `bright_` prefix, any
    /// case), an index `"0"`-`"255"`, or `#rrggbb` / `#rgb`.
    public init?(parsing text: String) {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
        if s == "default" || s == "none" { self = .default; return }
        if let index = Self.ansiNames.firstIndex(of: s) { self = .indexed(index); return }
        if let index = Self.aliases[s] { self = .indexed(index); return }
        if let n = Int(s), (0...255).contains(n) { self = .indexed(n); return }
        if s.hasPrefix("#") {
            let hex = Array(s.dropFirst())
            guard hex.allSatisfy(\.isHexDigit) else { return nil }
            func byte(_ digits: String) -> UInt8 { UInt8(digits, radix: 16) ?? 0 }
            if hex.count == 6 {
                self = .rgb(byte(String(hex[0...1])), byte(String(hex[2...3])), byte(String(hex[4...5])))
                return
            }
            if hex.count == 3 {
                self = .rgb(byte(String([hex[0], hex[0]])), byte(String([hex[1], hex[1]])), byte(String([hex[2], hex[2]])))
                return
            }
        }
        return nil
    }

    public init?(index: Int) {
        guard (0...255).contains(index) else { return nil }
        self = .indexed(index)
    }

    /// The spelling a theme file would use.
    public var description: String {
        switch self {
        case .default: return "default"
        case let .indexed(n): return n < 16 ? Self.ansiNames[n] : String(n)
        case let .rgb(r, g, b):
            let hex = [r, g, b].map { byte -> String in
                let s = String(byte, radix: 16)
                return s.count == 1 ? "0" + s : s
            }.joined()
            return "#" + hex
        }
    }

    /// The palette index to use on a terminal with `colors` colours, or -1
    /// for the terminal's default colour. Exact colours and the upper 240
    /// palette entries are matched to the nearest colour the terminal has;
    /// with fewer than 8 colours everything is the default.
    public func paletteIndex(forColors colors: Int) -> Int {
        switch self {
        case .default:
            return -1
        case let .indexed(n):
            if colors >= 256 || n < min(colors, 16) && colors >= 8 { return n }
            if colors >= 16 { return Self.nearest(Self.rgbOfIndex(n), among: 16) }
            if colors >= 8 { return Self.nearest(Self.rgbOfIndex(n), among: 8) }
            return -1
        case let .rgb(r, g, b):
            let target = (Int(r), Int(g), Int(b))
            if colors >= 256 { return Self.nearest256(target) }
            if colors >= 16 { return Self.nearest(target, among: 16) }
            if colors >= 8 { return Self.nearest(target, among: 8) }
            return -1
        }
    }

    // MARK: - The xterm palette

    /// xterm's default values for the 16 ANSI colours.
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm gives palette entry `index`.
    public static func rgbOfIndex(_ index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16: return ansiRGB[index]
        case 16..<232:
            let n = index - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let level = 8 + 10 * (min(255, max(232, index)) - 232)
            return (level, level, level)
        }
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        // Weighted for the eye (green counts most, blue least), plus a penalty
        // for a different saturation, so greys stay grey (not yellow) on
        // 8-colour terminals.
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        let chroma = (max(a.0, a.1, a.2) - min(a.0, a.1, a.2)) - (max(b.0, b.1, b.2) - min(b.0, b.1, b.2))
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db + 3 * chroma * chroma
    }

    /// The nearest of the first `count` (8 or 16) ANSI colours.
    static func nearest(_ target: (Int, Int, Int), among count: Int) -> Int {
        var best = 0, bestDistance = Int.max
        for i in 0..<count {
            let d = distance(target, ansiRGB[i])
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    /// The nearest entry of the 6×6×6 cube or the grey ramp (16-255); the 16
    /// ANSI entries are skipped because users re-colour them.
    static func nearest256(_ target: (Int, Int, Int)) -> Int {
        func level(_ v: Int) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(l - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let cube = 16 + 36 * level(target.0) + 6 * level(target.1) + level(target.2)
        let average = (target.0 + target.1 + target.2) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let grey = 232 + greyStep
        return distance(target, rgbOfIndex(grey)) < distance(target, rgbOfIndex(cube)) ? grey : cube
    }
}

/// How one role looks: colours plus attributes.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(
        foreground: ThemeColor = .default, background: ThemeColor = .default,
        bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = RoleStyle()

    /// Whether this look uses any colour at all.
    public var usesColour: Bool { foreground != .default || background != .default }
}

/// Maps every `StyleRole` to a look. Screens only name roles; the theme (from
/// `themes/*.json` or the user's config folder) decides the colours.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var description: String
    private var roles: [StyleRole: RoleStyle]

    /// A theme with the given looks; every role not given falls back to `fallback`'s.
    public init(name: String, description: String = "", roles: [StyleRole: RoleStyle], fallback: Theme? = nil) {
        self.name = name
        self.description = description
        var all: [StyleRole: RoleStyle] = [:]
        for role in StyleRole.allCases { all[role] = roles[role] ?? fallback?.roles[role] ?? .plain }
        self.roles = all
    }

    public subscript(role: StyleRole) -> RoleStyle {
        get { roles[role] ?? .plain }
        set { roles[role] = newValue }
    }

    /// The look of a cell: its role's look with the cell's own attributes added.
    public func look(of style: Style) -> RoleStyle {
        var look = self[style.role]
        if style.bold { look.bold = true }
        if style.underline { look.underline = true }
        if style.reverse { look.reverse = true }
        return look
    }

    /// Whether any role uses a colour (the monochrome theme does not).
    public var usesColour: Bool { StyleRole.allCases.contains { self[$0].usesColour } }

    /// The default theme: `themes/dark.json`.
    public static let `default`: Theme = {
        guard let source = BuiltinThemes.source(named: "dark"),
              let theme = try? Theme.parse(json: source, file: "themes/dark.json", fallback: .plainTheme)
        else { return .monochrome }
        return theme
    }()

    static let plainTheme = Theme(name: "plain", roles: [:])

    /// No colour at all, only attributes: for `NO_COLOR` and terminals
    /// without colour. `themes/monochrome.json` holds the same (a test checks).
    public static let monochrome = Theme(
        name: "monochrome",
        description: "No colours, only bold, underline, reverse and dim; used when NO_COLOR is set.",
        roles: [
            .text: RoleStyle(),
            .muted: RoleStyle(dim: true),
            .accent: RoleStyle(bold: true),
            .selection: RoleStyle(reverse: true),
            .error: RoleStyle(bold: true, underline: true),
            .warning: RoleStyle(bold: true),
            .success: RoleStyle(bold: true),
            .border: RoleStyle(),
            .title: RoleStyle(bold: true),
            .header: RoleStyle(bold: true, underline: true),
            .focusBorder: RoleStyle(bold: true),
            .input: RoleStyle(underline: true),
            .placeholder: RoleStyle(underline: true, dim: true),
            .keyHint: RoleStyle(bold: true),
            .statusBar: RoleStyle(),
            .tabActive: RoleStyle(bold: true, reverse: true),
            .tabInactive: RoleStyle(),
            .sidebarActive: RoleStyle(bold: true, reverse: true),
            .dialog: RoleStyle(),
        ]
    )
}

// MARK: - Theme files

/// A theme file that can't be used, naming the file and the key:
/// `themes/x.json: roles.selection.fg: 'purpl' is not a colour; …`.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// The dotted path of the offending key, or nil for the file as a whole.
    public var key: String?
    public var problem: String

    public init(file: String, key: String?, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String {
        if let key { return "\(file): \(key): \(problem)" }
        return "\(file): \(problem)"
    }
}

/// JSON as read for a theme: keeps booleans and numbers apart, which
/// JSONSerialization on Linux does not.
private enum ThemeJSON: Decodable {
    case null, bool(Bool), number(Double), string(String), array, object([String: ThemeJSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Double.self) { self = .number(value); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode([String: ThemeJSON].self) { self = .object(value); return }
        self = .array
    }

    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "true/false"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

extension Theme {
    /// The keys a role may set, for error messages and the README.
    public static let roleKeys = ["fg", "bg", "bold", "underline", "reverse", "dim"]
    public static let topLevelKeys = ["name", "description", "roles"]

    /// Reads a theme file's text. `file` is how errors name it. Roles the file
    /// leaves out come from `fallback` (the default theme unless given).
    public static func parse(json: String, file: String, fallback: Theme? = nil) throws(ThemeError) -> Theme {
        let root: ThemeJSON
        do {
            root = try JSONDecoder().decode(ThemeJSON.self, from: Data(json.utf8))
        } catch {
            throw ThemeError(file: file, key: nil, problem: "not valid JSON (\(Self.describe(error)))")
        }
        guard case let .object(top) = root else {
            throw ThemeError(file: file, key: nil, problem: "expected a JSON object like {\"name\": …, \"roles\": {…}}, found \(root.kind)")
        }
        for key in top.keys.sorted() where !topLevelKeys.contains(key) {
            throw ThemeError(file: file, key: key, problem: "unknown key; use \(topLevelKeys.joined(separator: ", "))")
        }
        func string(_ key: String) throws(ThemeError) -> String? {
            guard let value = top[key] else { return nil }
            guard case let .string(text) = value else {
                throw ThemeError(file: file, key: key, problem: "expected a string, found \(value.kind)")
            }
            return text
        }
        let name = try string("name") ?? Self.baseName(of: file)
        let description = try string("description") ?? ""
        var roles: [StyleRole: RoleStyle] = [:]
        if let value = top["roles"] {
            guard case let .object(entries) = value else {
                throw ThemeError(file: file, key: "roles", problem: "expected an object of roles, found \(value.kind)")
            }
            for roleName in entries.keys.sorted() {
                let path = "roles.\(roleName)"
                guard let role = StyleRole(rawValue: roleName) else {
                    let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ThemeError(file: file, key: path, problem: "unknown role; the roles are \(known)")
                }
                guard case let .object(fields) = entries[roleName]! else {
                    throw ThemeError(file: file, key: path, problem: "expected an object like {\"fg\": \"cyan\", \"bold\": true}, found \(entries[roleName]!.kind)")
                }
                roles[role] = try parseRole(fields, path: path, file: file)
            }
        }
        return Theme(name: name, description: description, roles: roles, fallback: fallback ?? .default)
    }

    private static func parseRole(_ fields: [String: ThemeJSON], path: String, file: String) throws(ThemeError) -> RoleStyle {
        var look = RoleStyle()
        for key in fields.keys.sorted() {
            let value = fields[key]!
            let keyPath = "\(path).\(key)"
            switch key {
            case "fg", "bg":
                let colour = try parseColour(value, keyPath: keyPath, file: file)
                if key == "fg" { look.foreground = colour } else { look.background = colour }
            case "bold", "underline", "reverse", "dim":
                guard case let .bool(flag) = value else {
                    throw ThemeError(file: file, key: keyPath, problem: "expected true or false, found \(value.kind)")
                }
                switch key {
                case "bold": look.bold = flag
                case "underline": look.underline = flag
                case "reverse": look.reverse = flag
                default: look.dim = flag
                }
            default:
                throw ThemeError(file: file, key: keyPath, problem: "unknown key; use \(roleKeys.joined(separator: ", "))")
            }
        }
        return look
    }

    static let colourHint = "use a name like 'magenta', 0-255 or #rrggbb"

    private static func parseColour(_ value: ThemeJSON, keyPath: String, file: String) throws(ThemeError) -> ThemeColor {
        switch value {
        case let .string(text):
            if let colour = ThemeColor(parsing: text) { return colour }
            throw ThemeError(file: file, key: keyPath, problem: "'\(text)' is not a colour; \(colourHint)")
        case let .number(number):
            if number == number.rounded(), let colour = ThemeColor(index: Int(exactly: number) ?? -1) { return colour }
            let shown = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
            throw ThemeError(file: file, key: keyPath, problem: "\(shown) is not a colour; \(colourHint)")
        default:
            throw ThemeError(file: file, key: keyPath, problem: "expected a colour, found \(value.kind); \(colourHint)")
        }
    }

    private static func baseName(of file: String) -> String {
        var name = file.split(separator: "/").last.map(String.init) ?? file
        if name.hasSuffix(".json") { name.removeLast(5) }
        return name
    }

    private static func describe(_ error: Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error {
            if let underlying = context.underlyingError as NSError?,
               let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String {
                return detail
            }
            return context.debugDescription
        }
        return String(describing: error)
    }

    /// The theme as a theme file (every role, sorted keys): for `--theme` docs,
    /// copying a built-in to start a new one, and round-trip tests.
    public var json: String {
        var lines = ["{"]
        lines.append("  \"name\": \(Self.quote(name)),")
        lines.append("  \"description\": \(Self.quote(description)),")
        lines.append("  \"roles\": {")
        let roleLines = StyleRole.allCases.map { role -> String in
            let look = self[role]
            var fields: [String] = []
            if look.foreground != .default { fields.append("\"fg\": \(Self.quote(look.foreground.description))") }
            if look.background != .default { fields.append("\"bg\": \(Self.quote(look.background.description))") }
            if look.bold { fields.append("\"bold\": true") }
            if look.underline { fields.append("\"underline\": true") }
            if look.reverse { fields.append("\"reverse\": true") }
            if look.dim { fields.append("\"dim\": true") }
            return "    \(Self.quote(role.rawValue)): {\(fields.joined(separator: ", "))}"
        }
        lines.append(roleLines.joined(separator: ",\n"))
        lines.append("  }")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
