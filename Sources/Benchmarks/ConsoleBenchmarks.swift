import ActionModel
import Console
import Foundation
import Screen

/// Times the console with 100,000 actions: loading them into the state, a
/// full render at 120×40, moving down, a filter keystroke, a sort change.
/// Prints median and 95th percentile in milliseconds.
func runConsoleBenchmarks() {
    let count = 100_000
    let actions = benchmarkActions(count).map(\.summary)
    print("Console with \(count) actions (median / p95 ms)")

    var state = ConsoleState(width: 120, height: 40, storeDescription: "bench.sqlite", readOnly: false, notice: nil)
    // The index is built where the list is made (the store's thread in the
    // console); the UI thread only swaps it in and lays out the tabs.
    report("build the list index for \(count) (store thread)", measure(runs: 7) { _ = ActionList(actions) })
    let list = ActionList(actions)
    report("load \(count) actions into state (UI thread)", measure(runs: 7) {
        var fresh = state
        _ = Console.update(&fresh, .actions(.loaded(list)))
    })
    _ = Console.update(&state, .actions(.loaded(list)))

    report("render 120x40", measure(runs: 200) { _ = Console.render(state) })

    report("move down: update + render", measure(runs: 500) {
        _ = Console.update(&state, .input(.key(.down)))
        _ = Console.render(state)
    })

    // A keystroke on an empty filter scans every action of the tab; the
    // backspace that follows (untimed) brings the whole tab back.
    _ = Console.update(&state, .input(.key(.character("/"))))
    let letters: [Character] = Array("cartosu予é")
    var next = 0
    report("filter keystroke over \(count) (first letter)", measure(runs: 60, between: {
        _ = Console.update(&state, .input(.key(.backspace)))
    }) {
        _ = Console.update(&state, .input(.key(.character(letters[next % letters.count]))))
        next += 1
    })
    _ = Console.update(&state, .input(.key(.backspace)))
    report("filter keystroke + render", measure(runs: 60, between: {
        _ = Console.update(&state, .input(.key(.backspace)))
    }) {
        _ = Console.update(&state, .input(.key(.character(letters[next % letters.count]))))
        _ = Console.render(state)
        next += 1
    })
    _ = Console.update(&state, .input(.key(.backspace)))
    report("filter: paste a word over \(count) (fuzzy path)", measure(runs: 30, between: {
        _ = Console.update(&state, .input(.key(.ctrl("u"))))
    }) {
        _ = Console.update(&state, .input(.paste("crtk")))
    })
    _ = Console.update(&state, .input(.key(.escape)))

    report("sort change (s)", measure(runs: 40) {
        _ = Console.update(&state, .input(.key(.character("s"))))
    })
}

private func benchmarkActions(_ count: Int) -> [Action] {
    var rng = BenchRandom(seed: 7)
    let verbs = ["Create", "Check", "Update", "Cancel", "Book", "Look up", "Send", "Réserver", "確認", "Track"]
    let things = ["lead", "ticket", "order", "account status", "appointment", "invoice", "créneau", "予約", "shipment 📦", "refund"]
    let base = Date(timeIntervalSince1970: 1_767_225_600)
    return (0..<count).map { i in
        let name = "\(verbs[Int(rng.next() % 10)]) \(things[Int(rng.next() % 10)]) \(i)"
        let kind: ActionKind = rng.next() % 10 < 9 ? .customInput : ActionKind.allCases[1 + Int(rng.next() % 4)]
        let configuration: ActionConfiguration
        switch kind {
        case .customInput: configuration = .customInput(CustomInputConfiguration(url: "https://api.example.com/hooks/\(i)"))
        case .transferCalls: configuration = .transferCalls(TransferCallsConfiguration(phoneNumber: "+1415555\(1000 + i % 9000)"))
        default: configuration = .empty(kind)
        }
        return Action(
            id: ActionID.generate(using: &rng), name: name,
            description: "Sends the caller's details to the backend and reads back the answer (\(i))",
            trigger: i % 5 == 0 ? .phrases(["phrase \(i)"]) : .functionCall, configuration: configuration,
            createdAt: base, updatedAt: base.addingTimeInterval(Double(rng.next() % 1_000_000)))
    }
}

private struct BenchRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs `body` `runs` times (after one warm-up), with `between` untimed after each.
private func measure(runs: Int, between: () -> Void = {}, _ body: () -> Void) -> [Double] {
    body()
    between()
    var times: [Double] = []
    times.reserveCapacity(runs)
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        between()
    }
    return times
}

private func report(_ name: String, _ times: [Double]) {
    let sorted = times.sorted()
    let median = sorted[sorted.count / 2]
    let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
    let padded = name + String(repeating: " ", count: max(1, 46 - name.count))
    print("  " + padded + String(format: "%9.3f  %9.3f", median, p95))
}
