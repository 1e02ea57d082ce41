import ActionModel
import ActionStore
import Console
import Foundation
import Webhooks

// The store and dispatcher work of the Webhooks page and the delivery logs
// (a webhook's, and the call view's): one handler per effect enum.

extension ConsoleRuntime {
    /// How many deliveries a log reads (newest first).
    static let deliveryLogLimit = 500

    /// Performs a webhooks effect; the message to send back.
    static func performWebhooksEffect(_ effect: WebhooksEffect, on store: ActionStore) -> WebhooksMessage {
        switch effect {
        case .load:
            do {
                let webhooks = try store.allWebhooks()
                let counts = try store.deliveryCounts()
                // Names only. When they can't be read, every named secret
                // counts as defined, so no webhook gets a false "not defined" note.
                let secrets = (try? store.allSecretDefinitions().map(\.name)) ?? webhooks.compactMap(\.secretName)
                return .loaded(webhooks.map {
                    WebhookListEntry(webhook: $0, pendingCount: counts[$0.id]?.pending ?? 0, failedCount: counts[$0.id]?.failed ?? 0)
                }, definedSecrets: secrets)
            } catch {
                return .failed(WebhookFailure(reason: .other, message: "Webhooks could not be read: \(error.message)"))
            }
        case let .insert(webhook):
            do { return .saved(try store.insert(webhook)) } catch { return .failed(webhookFailure(error, webhookID: webhook.id)) }
        case let .update(webhook):
            do {
                return .saved(try store.update(webhook))
            } catch {
                return .failed(webhookFailure(error, webhookID: webhook.id, updating: webhook, in: store))
            }
        case let .delete(webhook):
            do {
                try store.delete(webhook: webhook)
                return .deleted(webhook.id)
            } catch {
                return .failed(webhookFailure(error, webhookID: webhook.id))
            }
        }
    }

    /// Performs a delivery log read; the message to send back.
    static func performDeliveriesEffect(_ effect: DeliveriesEffect, on store: ActionStore) -> ConsoleMessage? {
        switch effect {
        case let .load(scope):
            do {
                let deliveries: [WebhookDelivery]
                switch scope {
                case let .webhook(id): deliveries = try store.deliveries(webhook: id, limit: deliveryLogLimit)
                case let .call(id): deliveries = try store.deliveries(callID: id.rawValue, limit: deliveryLogLimit)
                }
                return .deliveries(.loaded(scope, try logEntries(deliveries, store)))
            } catch {
                return .webhooks(.failed(WebhookFailure(reason: .other, message: "Webhook deliveries could not be read: \(error.message)")))
            }
        case let .open(id):
            do {
                guard let delivery = try store.delivery(id: id) else {
                    return .webhooks(.failed(WebhookFailure(reason: .notFound, message: "Delivery \(id) is gone (its webhook was deleted)")))
                }
                let attempts = try store.attempts(for: id)
                guard let entry = try logEntries([delivery], store).first else { return nil }
                return .deliveries(.opened(entry, attempts))
            } catch {
                return .webhooks(.failed(WebhookFailure(reason: .other, message: "Delivery \(id) could not be read: \(error.message)")))
            }
        }
    }

    /// Deliveries as log rows: their webhook's label and last attempt's duration.
    static func logEntries(_ deliveries: [WebhookDelivery], _ store: ActionStore) throws(StoreError) -> [DeliveryLogEntry] {
        let labels = Dictionary(try store.allWebhooks().map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let durations = try store.lastAttemptDurations(for: deliveries.map(\.id))
        return deliveries.map {
            DeliveryLogEntry(delivery: $0, webhookLabel: labels[$0.webhookID] ?? $0.webhookID.rawValue, lastDurationMilliseconds: durations[$0.id])
        }
    }

    /// Sends a test delivery or re-sends a failed one through the console's
    /// dispatcher (started if it isn't); the message to send back.
    static func performDispatcherEffect(_ effect: DispatcherEffect, webhooks: ConsoleWebhooks) async -> ConsoleMessage {
        guard let dispatcher = await webhooks.dispatcher() else {
            return .webhooks(.failed(WebhookFailure(
                reason: webhooks.store.isReadOnly ? .readOnly : .other,
                message: webhooks.store.isReadOnly ? "Read-only store: webhook deliveries can't be sent from it"
                    : "Webhook deliveries can't be sent: the console is closing")))
        }
        switch effect {
        case let .sendTestDelivery(webhook):
            do {
                let queued = try await dispatcher.sendTest(to: webhook)
                // One attempt (tests are not retried), so its timeout bounds the wait.
                let finished = await dispatcher.waitUntilFinished(queued.id, timeout: dispatcher.policy.timeout + .seconds(2))
                return .deliveries(.testFinished(finished ?? queued))
            } catch {
                return .webhooks(.failed(WebhookFailure(
                    reason: .other, message: "The test delivery to '\(webhook.label)' could not be queued: \(describe(error))", webhookID: webhook.id)))
            }
        case let .resendDelivery(id):
            do {
                return .deliveries(.resent(try await dispatcher.resend(id)))
            } catch {
                return .webhooks(.failed(WebhookFailure(reason: .other, message: "Not re-sent: \(describe(error))")))
            }
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? StoreError {
            if case let .webhookInvalid(problems) = error { return problems.joined(separator: "; ") }
            return error.message
        }
        return "\(error)"
    }

    /// A webhook store error for the console; a conflict carries the webhook
    /// as stored now (nil when it was deleted), read again here.
    static func webhookFailure(_ error: StoreError, webhookID: WebhookID?, updating webhook: Webhook? = nil,
                               in store: ActionStore? = nil) -> WebhookFailure {
        switch error {
        case .webhookConflict:
            let current = webhook.flatMap { webhook in store.flatMap { try? $0.webhook(id: webhook.id) } }
            return WebhookFailure(reason: .conflict(current: current), message: error.message, webhookID: webhookID)
        case .notFound where webhook != nil:
            // Updating a webhook that is gone: the same choice as a conflict.
            return WebhookFailure(reason: .conflict(current: nil), message: error.message, webhookID: webhookID)
        case .notFound:
            return WebhookFailure(reason: .notFound, message: error.message, webhookID: webhookID)
        case .readOnly:
            return WebhookFailure(reason: .readOnly, message: error.message, webhookID: webhookID)
        case let .webhookInvalid(problems):
            return WebhookFailure(reason: .invalid, message: problems.joined(separator: "; "), webhookID: webhookID)
        default:
            return WebhookFailure(reason: .other, message: error.message, webhookID: webhookID)
        }
    }
}
