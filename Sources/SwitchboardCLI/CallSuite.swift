import ActionHTTP
import ActionModel
import ActionStore
import CallDriver
import CallSimulation
import Foundation

/// A pass rate written as a share or a percentage: "0.9", "1", "90%".
enum PassRate {
    static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value: Double?
        if trimmed.hasSuffix("%") {
            value = Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces)).map { $0 / 100 }
        } else {
            value = Double(trimmed)
        }
        guard let value, value.isFinite, (0...1).contains(value) else { return nil }
        return value
    }

    /// "90%", "100%", "66.7%".
    static func text(_ share: Double) -> String {
        let percent = (share * 1000).rounded() / 10
        return percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
    }
}

/// One call script of a suite, read from its file.
struct SuiteScript: Sendable {
    /// As the user gave or found it (relative paths stay relative), for the table and JUnit.
    var path: String
    var script: CallScript
}

/// How one run of one script went.
struct ScriptRun: Sendable {
    /// The first expectation that failed, with why ("expect said: …: the agent never said it"), or the
    /// reason the call couldn't run; nil when every expectation was met.
    var failure: String?
    var seconds: Double
    /// Tokens the model reported for the whole call; nil for an engine with none (the rules engine).
    var tokens: Int?
    /// The call in the store (`switchboard calls show ID`), when one was recorded.
    var callID: String?
    var passed: Bool { failure == nil }
}

/// What runs one call script once. The rules engine (`RulesSuiteEngine`) is
/// the only one today; an engine that talks to a model record (`--model NAME`)
/// is another conformance, chosen in `TestCommand.engine()`.
protocol SuiteEngine: Sendable {
    /// The table's ENGINE column: "rules", or a model's name.
    var label: String { get }
    func run(_ script: CallScript) async -> ScriptRun
}

/// The rule-based agent, deterministic and offline; each run is a call in the
/// store (origin `test`) like a `simulate` call, without webhooks.
///
/// The agent-and-actions set-up below is the one `simulate` makes; once the
/// shared call set-up (issue 10's `CallSetup`) is in, it replaces it, and its
/// engine override is `--model NAME`.
struct RulesSuiteEngine: SuiteEngine {
    let store: ActionStore
    let invoker: ActionInvoker
    let templates: TemplateContext
    var model: String? = nil
    var label: String { model ?? "rules" }

    func run(_ script: CallScript) async -> ScriptRun {
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let duration = clock.now - started
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        let prepared: CallSetup.Prepared
        do {
            prepared = try CallSetup(agentReference: script.agentReference, actionReference: script.actionReference, engineOverride: model, origin: "test")
                .prepare(store: store, templates: templates, invoker: invoker)
        } catch {
            return ScriptRun(failure: "the call could not be placed: \(error.message)", seconds: elapsed())
        }
        let record = prepared.record
        let call = LiveCall(agent: prepared.engine, record: record, store: store, invoker: invoker, model: prepared.model, templates: templates)
        await call.start()
        for line in script.say {
            if await call.hasEnded { break }
            await call.say(line)
        }
        if !(await call.hasEnded) { await call.hangUp() }
        let seconds = elapsed()
        let timeline = await call.timeline
        let entries = timeline.enumerated().map { CallLogMapping.masked(CallLogMapping.entry(for: $0.element, sequence: $0.offset + 1), templates) }
        var failure = script.expectations.lazy.compactMap { expectation in expectation.check(entries).map { "\(expectation.text): \($0)" } }.first
        if failure == nil, let problem = await call.logProblems.first {
            failure = "the call log was not saved completely: \(problem)"
        }
        return ScriptRun(failure: failure, seconds: seconds, tokens: CallSuite.tokens(in: entries), callID: record.id.rawValue)
    }
}

/// A script's runs, summed up for the table and JUnit.
struct ScriptResult: Sendable {
    var script: SuiteScript
    var engine: String
    var runs: [ScriptRun]
    /// The share of runs that must pass.
    var threshold: Double

    var passes: Int { runs.filter(\.passed).count }
    var passRate: Double { runs.isEmpty ? 0 : Double(passes) / Double(runs.count) }
    /// A little slack so 9 of 10 meets 0.9 whatever the rounding.
    var meetsThreshold: Bool { passRate + 1e-9 >= threshold }
    /// The first failed run (in run order) and its number from 1.
    var firstFailure: (run: Int, value: ScriptRun)? {
        runs.enumerated().first { !$0.element.passed }.map { ($0.offset + 1, $0.element) }
    }
    var medianSeconds: Double {
        let sorted = runs.map(\.seconds).sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    /// The median of the runs' tokens, when every run reported some.
    var medianTokens: Int? {
        let tokens = runs.compactMap(\.tokens).sorted()
        guard !tokens.isEmpty, tokens.count == runs.count else { return nil }
        return tokens[tokens.count / 2]
    }
    var totalSeconds: Double { runs.reduce(0) { $0 + $1.seconds } }
}

enum CallSuite {
    /// The extension scripts found in folders carry; a file named outright may have any name.
    static let scriptExtension = "call"

