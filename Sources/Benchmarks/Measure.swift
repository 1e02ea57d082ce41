import Foundation

/// Wall-clock milliseconds of `body`.
func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

/// Runs `body` `runs` times and reports the median, p95 and max in milliseconds.
func report(_ label: String, runs: Int, _ body: () throws -> Void) rethrows {
    var samples: [Double] = []
    samples.reserveCapacity(runs)
    for _ in 0..<runs { samples.append(try milliseconds(body)) }
    samples.sort()
    let median = samples[samples.count / 2]
    let p95 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.95))]
    print(String(format: "  %-52@ median %8.3f ms   p95 %8.3f ms   max %8.3f ms   (%d runs)",
                 label as NSString, median, p95, samples.last!, runs))
}

func line(_ label: String, _ value: String) {
    print(String(format: "  %-52@ %@", label as NSString, value as NSString))
}
