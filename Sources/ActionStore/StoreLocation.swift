/// Where the store lives when nobody says: `--store PATH`, else
/// `$SWITCHBOARD_STORE`, else `$XDG_DATA_HOME/switchboard/switchboard.sqlite`,
/// else `~/.local/share/switchboard/switchboard.sqlite`.
public enum StoreLocation {
    public static let fileName = "switchboard.sqlite"

    public static func resolve(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return expandTilde(explicit, environment: environment) }
        if let fromEnvironment = environment["SWITCHBOARD_STORE"], !fromEnvironment.isEmpty {
            return expandTilde(fromEnvironment, environment: environment)
        }
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return dataHome + "/switchboard/" + fileName
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return home + "/.local/share/switchboard/" + fileName
    }

    static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] else { return path }
        return home + path.dropFirst()
    }
}