    /// The script files under `paths`: a file as given, a folder searched recursively for
    /// `*.call`, in path order. A path that doesn't exist, or a folder with no scripts, is an error naming it.
    static func discover(_ paths: [String]) throws -> [String] {
        var found: [String] = []
        let files = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw CLIError("\(path): no such file or folder; give call scripts (*.\(scriptExtension)) or folders that hold them", exitCode: 2)
            }
            guard isFolder.boolValue else {
                found.append(path)
                continue
            }
            guard let walker = files.enumerator(atPath: path) else {
                throw CLIError("\(path): can't read this folder (check its permissions)", exitCode: 2)
            }
            var inFolder: [String] = []
            while let relative = walker.nextObject() as? String {
                guard (relative as NSString).pathExtension == scriptExtension else { continue }
                let full = (path as NSString).appendingPathComponent(relative)
                var isSubfolder: ObjCBool = false
                if files.fileExists(atPath: full, isDirectory: &isSubfolder), !isSubfolder.boolValue { inFolder.append(full) }
            }
            guard !inFolder.isEmpty else {
                throw CLIError("\(path): no call scripts here (files ending .\(scriptExtension), in this folder or below); see `switchboard simulate --help` for the format", exitCode: 2)
            }
            found += inFolder.sorted()
        }
        // The same file named twice (a file and its folder) runs once.
        var seen = Set<String>()
        return found.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    /// Reads every script, reporting all the broken ones at once (file:line and why).
    static func load(_ files: [String]) throws -> [SuiteScript] {
        var scripts: [SuiteScript] = []
        var problems: [String] = []
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                problems.append("\(file): can't read it: not UTF-8 text, or not readable")
                continue
            }
            do {
                let script = try CallScript.parse(text, file: file)
                if script.say.isEmpty && script.actionReference == nil {
                    problems.append("\(file): nothing to say: add 'say: …' lines (and optionally 'action: …')")
                } else {
                    scripts.append(SuiteScript(path: file, script: script))
                }
            } catch let error as CLIError {
                problems.append(error.message)
            }
        }
        if !problems.isEmpty {
            throw CLIError(problems.joined(separator: "\n") + "\n(no script was run: fix the \(problems.count == 1 ? "script" : "scripts") above)", exitCode: 2)
        }
        return scripts
    }

    /// Runs each script `repeats` times, at most `jobs` runs at once, and
    /// gathers the runs per script in the scripts' order (runs in the order they were started).
    static func run(_ scripts: [SuiteScript], engine: any SuiteEngine, repeats: Int, jobs: Int, defaultThreshold: Double) async -> [ScriptResult] {
        let work = scripts.indices.flatMap { script in (0..<repeats).map { (script: script, run: $0) } }
        var runs = Array(repeating: [ScriptRun?](repeating: nil, count: repeats), count: scripts.count)
        await withTaskGroup(of: (Int, Int, ScriptRun).self) { group in
            var next = 0
            func startOne() {
                let item = work[next]
                next += 1
                let script = scripts[item.script].script
                group.addTask { (item.script, item.run, await engine.run(script)) }
            }
            while next < min(jobs, work.count) { startOne() }
            while let (script, run, result) = await group.next() {
                runs[script][run] = result
                if next < work.count { startOne() }
            }
        }
        return scripts.enumerated().map { index, script in
            ScriptResult(script: script, engine: engine.label, runs: runs[index].compactMap { $0 },
                         threshold: script.script.minPass ?? defaultThreshold)
        }
    }

    /// Tokens in and out over the call's `model_turn` log entries (the usage the
    /// model server reported); nil when the call had none (the rules engine).
    static func tokens(in entries: [CallLogEntry]) -> Int? {
        let counts = entries.filter { $0.type == "model_turn" }.flatMap { [$0.data["tokens_in"]?.integerValue, $0.data["tokens_out"]?.integerValue] }
            .compactMap { $0 }
        return counts.isEmpty ? nil : counts.reduce(0, +)
    }

    /// SCRIPT, ENGINE, PASSES, FIRST FAILURE, MEDIAN, TOKENS — one row per script.
    static func table(_ results: [ScriptResult]) -> String {
        TextTable.render(
            headers: ["SCRIPT", "ENGINE", "PASSES", "FIRST FAILURE", "MEDIAN", "TOKENS"],
            rows: results.map { result in
                var passes = "\(result.passes)/\(result.runs.count)"
                if !result.meetsThreshold { passes += " ✗" }
                return [result.script.path, result.engine, passes, result.firstFailure?.value.failure ?? "—",
                        milliseconds(result.medianSeconds), result.medianTokens.map(String.init) ?? "—"]
            },
            caps: [64, 24, 12, 80, 10, 8])
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds < 10 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.1f s", seconds)
    }
}
