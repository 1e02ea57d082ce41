import ActionStore
import ConsoleRuntime
import Foundation
import Terminal

/// `switchboard` with no subcommand: the console on the store.
enum ConsoleLauncher {
    static func launch(store: StoreOptions, console: ConsoleOptions) throws {
        let opened = try store.open()
        // Deliveries left pending by earlier runs go out while the console is open.
        let webhooks = ConsoleWebhooks(store: opened)
        defer { webhooks.finish(wait: .seconds(3)) }
        do {
            let status = try ConsoleRuntime.run(
                store: opened, themeName: console.theme, environment: ProcessInfo.processInfo.environment)
            if status != 0 { throw ExitCodeError(status: status) }
        } catch let error as TerminalError {
            throw CLIError("\(error)", exitCode: 2)
        }
    }
}

/// A console that ended with a status other than 0.
struct ExitCodeError: Error {
    var status: Int32
}
