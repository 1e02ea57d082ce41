import Foundation

/// Finds a theme by name: the user's own theme files first, then the
/// built-ins. Never fails: a broken or unknown theme gives the default theme
/// and a warning for the status line.
public enum ThemeCatalog {
    /// The theme used when none is asked for.
    public static let defaultName = "dark"

    /// The built-in themes' names (the files in the repository's `themes/`).
    public static var builtinNames: [String] { BuiltinThemes.files.map(\.name) }

    /// A built-in theme by name, or nil.
    public static func builtin(_ name: String) -> Theme? {
        guard let source = BuiltinThemes.source(named: name) else { return nil }
        if name == defaultName { return .default }
        return try? Theme.parse(json: source, file: "themes/\(name).json")
    }

    /// The theme chosen and, when the request could not be honoured as asked,
    /// why (one line, for the status bar).
    public struct Resolution: Sendable, Equatable {
        public var theme: Theme
        public var warning: String?
        /// The file the theme came from, or nil for a built-in.
        public var path: String?
    }

    /// Where the user's theme files live: `$XDG_CONFIG_HOME/switchboard/themes`
    /// (an absolute, non-empty XDG_CONFIG_HOME), else `~/.config/switchboard/themes`.
    public static func userDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return trimmed(config) + "/switchboard/themes"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return trimmed(home) + "/.config/switchboard/themes"
        }
        return nil
    }

    private static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path == "/" ? "" : path
    }

    /// Resolves `requested` (from `--theme` or `SWITCHBOARD_THEME`, nil for
    /// the default). `NO_COLOR` (set and non-empty) always gives the
    /// monochrome theme. A name with a `/` or ending in `.json` is a path to a
    /// theme file. `readFile` returns a file's text, or nil when it does not
    /// exist; it throws when it exists but can't be read.
    public static func resolve(
        requested: String?,
        environment: [String: String],
        readFile: (String) throws -> String? = ThemeCatalog.readFile
    ) -> Resolution {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return Resolution(theme: .monochrome, warning: nil, path: nil)
        }
        let name = requested?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty { return Resolution(theme: .default, warning: nil, path: nil) }

        if name.contains("/") || name.hasSuffix(".json") {
            // Only theme files are read: `--theme ../../etc/passwd` (or any other
            // file) is not opened, so nothing of it can reach a warning.
            guard name.lowercased().hasSuffix(".json") else {
                return Resolution(theme: .default, warning: "'\(name)' is not a theme file (a theme path must end in .json); using the default theme", path: nil)
            }
            return load(path: name, readFile: readFile, missing: "theme file \(name) does not exist")
        }
        guard isPlainName(name) else {
            return Resolution(theme: .default, warning: "'\(name)' is not a theme name; using the default theme", path: nil)
        }
        if let directory = userDirectory(environment: environment) {
            let path = "\(directory)/\(name).json"
            let resolution = load(path: path, readFile: readFile, missing: nil)
            if resolution.path != nil || resolution.warning != nil { return resolution }
        }
        if let theme = builtin(name) { return Resolution(theme: theme, warning: nil, path: nil) }
        let known = builtinNames.joined(separator: ", ")
        let place = userDirectory(environment: environment).map { " or \($0)/\(name).json" } ?? ""
        return Resolution(
            theme: .default,
            warning: "no theme '\(name)' (built-in: \(known)\(place.isEmpty ? "" : "; looked for" + place)); using the default theme",
            path: nil
        )
    }

    /// Loads a theme file. A missing file gives the default theme with
    /// `missing` as the warning (nil: no warning and no path, so the caller
    /// looks elsewhere).
    private static func load(path: String, readFile: (String) throws -> String?, missing: String?) -> Resolution {
        let text: String?
        do {
            text = try readFile(path)
        } catch let error as ThemeError {
            return Resolution(theme: .default, warning: "\(error); using the default theme", path: nil)
        } catch {
            return Resolution(theme: .default, warning: "\(path): can't be read (\(error)); using the default theme", path: nil)
        }
        guard let text else {
            return Resolution(theme: .default, warning: missing.map { "\($0); using the default theme" }, path: nil)
        }
        do {
            let theme = try Theme.parse(json: text, file: path)
            return Resolution(theme: theme, warning: nil, path: path)
        } catch {
            return Resolution(theme: .default, warning: "\(error); using the default theme", path: nil)
        }
    }

    private static func isPlainName(_ name: String) -> Bool {
        !name.hasPrefix(".") && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// The names of every theme that can be asked for: built-ins and the
    /// user's files (`listDirectory` returns a folder's file names).
    public static func availableNames(
        environment: [String: String],
        listDirectory: (String) -> [String] = { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }
    ) -> [String] {
        var names = Set(builtinNames)
        if let directory = userDirectory(environment: environment) {
            for file in listDirectory(directory) where file.hasSuffix(".json") && !file.hasPrefix(".") {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// Reads a UTF-8 file; nil when it does not exist.
    public static func readFile(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, key: nil, problem: "not UTF-8 text")
        }
        return text
    }
}
