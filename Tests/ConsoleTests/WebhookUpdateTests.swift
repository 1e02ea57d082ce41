import ActionModel
import Screen
import XCTest
@testable import Console

/// The Webhooks page, its form, the delivery log and the call view's
/// deliveries, through `Console.update`.
final class WebhookUpdateTests: XCTestCase {
    var state = WebhookFixtures.state()
    let crm = WebhookFixtures.crmSync

    func testF6OpensTheSectionAndReadsTheWebhooks() {
        var fresh = PageFixtures.state()
        XCTAssertEqual(fresh.press(.function(6)), [.webhooks(.load)])
        XCTAssertEqual(fresh.section, .webhooks)
        XCTAssertEqual(Section.webhooks.title, "Webhooks")
        XCTAssertEqual(state.webhooks.selectedWebhook, crm)
        XCTAssertEqual(state.webhooks.definedSecrets, ["CRM_WEBHOOK_KEY", "OPENAI_KEY"])
    }

    // MARK: The form

    func testANewWebhookIsCheckedFieldByFieldThenInserted() {
        state.press(.character("n"))
        XCTAssertEqual(state.press(.ctrl("s")), [], "nothing is saved while fields need fixing")
        var form = try! XCTUnwrap(state.webhooks.form)
        XCTAssertEqual(form.errors[.label], "give the webhook a label, e.g. \"CRM sync\"")
        XCTAssertEqual(form.errors[.url], Webhook.urlProblem(""))
        XCTAssertEqual(form.focus, .label, "the first field that needs fixing")
        XCTAssertEqual(form.message, "Not saved: 2 fields need fixing.")

        state.type("Billing export")
        XCTAssertNil(state.webhooks.form?.errors[.label], "the message goes once the value is fixed")
        state.press(.down)
        state.type("billing.example.com/hooks")
        state.press(.down)
        XCTAssertEqual(state.webhooks.form?.errors[.url], Webhook.urlProblem("billing.example.com/hooks"))
        state.press(.up, .home)
        state.type("https://")
        // Events: call_ended is ticked for a new webhook; tick transcript too (the 6th row).
        state.press(.down, .end, .up, .character(" "), .tab)
        state.type("BILLING_KEY")
        let effects = state.press(.ctrl("s"))
        guard case let .webhooks(.insert(webhook))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(webhook.label, "Billing export")
        XCTAssertEqual(webhook.url, "https://billing.example.com/hooks")
        XCTAssertEqual(webhook.events, [.callEnded, .transcript])
        XCTAssertEqual(webhook.secretName, "BILLING_KEY")
        XCTAssertTrue(webhook.isEnabled)
        form = try! XCTUnwrap(state.webhooks.form)
        XCTAssertEqual(form.secretNote, "BILLING_KEY is not defined yet: deliveries fail until it is (switchboard secrets set BILLING_KEY)",
                       "an undefined secret is a note, not an error: the webhook can be saved first")

        var saved = webhook
        saved.version = 1
        state.send(.webhooks(.saved(saved)))
        XCTAssertFalse(state.webhooks.form?.isDirty ?? true)
        XCTAssertEqual(state.webhooks.entries.map(\.webhook.label), ["CRM sync", "On-call pager", "Local recorder", "Billing export"])
    }

    func testLabelsAreUniqueEventsNeededAndASecretValueIsRefusedWithoutEchoingIt() {
        state.press(.character("n"))
        state.type("crm SYNC")
        state.press(.down)
        state.type("https://x.example.com")
        state.press(.down, .down, .character(" "), .tab)
        state.type("c2VjcmV0LWtleQ==")
        XCTAssertEqual(state.press(.ctrl("s")), [])
        let form = try! XCTUnwrap(state.webhooks.form)
        XCTAssertEqual(form.errors[.label], "a webhook labelled 'crm SYNC' already exists; pick another label")
        XCTAssertEqual(form.errors[.events], "tick at least one event (Space); call_ended is the usual choice")
        XCTAssertEqual(form.errors[.secret], Webhook.secretNameProblem("c2VjcmV0LWtleQ=="))
        XCTAssertFalse(form.errors[.secret]!.contains("c2VjcmV0"), "a pasted value is never repeated back")
        XCTAssertNil(form.secretNote)
        state.press(.character("a"))
        XCTAssertEqual(state.webhooks.form?.events, [], "focus is on the label: a is typed there")
    }

