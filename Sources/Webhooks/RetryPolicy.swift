import ActionModel
import CallSimulation
import Foundation

/// How long an attempt may take and when to try again.
public struct RetryPolicy: Sendable, Equatable {
    /// Bounds one attempt, connecting to the last byte of the answer.
    public var timeout: Duration
    /// The wait after the first failed attempt; it doubles after each one (base × 2^n).
    public var backoffBase: Duration
    /// Retries after the first attempt of a round, for events (test pings get none).
    public var maxRetries: Int

    public init(timeout: Duration = .seconds(10), backoffBase: Duration = .seconds(1), maxRetries: Int = 3) {
        self.timeout = timeout
        self.backoffBase = backoffBase
        self.maxRetries = maxRetries
    }

    /// The wait after the `attemptInRound`-th attempt of a round failed (1 → base, 2 → 2×base, 3 → 4×base).
    public func backoff(afterAttempt attemptInRound: Int) -> Duration {
        backoffBase * (1 << max(0, min(attemptInRound - 1, 20)))
    }

    /// How long a dispatcher holds a delivery it is sending: a whole round
    /// (every attempt timing out, every wait) plus a margin. Another process
    /// on the same store leaves it alone until then.
    public var claimDuration: Duration {
        var total = timeout * (maxRetries + 1) + .seconds(30)
        for attempt in 0..<max(0, maxRetries) { total += backoff(afterAttempt: attempt + 1) }
        return total
    }
}

/// What one attempt's answer means for the delivery.
public enum AttemptVerdict: Sendable, Equatable {
    case delivered(status: Int)
    /// Worth another attempt: no answer (refused, reset, timeout, TLS) or a 5xx.
    case retry(status: Int?, error: String)
    /// Not worth another attempt: a 4xx, another status, too many redirects, not sendable.
    case fail(status: Int?, error: String)
    /// The dispatcher is stopping: not an attempt at all; the delivery stays pending.
    case interrupted

    public static func judge(status: Int?, fault: InvocationFault?, timeout: Duration) -> AttemptVerdict {
        if let fault {
            switch fault {
            case .cancelled: return .interrupted
            case .timedOut: return .retry(status: nil, error: "timeout: no response within \(milliseconds(timeout)) ms")
            case .connectionFailed, .tls: return .retry(status: nil, error: fault.explanation)
            default: return .fail(status: status, error: fault.explanation)
            }
        }
        guard let status else { return .retry(status: nil, error: "no response") }
        switch status {
        case 200..<300: return .delivered(status: status)
        case 500..<600: return .retry(status: status, error: "HTTP \(status): the endpoint failed")
        case 400..<500: return .fail(status: status, error: "HTTP \(status): the endpoint refused the delivery (4xx: not retried)")
        default: return .fail(status: status, error: "unexpected HTTP status \(status)")
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
