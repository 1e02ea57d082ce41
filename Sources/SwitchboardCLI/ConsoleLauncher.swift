import ActionStore
import ConsoleRuntime
import Foundation
import Terminal

/// `switchboard` with no subcommand: the console on the store.
enum ConsoleLauncher {
    static func launch(store: StoreOptions, console: ConsoleOptions) throws {
        let opened = try store.open()
        // The console owns the webhook dispatcher: deliveries left pending by
        // earlier runs go out while it is open; on quit, those in flight get
        // up to 3 s and the rest stay pending for the next start.
        let webhooks = ConsoleWebhooks(store: opened) { store, onChange in WebhookRuntime.make(store: store, onChange: onChange) }
        webhooks.startIfNeeded()
        defer { webhooks.finish(wait: .seconds(3), using: { await WebhookRuntime.finish($0, wait: $1) }) }
        do {
            let status = try ConsoleRuntime.run(
                store: opened, services: ConsoleServices(store: opened, webhooks: webhooks), themeName: console.theme,
                environment: ProcessInfo.processInfo.environment)
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