    func testAllOrNoneAndEnabledToggleInTheForm() {
        state.press(.enter, .tab, .tab)
        XCTAssertEqual(state.webhooks.form?.focus, .events)
        state.press(.character("a"))
        XCTAssertEqual(state.webhooks.form?.events, WebhookEventType.subscribable)
        state.press(.tab, .tab, .character(" "))
        XCTAssertEqual(state.webhooks.form?.isEnabled, false)
        let effects = state.press(.ctrl("s"))
        guard case let .webhooks(.update(webhook))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(webhook.version, crm.version, "an update carries the version it read")
        XCTAssertFalse(webhook.isEnabled)
        XCTAssertEqual(webhook.events.count, 7)
    }

    func testEscAsksBeforeDiscardingAndQuitAsksToo() {
        state.press(.character("n"))
        state.type("x")
        state.press(.escape)
        XCTAssertEqual(state.webhooks.form?.question, .discard)
        state.press(.character("n"))
        XCTAssertNil(state.webhooks.form?.question)
        XCTAssertEqual(state.press(.ctrl("c")), [])
        XCTAssertEqual(state.overlay, .confirmQuit, "quitting asks first with unsaved changes")
        state.press(.escape, .escape, .character("y"))
        XCTAssertNil(state.webhooks.form)
    }

    func testAConflictOffersOverwriteReloadAndSaveAsNew() {
        state.press(.enter)
        state.type(" 2")
        guard case let .webhooks(.update(mine))? = state.press(.ctrl("s")).first else { return XCTFail() }
        var theirs = crm
        theirs.version = 5
        theirs.url = "https://theirs.example.com"
        state.send(.webhooks(.failed(WebhookFailure(reason: .conflict(current: theirs), message: "changed", webhookID: crm.id))))
        XCTAssertEqual(state.webhooks.form?.question, .conflict(current: theirs))
        guard case let .webhooks(.update(overwrite))? = state.press(.character("o")).first else { return XCTFail() }
        XCTAssertEqual(overwrite.version, 5, "overwrite saves mine at their version")
        XCTAssertEqual(overwrite.label, mine.label)

        state.send(.webhooks(.failed(WebhookFailure(reason: .conflict(current: theirs), message: "changed", webhookID: crm.id))))
        state.press(.character("r"))
        XCTAssertEqual(state.webhooks.form?.url.text, "https://theirs.example.com")
        XCTAssertEqual(state.webhooks.form?.message, "Reloaded 'CRM sync' (version 5).")

        state.type("x")
        _ = state.press(.ctrl("s"))
        state.send(.webhooks(.failed(WebhookFailure(reason: .conflict(current: nil), message: "gone", webhookID: crm.id))))
        guard case let .webhooks(.insert(asNew))? = state.press(.character("s")).first else { return XCTFail() }
        XCTAssertNotEqual(asNew.id, crm.id)
        XCTAssertEqual(asNew.version, 1)
    }

    /// Keys typed after Ctrl-S survive the save's answer and stay unsaved; a
    /// second Ctrl-S meanwhile waits and goes at the version the first got.
    func testWebhookEditsMadeWhileASaveIsInFlightSurviveAndASecondSaveWaits() {
        state.press(.enter)
        state.type(" 2")
        guard case let .webhooks(.update(first))? = state.press(.ctrl("s")).first else { return XCTFail("no save") }
        state.type("b")  // before the store answered
        var stored = first
        stored.version = crm.version + 1
        XCTAssertEqual(state.send(.webhooks(.saved(stored))), [])
        XCTAssertEqual(state.webhooks.form?.label.text, "CRM sync 2b")
        XCTAssertEqual(state.webhooks.form?.isDirty, true, "the 'b' typed meanwhile is not saved yet")
        state.press(.escape)
        XCTAssertEqual(state.webhooks.form?.question, .discard, "Esc asks instead of dropping it")
        state.press(.escape)

        guard case let .webhooks(.update(second))? = state.press(.ctrl("s")).first else { return XCTFail("no save") }
        XCTAssertEqual(second.version, stored.version, "carries the version the first save got")
        state.type("c")
        XCTAssertEqual(state.press(.ctrl("s")), [], "waits for the save under way")
        var storedSecond = second
        storedSecond.version += 1
        let effects = state.send(.webhooks(.saved(storedSecond)))
        guard case let .webhooks(.update(third))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(third.label, "CRM sync 2bc")
        XCTAssertEqual(third.version, storedSecond.version, "no false conflict")
        var storedThird = third
        storedThird.version += 1
        XCTAssertEqual(state.send(.webhooks(.saved(storedThird))), [])
        XCTAssertEqual(state.webhooks.form?.isDirty, false)

        // Two Ctrl-S with nothing typed between: one save, and the answer is the whole story.
        state.type("d")
        guard case let .webhooks(.update(only))? = state.press(.ctrl("s")).first else { return XCTFail("no save") }
        XCTAssertEqual(state.press(.ctrl("s")), [])
        var storedOnly = only
        storedOnly.version += 1
        XCTAssertEqual(state.send(.webhooks(.saved(storedOnly))), [])
        XCTAssertEqual(state.webhooks.form?.isDirty, false)
    }

