import ArgumentParser

/// Opens the console. Until the console is built into this binary, running
/// `switchboard` with no subcommand prints the help.
enum ConsoleLauncher {
    static func launch(store: StoreOptions, console: ConsoleOptions) throws {
        print(SwitchboardCommand.helpMessage())
    }
}
