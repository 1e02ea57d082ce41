import ActionHTTP
import ActionModel
import ActionStore
import ArgumentParser
import CallDriver
import Foundation

struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run call scripts as a suite: each several times, a table of pass rates, JUnit XML for CI.",
        discussion: """
            Every call script (the `simulate --script` format, see `switchboard simulate --help`) given, or found \
            in the folders given (files ending .call, recursively), runs --repeat times, --jobs at a time. The \
            table shows each script's engine, passes/runs, the first failed expectation, the median time and the \
            tokens when the engine reports them. The exit status is 1 when a script passes less often than its \
            threshold: --min-pass (default 1, every run), or the script's own 'min pass: 0.9' line. A script \
            that can't be read or parsed stops the run before anything is called (exit 2).

            Each run is a call in the store (`switchboard calls list`, origin "test"); webhooks are not told.
            The rule-based engine is deterministic, so one run per script usually says it all.

            Examples:
              switchboard test docs/examples/suites
              switchboard test tests/calls --repeat 5 --jobs 4 --min-pass 0.8 --junit reports/calls.xml
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("Call scripts, or folders holding them (searched recursively for *.call).", valueName: "path"))
    var paths: [String] = []
    @Option(parsing: .unconditional, help: ArgumentHelp("Runs per script.", valueName: "n")) var `repeat` = 1
    @Option(parsing: .unconditional, help: ArgumentHelp("Runs at once.", valueName: "j")) var jobs = 1
    @Option(help: ArgumentHelp("Write JUnit XML here (one testcase per script).", valueName: "file")) var junit: String?
    @Option(help: ArgumentHelp("The share of runs each script must pass, 0 to 1 or a percentage (default 1).", valueName: "rate"))
    var minPass: String = "1"
    @Option(help: ArgumentHelp("The engine: `rules` or a model's name (default: each agent's engine).", valueName: "name"))
    var model: String?
    @Option(help: ArgumentHelp("The environment whose variables and secret values fill in {{env.…}} and {{secret.…}} (default: the active one).", valueName: "name"))
    var env: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one call script or folder, e.g. `switchboard test docs/examples/suites`") }
        if !(1...1000).contains(`repeat`) { throw ValidationError("--repeat must be 1 to 1000 (got \(`repeat`))") }
        if !(1...64).contains(jobs) { throw ValidationError("--jobs must be 1 to 64 (got \(jobs))") }
        if PassRate.parse(minPass) == nil { throw ValidationError("--min-pass must be a share from 0 to 1 or a percentage, e.g. 0.9 or 90% (got '\(minPass)')") }
        if let junit, junit.isEmpty { throw ValidationError("--junit needs a file name, e.g. --junit reports/calls.xml") }
    }

    func run() async throws {
        let scripts = try CallSuite.load(try CallSuite.discover(paths))
        if let junit { try checkWritable(junit) }
        let opened = try store.open()
        if opened.isReadOnly { throw CLIError(StoreError.readOnly(path: opened.path, reason: opened.readOnlyReason ?? "read-only")) }
        let templates = try opened.templateContext(environment: env)
        let invoker = ActionInvoker()
        let started = Date()
        let results = await CallSuite.run(scripts, engine: engine(store: opened, invoker: invoker, templates: templates), repeats: `repeat`,
                                          jobs: jobs, defaultThreshold: PassRate.parse(minPass) ?? 1)
        await invoker.shutdown()
        await SampleHost.shared.stop()

        output(CallSuite.table(results))
        let failing = results.filter { !$0.meetsThreshold }
        let runs = results.reduce(0) { $0 + $1.runs.count }, passes = results.reduce(0) { $0 + $1.passes }
        output("\(results.count) script\(results.count == 1 ? "" : "s"), \(passes) of \(runs) runs passed; "
               + (failing.isEmpty ? "every script met its threshold." : "\(failing.count) under threshold: \(failing.map(\.script.path).joined(separator: ", ")).")
               + (failing.isEmpty ? "" : " See a failed call with `switchboard calls show ID`."))
        for result in failing {
            if let (run, failed) = result.firstFailure {
                errorOutput("FAIL \(result.script.path): \(result.passes)/\(result.runs.count) passed, \(PassRate.text(result.threshold)) needed; run \(run): \(failed.failure ?? "")"
                            + (failed.callID.map { " (call \($0))" } ?? ""))
            }
        }
        if let junit {
            do {
                try Data(JUnitReport.xml(results, timestamp: started).utf8).write(to: URL(fileURLWithPath: junit), options: .atomic)
            } catch {
                throw CLIError("can't write the JUnit report to \(junit): \(error.localizedDescription)", exitCode: 2)
            }
            output("JUnit report: \(junit)")
        }
        if !failing.isEmpty { throw ExitCodeError(status: 1) }
    }

    /// The engine every script runs on: each agent's own (rules or its model),
    /// or the one `--model NAME` names for this run (`rules` included).
    func engine(store: ActionStore, invoker: ActionInvoker, templates: TemplateContext) -> any SuiteEngine {
        RulesSuiteEngine(store: store, invoker: invoker, templates: templates, model: model)
    }

    /// Fails early, before any call, when the report couldn't be written.
    func checkWritable(_ file: String) throws {
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CLIError("--junit \(file): the folder \(folder) doesn't exist; create it first (mkdir -p \(folder))", exitCode: 2)
        }
        var existing: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &existing), existing.boolValue {
            throw CLIError("--junit \(file) is a folder; give a file name, e.g. \(file)/calls.xml", exitCode: 2)
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw CLIError("--junit \(file): can't write in \(folder) (check its permissions)", exitCode: 2)
        }
    }
}