    // MARK: The list

    func testSpaceTogglesEnabledAtTheVersionRead() {
        guard case let .webhooks(.update(webhook))? = state.press(.character(" ")).first else { return XCTFail() }
        XCTAssertFalse(webhook.isEnabled)
        XCTAssertEqual(webhook.version, crm.version)
        XCTAssertEqual(state.status?.text, "Disabling 'CRM sync'…")
        // Changed elsewhere meanwhile: say so and show it as it is now.
        let effects = state.send(.webhooks(.failed(WebhookFailure(reason: .conflict(current: crm), message: "webhook 'CRM sync' was changed elsewhere"))))
        XCTAssertEqual(effects, [.webhooks(.load)])
        XCTAssertEqual(state.status?.kind, .error)
    }

    func testTSendsATestAndTheOutcomeReachesTheStatusLine() {
        XCTAssertEqual(state.press(.character("t")), [.dispatcher(.sendTestDelivery(crm))])
        var delivered = WebhookFixtures.log[0].delivery
        delivered.webhookID = crm.id
        state.send(.deliveries(.testFinished(delivered)))
        XCTAssertEqual(state.status, StatusMessage("Test delivery to 'CRM sync' delivered (HTTP 204)", kind: .success, ticks: StatusMessage.lifetime * 3))
        var failed = delivered
        failed.status = .failed
        failed.lastError = "connection refused"
        state.send(.deliveries(.testFinished(failed)))
        XCTAssertEqual(state.status?.text, "Test delivery to 'CRM sync' failed: connection refused; fix the URL or the receiver and press t again")
        XCTAssertEqual(state.status?.kind, .error)
    }

    func testDeleteAsksFirst() {
        XCTAssertEqual(state.press(.character("d")), [])
        XCTAssertEqual(state.webhooks.confirmDelete, crm)
        XCTAssertEqual(state.press(.function(4)), [], "the question holds every key")
        XCTAssertEqual(state.press(.character("y")), [.webhooks(.delete(crm))])
        state.send(.webhooks(.deleted(crm.id)))
        XCTAssertEqual(state.webhooks.entries.count, 2)
        XCTAssertEqual(state.status?.text, "Deleted webhook 'CRM sync' and its delivery log")
    }

    func testFilterFindsByEventAndSecret() {
        state.press(.character("/"))
        state.type("pager_key")
        XCTAssertEqual(state.webhooks.visible.map { state.webhooks.entries[$0].webhook.label }, ["On-call pager"])
        state.press(.escape)
        XCTAssertEqual(state.webhooks.visible.count, 3)
    }

    func testAReadOnlyStoreRefusesEveryChangeButShowsTheLog() {
        state = WebhookFixtures.state(readOnly: true)
        for key: Key in [.character("n"), .enter, .character("d"), .character(" "), .character("t")] {
            XCTAssertEqual(state.press(key), [], "\(key)")
            XCTAssertEqual(state.status?.kind, .error, "\(key)")
            XCTAssertTrue(state.status?.text.hasPrefix("Read-only store: can't") ?? false, "\(key)")
        }
        XCTAssertNil(state.webhooks.form)
        XCTAssertNil(state.webhooks.confirmDelete)
        XCTAssertEqual(state.press(.character("l")), [.deliveries(.load(.webhook(crm.id)))])
        state.send(.deliveries(.loaded(.webhook(crm.id), WebhookFixtures.log)))
        state.press(.down)
        XCTAssertEqual(state.press(.character("r")), [])
        XCTAssertEqual(state.status?.text, "Read-only store: can't re-send deliveries")
    }

    // MARK: The delivery log

    func openLog() {
        XCTAssertEqual(state.press(.character("l")), [.deliveries(.load(.webhook(crm.id)))])
        state.send(.deliveries(.loaded(.webhook(crm.id), WebhookFixtures.log)))
    }

    func testTheLogResendsOnlyFailedDeliveries() {
        openLog()
        XCTAssertEqual(state.press(.character("r")), [], "the first row was delivered")
        XCTAssertEqual(state.status?.text, "whd_0000000000000005 was delivered; only failed deliveries can be re-sent")
        state.press(.down, .down, .down)
        XCTAssertEqual(state.press(.character("r")), [], "retrying: still pending")
        XCTAssertTrue(state.status?.text.contains("still pending") ?? false)
        state.press(.down)
        XCTAssertEqual(state.press(.character("r")), [.dispatcher(.resendDelivery(WebhookFixtures.deliveryID(1)))])
        var resent = WebhookFixtures.log[4].delivery
        resent.status = .pending
        let effects = state.send(.deliveries(.resent(resent)))
        XCTAssertEqual(effects, [.deliveries(.load(.webhook(crm.id))), .webhooks(.load)], "the log and the counts are read again")
        XCTAssertEqual(state.status?.text, "Re-sending whd_0000000000000001 (transcript) to 'CRM sync': up to 4 more attempts")
    }

