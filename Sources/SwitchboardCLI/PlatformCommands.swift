import ActionModel
import ActionStore
import ArgumentParser
import Foundation
import Platforms

extension ActionsCommand {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check actions against each platform's limits.",
            discussion: """
                Lists, per action and platform, what the platform would refuse (error) or do differently from \\
                what the action says (warning): name rules, timeout ranges, properties without descriptions \\
                (ElevenLabs' model never fills them), Bland's reserved words, strict-mode gaps, Fluents' fixed \\
                10 s timeout, … Without --platform each action is checked for its own target platform. \\
                The exit code is 1 when anything is an error.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("\(PlatformFormat.choices), or all (default: each action's own platform).", valueName: "platform"))
        var platform: String?
        @Flag(help: "Print the findings as JSON.") var json = false
        @Argument(help: ArgumentHelp("IDs or function names to check (default: every action).", valueName: "id-or-function-name"))
        var references: [String] = []

        func run() throws {
            var formats: [PlatformFormat]?
            if let platform {
                if platform.lowercased() == "all" {
                    formats = PlatformFormat.allCases
                } else {
                    guard let parsed = PlatformFormat(rawValue: platform.lowercased()) else {
                        throw CLIError.invalid("--platform: '\(platform)' is not a platform; use \(PlatformFormat.choices), or all")
                    }
                    formats = [parsed]
                }
            }
            let opened = try store.open()
            var actions: [Action] = []
            if references.isEmpty {
                actions = try opened.allActions()
            } else {
                for reference in references { actions.append(try opened.action(reference: reference)) }
            }
            let report = actions.map { action in
                (action, PlatformLint.lint(action, for: formats ?? [PlatformFormat(action.platform)]))
            }
            let errors = report.reduce(0) { $0 + $1.1.filter { $0.severity == .error }.count }
            let warnings = report.reduce(0) { $0 + $1.1.filter { $0.severity == .warning }.count }
            if json {
                output(JSONValue.array(report.flatMap { action, findings in
                    findings.map { finding -> JSONValue in
                        ["action": .string(action.functionName), "platform": .string(finding.format.rawValue),
                         "severity": .string(finding.severity.rawValue), "rule": .string(finding.rule), "message": .string(finding.message)]
                    }
                }).prettyText)
            } else {
                var lines: [String] = []
                for (action, findings) in report where !findings.isEmpty {
                    lines.append("\(action.functionName) (\(action.name))")
                    for finding in findings {
                        lines.append("  \(finding.format.rawValue): \(finding.severity.rawValue) [\(finding.rule)] \(finding.message)")
                    }
                }
                let checked = formats.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "each action's own platform"
                lines.append("\(actions.count) action\(actions.count == 1 ? "" : "s") checked for \(checked): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s").")
                output(lines.joined(separator: "\n"))
            }
            if errors > 0 { throw ExitCode(1) }
        }
    }
}

struct SignaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signatures",
        abstract: "Check or make a platform's request signature (Fluents/Vocode, Retell, ElevenLabs).",
        subcommands: [Verify.self, Sign.self])

    static func scheme(_ text: String) throws -> SignatureScheme {
        guard let format = PlatformFormat(rawValue: text.lowercased()) else {
            throw CLIError.invalid("--platform: '\(text)' is not a platform; use fluents, retell or elevenlabs")
        }
        guard let scheme = SignatureScheme(format) else {
            throw CLIError.invalid("--platform \(format.rawValue): \(format.title) signs nothing (it authenticates with headers); signatures are fluents, retell or elevenlabs")
        }
        return scheme
    }

    static func readSecret(_ scheme: SignatureScheme) throws -> String {
        guard let secret = readAllStandardInput()?.trimmingCharacters(in: .whitespacesAndNewlines), !secret.isEmpty else {
            throw CLIError.invalid("--secret-stdin: standard input was empty; pipe \(scheme.secretDescription) in, e.g. `printf %s \"$SECRET\" | switchboard signatures …`")
        }
        return secret
    }

    static func read(_ file: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError.invalid("can't read \(file): no such file, or not readable")
        }
        return Array(data)
    }

    static func time(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        guard let date = Timestamp.parse(text) else {
            throw CLIError.invalid("--time: '\(text)' is not a time; give Unix seconds or ISO 8601 like 2026-12-07T17:00:00Z")
        }
        return date
    }

    /// What `verify` and `sign` both take: the platform, the secret (from standard
    /// input only) and the time to check or sign as of.
    struct SignatureInput: ParsableArguments {
        @Option(help: ArgumentHelp("fluents, retell or elevenlabs.", valueName: "platform")) var platform: String
        @Flag(help: "Read the secret from standard input (required; never from an argument).") var secretStdin = false
        @Option(help: ArgumentHelp("As of this time (Unix seconds or ISO 8601; default now).", valueName: "time")) var time: String?

        /// The scheme, the file's bytes (`what` names it in messages), the secret and the time.
        func read(_ file: String, what: String) throws -> (SignatureScheme, [UInt8], String, Date) {
            let scheme = try SignaturesCommand.scheme(platform)
            guard secretStdin else { throw CLIError.invalid("--secret-stdin is required: pipe \(scheme.secretDescription) in (secrets never go in arguments)") }
            guard file != "-" else { throw CLIError.invalid("the secret comes on standard input, so the \(what) must be a file, not -") }
            let bytes = try SignaturesCommand.read(file)
            return (scheme, bytes, try SignaturesCommand.readSecret(scheme), try SignaturesCommand.time(time))
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Say whether a captured request's signature is valid, expired or tampered.",
            discussion: """
                FILE holds the request as captured: header lines (an optional first line such as \\
                `POST /path HTTP/1.1`), an empty line, then the body exactly as received. The secret is read \\
                from standard input: Fluents/Vocode the base64 signature secret, Retell your API key, ElevenLabs \\
                the webhook secret. Exit code 0 when valid, 1 otherwise.
                Example:
                  printf %s "$RETELL_API_KEY" | switchboard signatures verify --platform retell --secret-stdin request.txt
                """)

        @OptionGroup var signing: SignatureInput
        @Argument(help: ArgumentHelp("The captured request.", valueName: "file")) var file: String

        func run() throws {
            let (scheme, bytes, secret, now) = try signing.read(file, what: "request")
            let captured: CapturedRequest
            do { captured = try CapturedRequest.parse(bytes) } catch { throw CLIError.invalid("\(file): \(error)") }
            var verdict = Signatures.verify(scheme, headers: captured.headers, body: captured.body, secret: secret, now: now)
            var note = ""
            if verdict == .tampered, captured.body.last == 0x0A {
                // An editor or `echo` often adds a final newline the sender never signed.
                let trimmed = Array(captured.body.dropLast(captured.body.suffix(2) == [0x0D, 0x0A] ? 2 : 1))
                let retry = Signatures.verify(scheme, headers: captured.headers, body: trimmed, secret: secret, now: now)
                if retry != .tampered {
                    verdict = retry
                    note = " (once the file's final line break is left out: the sender did not sign it)"
                }
            }
            output("\(scheme.headerName): \(verdict)\(note)")
            if !verdict.isValid { throw ExitCode(1) }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Print the signature header a platform would send for a body.",
            discussion: """
                Example:
                  printf %s "$RETELL_API_KEY" | switchboard signatures sign --platform retell --secret-stdin body.json
                """)

        @OptionGroup var signing: SignatureInput
        @Argument(help: ArgumentHelp("The body, byte for byte.", valueName: "file")) var file: String

        func run() throws {
            let (scheme, body, secret, time) = try signing.read(file, what: "body")
            do {
                let header = try Signatures.sign(scheme, body: body, secret: secret, time: time)
                output("\(header.name): \(header.value)")
            } catch {
                throw CLIError.invalid(error.description)
            }
        }
    }
}
