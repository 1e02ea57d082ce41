import ActionModel
import ActionStore
import ArgumentParser
import Foundation

/// `switchboard`: with no subcommand, the console; otherwise scripting commands.
///
/// Every command names itself (`commandName:`): without it ArgumentParser takes the
/// name from `String(describing: Self.self)` each time the command tree is built, at
/// every start — for each unnamed command a dynamic cast that scans the binary's
/// protocol conformances. (perf showed those scans at start-up; timed A/B, the saving
/// was within the noise, because the first scan's page faults move to the next cast.)
public struct SwitchboardCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "Author and test Custom External Actions for voice agents, in the terminal.",
        discussion: """
            Run with no subcommand to open the console on the store. Every command takes \
            --store PATH (or SWITCHBOARD_STORE), or a postgres:// URL for a store shared by a team; the default store is \
            $XDG_DATA_HOME/switchboard/switchboard.sqlite (~/.local/share/switchboard/…), \
            created on first use.

            Exit codes: 0 ok, 1 invalid input (the message names the field and the rule), \
            2 usage or store problems.
            """,
        subcommands: [ActionsCommand.self, AgentsCommand.self, CallsCommand.self, SimulateCommand.self, ModelsCommand.self, WebhooksCommand.self, SecretsCommand.self, SignaturesCommand.self, EnvironmentsCommand.self, DemoCommand.self, ServeSampleCommand.self, TestCommand.self, StoreCommand.self]
    )

    @OptionGroup public var store: StoreOptions
    @OptionGroup public var console: ConsoleOptions

    public init() {}

    public func run() throws {
        try ConsoleLauncher.launch(store: store, console: console)
    }
}

/// Where the store is and how to open it; shared by every command.
public struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file, or a postgres://USER@HOST:5432/DATABASE URL for a team store (default: $SWITCHBOARD_STORE, else $XDG_DATA_HOME/switchboard/switchboard.sqlite).", valueName: "path"))
    public var store: String?

    @Flag(name: .long, help: "Open the store for reading only: list and show work, changes are refused.")
    public var readOnly = false

    public init() {}

    /// Opens the store (a SQLite file or a postgres:// team store), refusing an empty
    /// location, another URL scheme or a missing folder first (exit 2).
    func open() throws -> ActionStore {
        let path = try StoreLocation.checked(explicit: store, environment: ProcessInfo.processInfo.environment)
        return try ActionStore.open(path: path, readOnly: readOnly)
    }
}

/// How the console looks; only the console uses these.
public struct ConsoleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Colour theme: dark (default), light, high-contrast, monochrome, or a file name in $XDG_CONFIG_HOME/switchboard/themes (also $SWITCHBOARD_THEME).", valueName: "name"))
    public var theme: String?

    public init() {}
}

/// An error with its exit code and a message for standard error.
public struct CLIError: Error, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    public init(_ error: StoreError) {
        self.init(error.message, exitCode: error.isInputProblem ? 1 : 2)
    }

    public static func invalid(_ message: String) -> CLIError { CLIError(message, exitCode: 1) }

    public var description: String { message }
}

/// The process entry point: parses, runs, and maps every failure to a
/// message on standard error and the documented exit code.
public enum SwitchboardMain {
    public static func main(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        do {
            if let unknown = unknownHelpTopic(arguments) {
                throw CLIError("no command '\(unknown)' to show help for; `switchboard help` lists the commands", exitCode: 2)
            }
            var command = try SwitchboardCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let error as CLIError {
            writeError(error.message)
            exit(error.exitCode)
        } catch let error as ExitCodeError {
            exit(error.status)
        } catch let error as StoreError {
            writeError(error.message)
            exit(error.isInputProblem ? 1 : 2)
        } catch {
            let code = SwitchboardCommand.exitCode(for: error)
            let message = SwitchboardCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { output(message) }  // --help, --version
                exit(0)
            }
            if !message.isEmpty { errorOutput(message) }
            // Usage mistakes are exit code 2, as documented (ArgumentParser says 64).
            exit(code == .validationFailure ? 2 : (code.rawValue == 1 ? 1 : 2))
        }
    }

    /// `help a b …` where `a b …` is not a command path (ArgumentParser shows the
    /// top-level help and exits 0 for it): the first word that isn't a command.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        var level: [ParsableCommand.Type] = SwitchboardCommand.configuration.subcommands
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            guard let next = level.first(where: { ($0.configuration.commandName ?? $0._commandName) == word || $0.configuration.aliases.contains(word) }) else {
                return word
            }
            level = next.configuration.subcommands
        }
        return nil
    }

    static func writeError(_ message: String) {
        errorOutput("error: " + message)
    }
}

/// Writes to standard output without Swift's print buffering surprises, with
/// control characters made visible (see `TerminalSafeText`).
func output(_ text: String) {
    let safe = TerminalSafeText.escaped(text)
    FileHandle.standardOutput.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
}

/// A line on standard error, control characters made visible like `output`.
func errorOutput(_ text: String) {
    FileHandle.standardError.write(Data((TerminalSafeText.escaped(text) + "\n").utf8))
}
