import ActionModel
import ActionStore
import ArgumentParser
import Foundation
import Webhooks

struct WebhooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Webhooks: URLs told about simulated calls as they happen, and their delivery log.",
        discussion: """
            Events: \(WebhookEventType.subscribableList). Each delivery is \
            POST {"event","call_id","timestamp","data"} with X-Switchboard-Delivery (unique per delivery), \
            X-Switchboard-Event, and x-vocode-signature when the webhook names a signing secret. \
            Connection errors, timeouts and 5xx are retried (at most 3 times, waiting 1, 2, 4 s); 4xx are not. \
            Details: docs/webhooks.md.

            Signing secrets are given by NAME (--secret CRM_KEY): a secret like those actions use, set with \
            `switchboard secrets set CRM_KEY` (its value, the base64 key, is looked up when a delivery is signed).
            """,
        subcommands: [List.self, Show.self, Create.self, Edit.self, Delete.self, Test.self, Deliveries.self, Resend.self, SendPending.self]
    )

    /// The fields create and edit share.
    struct WebhookFields: ParsableArguments {
        @Option(help: ArgumentHelp("A name for people, unique in the store.", valueName: "text")) var label: String?
        @Option(help: ArgumentHelp("The absolute http(s) URL deliveries are POSTed to.", valueName: "url")) var url: String?
        @Option(help: ArgumentHelp("An event to subscribe to (repeatable, or comma-separated; replaces the list in edit): \(WebhookEventType.subscribableList).", valueName: "name"))
        var event: [String] = []
        @Option(help: ArgumentHelp("The NAME of the signing secret, set with `switchboard secrets set NAME` (the value is never stored here).", valueName: "name"))
        var secret: String?

        func events() throws -> [WebhookEventType]? {
            guard !event.isEmpty else { return nil }
            var parsed: [WebhookEventType] = []
            for name in event.flatMap({ $0.split(separator: ",").map(String.init) }) {
                switch WebhookEventType.parse(name) {
                case let .success(type): parsed.append(type)
                case let .failure(error): throw CLIError.invalid("--event: \(error)")
                }
            }
            return parsed
        }

        func apply(to webhook: inout Webhook) throws {
            if let label { webhook.label = label }
            if let url {
                if let problem = Webhook.urlProblem(url) { throw CLIError.invalid("--url: \(problem)") }
                webhook.url = url
            }
            if let events = try events() { webhook.events = WebhookEventType.normalized(events) }
            if let secret {
                if let problem = Webhook.secretNameProblem(secret) { throw CLIError.invalid("--secret: \(problem)") }
                webhook.secretName = secret
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the webhooks.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let webhooks = try store.open().allWebhooks()
            if json { output(JSONValue.array(webhooks.map(WebhookDocument.json)).prettyText); return }
            if webhooks.isEmpty {
                output("No webhooks yet. Add one: switchboard webhooks create --label \"CRM sync\" --url https://example.com/hooks --event call_ended")
                return
            }
            output(WebhookText.table(webhooks))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a webhook and its latest deliveries.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The webhook's ID (wh_…) or label.", valueName: "id-or-label")) var reference: String
        @Option(parsing: .unconditional, help: ArgumentHelp("How many recent deliveries to show.", valueName: "n")) var limit = 10

        func validate() throws {
            if limit < 0 { throw ValidationError("--limit must be 0 or more (got \(limit))") }
        }
        @Flag(help: "Print JSON (the webhook with its recent deliveries).") var json = false

        func run() throws {
            let opened = try store.open()
            let webhook = try opened.webhook(reference: reference)
            let recent = try opened.deliveries(webhook: webhook.id, limit: max(0, limit))
            if json {
                var object = WebhookDocument.json(webhook).objectValue!
                object["pending_count"] = .integer(try opened.pendingDeliveryCount(webhook: webhook.id))
                object["recent_deliveries"] = .array(recent.map { WebhookDocument.json($0, attempts: nil) })
                output(JSONValue.object(object).prettyText)
                return
            }
            var text = WebhookText.details(webhook)
            text += "\nPending   \(try opened.pendingDeliveryCount(webhook: webhook.id))\n\n"
            text += recent.isEmpty ? "No deliveries yet." : "Recent deliveries:\n" + WebhookText.deliveries(recent, labels: [webhook.id: webhook.label], attempts: nil)
            output(text)
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a webhook.",
            discussion: "Example: switchboard webhooks create --label \"CRM sync\" --url https://example.com/hooks --event call_ended --event transcript --secret CRM_KEY")
        @OptionGroup var store: StoreOptions
        @OptionGroup var fields: WebhookFields
        @Flag(help: "Create it disabled (nothing is sent until `webhooks edit ID --enable`).") var disabled = false
        @Flag(help: "Print the webhook as JSON.") var json = false

        func run() throws {
            guard let label = fields.label else { throw CLIError.invalid("--label is required: name the webhook, e.g. --label \"CRM sync\"") }
            guard let url = fields.url else { throw CLIError.invalid("--url is required: the URL to POST to, e.g. --url https://example.com/hooks/calls") }
            guard try fields.events() != nil else {
                throw CLIError.invalid("--event is required: subscribe to at least one of \(WebhookEventType.subscribableList) (repeat --event for more)")
            }
            var webhook = Webhook(label: label, url: url, events: [], isEnabled: !disabled)
            try fields.apply(to: &webhook)
            let opened = try store.open()
            let stored = try opened.insert(webhook)
            if json { output(WebhookDocument.json(stored).prettyText); return }
            output("Created webhook '\(stored.label)' (\(stored.id)), \(stored.isEnabled ? "enabled" : "disabled"), for \(stored.events.map(\.rawValue).joined(separator: ", ")).")
            WebhooksCommand.noteSecret(stored, in: opened)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a webhook; only the options given change.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The webhook's ID (wh_…) or label.", valueName: "id-or-label")) var reference: String
        @OptionGroup var fields: WebhookFields
        @Flag(help: "Stop signing its requests (forget the secret's name).") var noSecret = false
        @Flag(help: "Send deliveries to it.") var enable = false
        @Flag(help: "Stop sending to it (new events are not queued; queued ones fail with a note and can be re-sent).") var disable = false
        @Flag(help: "Print the webhook as JSON.") var json = false

        func run() throws {
            if enable && disable { throw CLIError.invalid("--enable and --disable contradict each other; use one") }
            if noSecret && fields.secret != nil { throw CLIError.invalid("--secret and --no-secret contradict each other; use one") }
            let opened = try store.open()
            var webhook = try opened.webhook(reference: reference)
            try fields.apply(to: &webhook)
            if noSecret { webhook.secretName = nil }
            if enable { webhook.isEnabled = true }
            if disable { webhook.isEnabled = false }
            let stored = try opened.update(webhook)
            if json { output(WebhookDocument.json(stored).prettyText); return }
            output("Saved webhook '\(stored.label)' (\(stored.id)), now version \(stored.version).")
            if fields.secret != nil { WebhooksCommand.noteSecret(stored, in: opened) }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a webhook and its delivery log (pending deliveries are dropped).")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The webhook's ID (wh_…) or label.", valueName: "id-or-label")) var reference: String

        func run() throws {
            let opened = try store.open()
            let webhook = try opened.webhook(reference: reference)
            let pending = try opened.pendingDeliveryCount(webhook: webhook.id)
            try opened.delete(webhook: webhook)
            output("Deleted webhook '\(webhook.label)' (\(webhook.id))" + (pending > 0 ? ", dropping \(pending) pending deliveries." : "."))
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Send a `test` delivery now (one attempt, no retries) and print what came back.",
            discussion: "Works on disabled webhooks too. Exit code 1 when the delivery failed.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The webhook's ID (wh_…) or label.", valueName: "id-or-label")) var reference: String
        @Flag(help: "Print the delivery and its attempts as JSON.") var json = false

        func run() async throws {
            let opened = try store.open()
            let webhook = try opened.webhook(reference: reference)
            let dispatcher = await WebhookRuntime.start(store: opened)
            let queued: WebhookDelivery
            do { queued = try await dispatcher.sendTest(to: webhook) } catch {
                await dispatcher.stop()
                throw CLIError("\(error)", exitCode: 2)
            }
            let wait = dispatcher.policy.timeout + .seconds(5)
            let finished = await dispatcher.waitUntilFinished(queued.id, timeout: wait) ?? queued
            await WebhookRuntime.finish(dispatcher, wait: .seconds(0))
            let attempts = try opened.attempts(for: finished.id)
            if json { output(WebhookDocument.json(finished, attempts: attempts).prettyText) }
            switch finished.status {
            case .delivered:
                let took = attempts.last.map { String(format: " in %.0f ms", $0.durationMilliseconds) } ?? ""
                if !json { output("Delivered test \(finished.id) to \(webhook.url): HTTP \(finished.lastStatusCode ?? 0)\(took).") }
            case .failed:
                throw CLIError("test delivery \(finished.id) to \(webhook.url) failed: \(finished.lastError ?? "unknown error")", exitCode: 1)
            case .pending:
                throw CLIError("test delivery \(finished.id) is still pending after \(wait.components.seconds) s (earlier deliveries to this webhook go first); `switchboard webhooks deliveries --webhook \(webhook.id)` shows it", exitCode: 1)
            }
        }
    }

    struct Deliveries: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deliveries",
            abstract: "The delivery log, newest first: event, attempts, status, time, last error.",
            discussion: "Examples:\n  switchboard webhooks deliveries --webhook \"CRM sync\" --attempts\n  switchboard webhooks deliveries --call call_… --json")
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("Only this webhook's (ID or label).", valueName: "id-or-label")) var webhook: String?
        @Option(help: ArgumentHelp("Only this call's (call_…).", valueName: "id")) var call: String?
        @Option(help: ArgumentHelp("Only pending, delivered or failed ones.", valueName: "status")) var status: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("At most this many.", valueName: "n")) var limit = 50

        func validate() throws {
            if limit < 0 { throw ValidationError("--limit must be 0 or more (got \(limit))") }
        }
        @Flag(help: "List each attempt under its delivery.") var attempts = false
        @Flag(help: "Print JSON (attempts included).") var json = false

        func run() throws {
            let opened = try store.open()
            let hook = try webhook.map { try opened.webhook(reference: $0) }
            if let call, CallID(call) == nil {
                throw CLIError.invalid("--call: '\(call)' is not a call ID (call_ and 16 characters); `switchboard calls list` shows them")
            }
            var wanted: WebhookDelivery.Status?
            if let status {
                guard let parsed = WebhookDelivery.Status(rawValue: status.lowercased()) else {
                    throw CLIError.invalid("--status: '\(status)' is not a delivery status; use pending, delivered or failed")
                }
                wanted = parsed
            }
            let found = try opened.deliveries(webhook: hook?.id, callID: call.flatMap(CallID.init)?.rawValue, status: wanted, limit: max(0, limit))
            var log: [DeliveryID: [DeliveryAttempt]] = [:]
            if json || attempts { for delivery in found { log[delivery.id] = try opened.attempts(for: delivery.id) } }
            if json { output(JSONValue.array(found.map { WebhookDocument.json($0, attempts: log[$0.id]) }).prettyText); return }
            if found.isEmpty { output("No deliveries match."); return }
            let labels = Dictionary(try opened.allWebhooks().map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
            output(WebhookText.deliveries(found, labels: labels, attempts: attempts ? log : nil))
        }
    }

    struct Resend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resend",
            abstract: "Send a failed delivery again (same ID and body, a new round of attempts) and wait for the outcome.",
            discussion: "Exit code 1 when it failed again; one still retrying when --wait runs out stays pending and is sent on the next start.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The delivery's ID (whd_…); `webhooks deliveries --status failed` lists them.", valueName: "delivery-id"))
        var reference: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Seconds to wait for the outcome.", valueName: "seconds")) var wait = 10

        func validate() throws {
            if wait < 0 { throw ValidationError("--wait must be 0 or more (got \(wait))") }
        }

        func run() async throws {
            guard let id = DeliveryID(reference) else {
                throw CLIError.invalid("'\(reference)' is not a delivery ID (whd_ and 16 characters); `switchboard webhooks deliveries` lists them")
            }
            let opened = try store.open()
            let dispatcher = await WebhookRuntime.start(store: opened)
            do { try await dispatcher.resend(id) } catch {
                await dispatcher.stop()
                if let error = error as? StoreError { throw CLIError(error) }
                throw error
            }
            let finished = await dispatcher.waitUntilFinished(id, timeout: .seconds(max(0, wait)))
            await WebhookRuntime.finish(dispatcher, wait: .seconds(0))
            guard let finished else { throw CLIError("delivery \(id) disappeared (its webhook was deleted)", exitCode: 1) }
            switch finished.status {
            case .delivered: output("Delivered \(id): HTTP \(finished.lastStatusCode ?? 0) on attempt \(finished.attemptCount).")
            case .failed: throw CLIError("delivery \(id) failed again: \(finished.lastError ?? "unknown error")", exitCode: 1)
            case .pending: output("Delivery \(id) is still being retried (\(finished.lastError ?? "waiting")); it stays pending and is sent on the next start.")
            }
        }
    }

    struct SendPending: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send-pending",
            abstract: "Send the deliveries earlier runs left pending, waiting at most --wait seconds.")
        @OptionGroup var store: StoreOptions
        @Option(parsing: .unconditional, help: ArgumentHelp("Seconds to wait.", valueName: "seconds")) var wait = 30

        func validate() throws {
            if wait < 0 { throw ValidationError("--wait must be 0 or more (got \(wait))") }
        }

        func run() async throws {
            let opened = try store.open()
            let before = try opened.pendingDeliveryCount()
            if before == 0 { output("No pending deliveries."); return }
            let dispatcher = await WebhookRuntime.start(store: opened)
            await WebhookRuntime.finish(dispatcher, wait: .seconds(max(0, wait)))
            let after = try opened.pendingDeliveryCount()
            let failed = try opened.deliveries(status: .failed, limit: Int.max).count
            output("Sent \(before - after) of \(before) pending deliveries; \(after) still pending. Failed deliveries in the log: \(failed).")
            let claimed = try opened.deliveriesClaimedElsewhere()
            if claimed.count > 0, let until = claimed.until {
                // Say why they weren't sent: another running process is sending them.
                let who = claimed.pids.map(String.init).joined(separator: ", ")
                let time = ISO8601DateFormatter().string(from: until)
                output("\(claimed.count) of them \(claimed.count == 1 ? "is" : "are") being sent by another running switchboard (PID \(who)); if it stops, the next start sends them at once, else they are retried after its claim runs out at \(time).")
            }
        }
    }

    /// Where the secret's value comes from, said once when it is set.
    static func noteSecret(_ webhook: Webhook, in store: ActionStore) {
        guard let name = webhook.secretName else { return }
        let defined = ((try? store.secretDefinition(named: name)) ?? nil) != nil
        output("Deliveries are signed with secret \(name)"
               + (defined ? "." : "; it is not defined yet: set it with `switchboard secrets set \(name)` (value on standard input)."))
    }
}
