import Foundation

/// A suite's results as JUnit XML, the form CI systems (GitHub Actions
/// reporters, GitLab, Jenkins) show as tests: one `<testcase>` per script,
/// a `<failure>` when its pass rate is under its threshold, naming the first
/// failed expectation and the call to look at.
enum JUnitReport {
    static func xml(_ results: [ScriptResult], timestamp: Date) -> String {
        let failures = results.filter { !$0.meetsThreshold }.count
        let total = results.reduce(0) { $0 + $1.totalSeconds }
        let stamp = ISO8601DateFormatter().string(from: timestamp)
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="switchboard test" tests="\#(results.count)" failures="\#(failures)" errors="0" time="\#(seconds(total))">"#,
            #"  <testsuite name="call scripts" tests="\#(results.count)" failures="\#(failures)" errors="0" skipped="0" time="\#(seconds(total))" timestamp="\#(stamp)">"#,
        ]
        for result in results {
            let name = escape(result.script.path)
            let classname = escape("switchboard.\(result.engine)")
            let open = #"    <testcase name="\#(name)" classname="\#(classname)" file="\#(name)" time="\#(seconds(result.totalSeconds))""#
            let summary = "\(result.passes) of \(result.runs.count) runs passed with the \(result.engine) engine; at least \(PassRate.text(result.threshold)) needed"
            if result.meetsThreshold {
                guard let (run, failed) = result.firstFailure else {
                    lines.append(open + "/>")
                    continue
                }
                // Passed overall, but say what failed on the way.
                lines.append(open + ">")
                lines.append("      <system-out>\(escape(summary + ". Run \(run) failed: " + (failed.failure ?? "") + callNote(failed)))</system-out>")
                lines.append("    </testcase>")
                continue
            }
            let (run, failed) = result.firstFailure ?? (0, ScriptRun(failure: "no runs", seconds: 0))
            lines.append(open + ">")
            lines.append(#"      <failure message="\#(escape(failed.failure ?? ""))" type="expectation">"#
                         + escape("\(summary).\nFirst failure (run \(run)): \(failed.failure ?? "")\(callNote(failed))") + "</failure>")
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    static func callNote(_ run: ScriptRun) -> String {
        run.callID.map { "\nThe call: switchboard calls show \($0)" } ?? ""
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Text for an attribute or element: the five XML entities, and characters XML 1.0 can't hold dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result.unicodeScalars.append(scalar)
            default:
                // XML 1.0 allows no other control characters, not even as references.
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