    func testEnterShowsAttemptsAndEscGoesBack() {
        openLog()
        state.press(.down)
        XCTAssertEqual(state.press(.enter), [.deliveries(.open(WebhookFixtures.deliveryID(4)))])
        state.send(.deliveries(.opened(WebhookFixtures.log[1], WebhookFixtures.attempts)))
        XCTAssertEqual(state.webhooks.log?.detail?.attempts.count, 4)
        XCTAssertEqual(state.press(.character("r")), [.dispatcher(.resendDelivery(WebhookFixtures.deliveryID(4)))], "re-send from the attempts too")
        // A live change re-reads the open delivery as well.
        XCTAssertEqual(state.send(.deliveries(.changed)),
                       [.deliveries(.load(.webhook(crm.id))), .deliveries(.open(WebhookFixtures.deliveryID(4))), .webhooks(.load)])
        state.press(.escape)
        XCTAssertNil(state.webhooks.log?.detail)
        state.press(.escape)
        XCTAssertNil(state.webhooks.log)
    }

    func testALiveReloadKeepsTheCursorOnTheSameDelivery() {
        openLog()
        state.press(.down, .down)
        XCTAssertEqual(state.webhooks.log?.selectedEntry?.delivery.id, WebhookFixtures.deliveryID(3))
        let newer = WebhookFixtures.entry(9, .callEnded, call: nil, at: PageFixtures.time(12, 0), status: .pending, attempts: 0, http: nil,
                                          error: nil, ms: nil)
        state.send(.deliveries(.loaded(.webhook(crm.id), [newer] + WebhookFixtures.log)))
        XCTAssertEqual(state.webhooks.log?.selection, 3)
        XCTAssertEqual(state.webhooks.log?.selectedEntry?.delivery.id, WebhookFixtures.deliveryID(3))
        // Another webhook's log arriving late changes nothing.
        state.send(.deliveries(.loaded(.webhook(WebhookFixtures.pager.id), [])))
        XCTAssertEqual(state.webhooks.log?.entries.count, 6)
    }

    func testDeliveriesChangedReadsOnlyWhatIsOnScreen() {
        XCTAssertEqual(state.send(.deliveries(.changed)), [.webhooks(.load)], "the list's counts")
        state.press(.function(2))
        XCTAssertEqual(state.send(.deliveries(.changed)), [], "nothing about deliveries is on the Actions page")
    }

    // MARK: The call view

    func testTheCallViewReadsItsDeliveriesAndResendsAFailedOne() {
        state.press(.function(4), .enter)
        let call = PageFixtures.ticketCall
        XCTAssertEqual(state.send(.calls(.opened(call, PageFixtures.events(for: call)))), [.deliveries(.load(.call(call.id)))])
        state.send(.deliveries(.loaded(.call(call.id), WebhookFixtures.ticketCallDeliveries)))
        XCTAssertEqual(state.calls.view?.selectedDelivery?.delivery.status, .failed, "starts on the failed one")
        state.send(.deliveries(.loaded(.call(CallID.generate()), [])))
        XCTAssertEqual(state.calls.view?.deliveries, WebhookFixtures.ticketCallDeliveries, "another call's deliveries are not this one's")
        XCTAssertEqual(state.press(.character("r")), [.dispatcher(.resendDelivery(WebhookFixtures.deliveryID(4)))])
        state.press(.character("]"))
        XCTAssertEqual(state.calls.view?.deliverySelection, 1)
        XCTAssertEqual(state.press(.character("r")), [], "delivered: nothing to re-send")
        XCTAssertEqual(state.send(.deliveries(.changed)), [.deliveries(.load(.call(call.id)))])
        state.press(.character("]"), .character("]"), .character("]"))
        XCTAssertEqual(state.calls.view?.deliverySelection, 2, "stops at the last")
    }

    func testPaletteOffersTheWebhookCommandsOnTheirPage() {
        state.press(.character(":"))
        let titles = Command.matching("", in: state).map { $0.title(in: state) }
        XCTAssertTrue(titles.contains("Send a test delivery"))
        XCTAssertTrue(titles.contains("Reload webhooks"))
        XCTAssertFalse(titles.contains("New agent"))
    }
}
