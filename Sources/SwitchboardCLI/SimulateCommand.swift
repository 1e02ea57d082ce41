import ActionHTTP
import ActionModel
import ActionStore
import ArgumentParser
import CallDriver
import CallSimulation
import Foundation
import SampleBackend
import Webhooks

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a simulated call without the console: you are the caller.",
        discussion: """
            The agent greets, collects the action's fields from your lines, sends the real request, \
            waits muted, and speaks the answer. Every call is saved: `switchboard calls show ID`.

            Examples:
              switchboard simulate --action create_crm_lead --say "I'm Jo" --say "jo at example dot com"
              switchboard simulate --say "I'd like to book an appointment" --say "Ada Lovelace" --say "tomorrow at 10am"
              switchboard simulate --script tests/lead.call

            A script file holds one instruction a line (# starts a comment):
              action: create_crm_lead            the action to test (or pass --action)
              agent: Front desk                  the agent (default: the default agent)
              say: my email is jo at example dot com
              expect payload: {"email": "jo@example.com", "first_name": "Jo"}
              expect said: your lead number is   (some agent line contains this, any case)
              expect event: action_completed     (an event of this type happened)
            The run prints each expectation's result and exits 1 if one failed.

            Enabled webhooks are told about the call as it happens (docs/webhooks.md). Before \
            exiting, simulate waits up to --webhook-wait seconds for deliveries in flight; the \
            rest stay pending in the store and are sent on the next start.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Start the call from this action (\"test this action\"), by ID, function name or name (as listed).", valueName: "action"))
    var action: String?
    @Option(help: ArgumentHelp("The agent, by ID or name (default: the default agent, which may use every action).", valueName: "id-or-name"))
    var agent: String?
    @Option(help: ArgumentHelp("The engine for this run: `rules` or a model's name (default: the agent's engine).", valueName: "name"))
    var model: String?
    @Option(help: ArgumentHelp("A line the caller says (repeatable, in order).", valueName: "text"))
    var say: [String] = []
    @Option(help: ArgumentHelp("A call script with lines and expectations (see above).", valueName: "file"))
    var script: String?
    @Option(help: ArgumentHelp("The environment whose variables and secret values fill in {{env.…}} and {{secret.…}} (default: the active one).", valueName: "name"))
    var env: String?
    @Flag(help: "Print the call's events as JSON instead of a transcript.") var json = false
    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds to wait for webhook deliveries after the call.", valueName: "seconds")) var webhookWait = 10

    func validate() throws {
        if webhookWait < 0 { throw ValidationError("--webhook-wait must be 0 or more (got \(webhookWait))") }
    }

    func run() async throws {
        var plan = CallScript(say: say, actionReference: action, agentReference: agent)
        if let script {
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
                throw CLIError.invalid("can't read the script \(script): no such file, or not UTF-8 text")
            }
            let parsed = try CallScript.parse(text, file: script)
            plan.say = parsed.say + say
            plan.expectations = parsed.expectations
            plan.actionReference = action ?? parsed.actionReference
            plan.agentReference = agent ?? parsed.agentReference
        }
        if plan.say.isEmpty && plan.actionReference == nil {
            throw CLIError("nothing to say: give the caller's lines with --say \"…\" (or a --script), and optionally --action", exitCode: 2)
        }

        let opened = try store.open()
        if opened.isReadOnly { throw CLIError(StoreError.readOnly(path: opened.path, reason: opened.readOnlyReason ?? "read-only")) }
        // Read before anything is started: an unknown --env is a usage problem, and throwing
        // later would leave the HTTP client and the webhook dispatcher running.
        let templates = try opened.templateContext(environment: env)
        let invoker = ActionInvoker()
        let webhooks = await WebhookRuntime.startIfNeeded(store: opened, invoker: invoker, environment: env)
        func close() async {
            if let webhooks { await WebhookRuntime.finish(webhooks, wait: .seconds(max(0, webhookWait))) }
            await invoker.shutdown()
            await SampleHost.shared.stop()
        }

        let setup = CallSetup(agentReference: plan.agentReference, actionReference: plan.actionReference, engineOverride: model, origin: "headless")
        let prepared: CallSetup.Prepared
        do {
            prepared = try setup.prepare(store: opened, templates: templates, invoker: invoker)
        } catch {
            // The call can't be placed: webhooks hear `call_did_not_connect`.
            if let webhooks { _ = try? await webhooks.enqueue(plan.didNotConnect(error)) }
            await close()
            switch error {
            case let .store(storeError): throw storeError
            case let .model(detail): throw CLIError("can't start the call: \(detail)", exitCode: 1)
            }
        }
        let actions = prepared.actions, startedFrom = prepared.startedFrom, record = prepared.record

        if !json, let environment = templates.environmentName { output("Environment: \(environment)") }
        if !json, prepared.engineName != ModelRecord.rulesEngineName { output("Engine: model \(prepared.engineName)") }
        // Say what will stop a request before the call starts, field by field (it would fail unsent anyway).
        for action in startedFrom.map({ [$0] }) ?? actions {
            for issue in templates.issues(for: action) {
                errorOutput("warning: \(action.functionName): \(issue.description)")
            }
        }

        let printer = TranscriptPrinter(enabled: !json)
        let call = LiveCall(agent: prepared.engine, record: record, store: opened, invoker: invoker, model: prepared.model, templates: templates, webhooks: webhooks,
                            observer: { printer.print($0) })
        await call.start()
        for line in plan.say {
            if await call.hasEnded { break }
            await call.say(line)
        }
        if !(await call.hasEnded) { await call.hangUp() }
        await close()

        let timeline = await call.timeline
        let entries = timeline.enumerated().map { CallLogMapping.masked(CallLogMapping.entry(for: $0.element, sequence: $0.offset + 1), templates) }
        // The record as it ended (the one the call started with has no end yet).
        var ended = record
        for item in timeline {
            if case let .event(.callEnded(reason)) = item.kind {
                ended.endReason = reason.rawValue
                ended.endedAt = item.time
            }
        }
        let logProblems = await call.logProblems
        if json {
            output(CallDocument.json(ended, events: entries).prettyText)
        } else if logProblems.isEmpty {
            output("Call \(record.id) saved: `switchboard calls show \(record.id)`.")
        }
        if !logProblems.isEmpty {
            // Never report saved what wasn't: the first problem is the cause (a
            // full disk, say); the rest usually follow from it.
            errorOutput("error: call \(record.id) was NOT saved completely: \(logProblems[0])")
            if logProblems.count > 1 { errorOutput("(\(logProblems.count - 1) more entries of the call log could not be written either)") }
            throw ExitCodeError(status: 2)
        }

        guard !plan.expectations.isEmpty else { return }
        let results = plan.expectations.map { ($0, $0.check(entries)) }
        for (expectation, failure) in results {
            let line = failure.map { "FAIL \(expectation.text): \($0)" } ?? "PASS \(expectation.text)"
            errorOutput(line)
        }
        let failed = results.filter { $0.1 != nil }.count
        errorOutput("\(results.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCodeError(status: 1) }
    }
}

/// Prints the call as it happens, for people.
final class TranscriptPrinter: Sendable {
    let enabled: Bool
    init(enabled: Bool) { self.enabled = enabled }

    func print(_ item: CallTimelineItem) {
        guard enabled, let line = Self.line(for: item) else { return }
        output(line)
    }

    static func line(for item: CallTimelineItem) -> String? {
        switch item.kind {
        case let .event(event):
            switch event {
            case let .agentSaid(text): return "Agent:  \(text)"
            case let .callerSaid(text): return "Caller: \(text)"
            case let .callerNotHeard(text): return "Caller: \(text)   (not heard: the agent is waiting, muted)"
            case let .actionSelected(_, name): return "        · action: \(name)"
            case let .fieldCollected(name, value, _): return "        · \(name) = \(value.compactText)"
            case let .fieldRejected(name, heard, reason): return "        · \(name): '\(heard)' rejected — \(reason)"
            case let .fieldCorrected(name, from, to): return "        · \(name) corrected: \(from.compactText) → \(to.compactText)"
            case .muted: return "        · muted, waiting for the response"
            case .unmuted: return "        · unmuted"
            case let .placeholderMissing(path): return "        · the response has no {{\(path)}}"
            case .actionCompleted: return "        · action completed"
            case let .actionFailed(_, fault): return "        · action failed: \(fault.explanation)"
            case .actionCancelled: return "        · action cancelled"
            case let .dtmfSent(buttons): return "        · DTMF tones sent: \(buttons)"
            case let .transferred(to, warm): return "        · \(warm ? "warm-" : "")transferred to \(to)"
            case let .callEnded(reason): return "        · call ended (\(reason.rawValue))"
            }
        case let .requestSent(_, exchange):
            return "        → \(exchange.method) \(exchange.url)  \(String(decoding: exchange.requestBody, as: UTF8.self))"
        case let .modelTurn(log):
            return "        ✦ \(log.fault.map { "model turn failed: \($0.explanation) (\(log.summary))" } ?? "model turn: \(log.summary)")"
        case .modelProgress:
            return nil
        case let .response(_, outcome):
            switch outcome {
            case let .success(result, _, exchange):
                return "        ← \(exchange.status ?? 0) in \(Int(exchange.durationMilliseconds.rounded())) ms\(CallLogMapping.redirectNote(exchange))  \(JSONValue.object(result).compactText)"
            case let .failure(fault, exchange):
                return "        ← \(fault.explanation)" + (exchange.map(CallLogMapping.redirectNote) ?? "")
            }
        }
    }
}

/// A call test: what the caller says and what must happen.
struct CallScript {
    var say: [String]
    var actionReference: String?
    var agentReference: String?
    var expectations: [Expectation] = []
    /// `min pass: 0.9`: the share of runs `switchboard test` needs to pass (overrides --min-pass); simulate ignores it.
    var minPass: Double?

    struct Expectation {
        enum Kind { case payload(JSONValue), said(String), event(String) }
        var kind: Kind
        var text: String

        /// nil when met, else why not.
        func check(_ entries: [CallLogEntry]) -> String? {
            switch kind {
            case let .payload(expected):
                let sent = entries.filter { $0.type == "request_sent" }.compactMap { $0.data["parameters"] }
                guard let last = sent.last else { return "no request was sent" }
                return last == expected ? nil : "the payload sent was \(last.compactText)"
            case let .said(fragment):
                let lines = entries.filter { $0.type == "agent_said" }.map(\.text)
                return lines.contains { $0.lowercased().contains(fragment.lowercased()) } ? nil : "the agent never said it"
            case let .event(type):
                return entries.contains { $0.type == type } ? nil : "no \(type) event (events: \(Set(entries.map(\.type)).sorted().joined(separator: ", ")))"
            }
        }
    }

    /// The `call_did_not_connect` event for a call that could not be placed
    /// (the agent or the action named does not exist); its call ID is fresh, no call is recorded.
    func didNotConnect(_ thrown: any Error) -> WebhookEvent {
        var reason = "not_placed"
        var error = thrown
        if case let .store(inner) = thrown as? CallSetupError { error = inner }
        if case .notFound(let what) = error as? StoreError {
            reason = what.hasPrefix("agent") ? "agent_not_found" : what.hasPrefix("action") ? "action_not_found" : "not_found"
        }
        let detail = (error as? StoreError)?.message ?? (error as? CallSetupError)?.message ?? "\(error)"
        return WebhookEvent(type: .callDidNotConnect, callID: CallID.generate().rawValue, data: [
            "reason": .string(reason), "detail": .string(detail),
            "agent": agentReference.map { .string($0) } ?? .null, "action": actionReference.map { .string($0) } ?? .null,
            "origin": "headless",
        ])
    }

    static func parse(_ text: String, file: String) throws -> CallScript {
        var script = CallScript(say: [])
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw CLIError.invalid("\(file):\(index + 1): expected 'say: …', 'expect payload: …', 'expect said: …', 'expect event: …', 'action: …' or 'agent: …'")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "say": script.say.append(value)
            case "action": script.actionReference = value
            case "agent": script.agentReference = value
            case "expect payload":
                do { script.expectations.append(Expectation(kind: .payload(try JSONValue(parsing: value)), text: line)) } catch {
                    throw CLIError.invalid("\(file):\(index + 1): the expected payload is not JSON: \(error)")
                }
            case "expect said": script.expectations.append(Expectation(kind: .said(value), text: line))
            case "expect event": script.expectations.append(Expectation(kind: .event(value), text: line))
            case "min pass":
                guard let share = PassRate.parse(value) else {
                    throw CLIError.invalid("\(file):\(index + 1): 'min pass' must be a share from 0 to 1 or a percentage, e.g. 'min pass: 0.9' or 'min pass: 90%' (got '\(value)')")
                }
                script.minPass = share
            default:
                throw CLIError.invalid("\(file):\(index + 1): '\(key)' is not an instruction; use say, action, agent, expect payload, expect said, expect event or min pass")
            }
        }
        return script
    }
}
