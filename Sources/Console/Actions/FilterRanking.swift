/// How well a filter query matches an action, so the best matches come first:
/// the exact name, then a name with a word that starts with the query, then
/// the query as typed anywhere, then the loose (subsequence) matches. Within
/// a tier the list keeps its sort.
enum FilterRanking {
    static let tiers = 4

    /// 0 (best) to 3 for a key (`ActionIndex.searchKey`: the name first, up
    /// to a line feed) that matches `query` (folded, spaces dropped). Reads
    /// the key in place (no copies): it runs for every match on each keystroke.
    static func tier(_ key: [UInt8], _ query: [UInt8]) -> Int {
        key.withUnsafeBufferPointer { k in
            query.withUnsafeBufferPointer { q in
                var nameEnd = 0
                while nameEnd < k.count, k[nameEnd] != 10 { nameEnd += 1 }
                // How far the query matches the name from `start`, spaces in
                // the name skipped (the query has none); nil: it doesn't.
                func match(from start: Int) -> Int? {
                    var i = start, j = 0
                    while j < q.count {
                        while i < nameEnd, k[i] == 0x20 { i += 1 }
                        guard i < nameEnd, k[i] == q[j] else { return nil }
                        i += 1
                        j += 1
                    }
                    return i
                }
                var first = 0
                while first < nameEnd, k[first] == 0x20 { first += 1 }
                if let end = match(from: first) {
                    var rest = end
                    while rest < nameEnd, k[rest] == 0x20 { rest += 1 }
                    if rest == nameEnd { return 0 }
                    return 1
                }
                var sawMatchAsTyped = false
                for start in (first + 1)..<max(first + 1, nameEnd) where k[start] != 0x20 && match(from: start) != nil {
                    if k[start - 1] == 0x20 { return 1 }
                    sawMatchAsTyped = true
                }
                if sawMatchAsTyped { return 2 }
                // As typed in another field (function name, description, ID).
                if q.count <= k.count - nameEnd {
                    var start = nameEnd
                    while start + q.count <= k.count {
                        if k[start] == q[0] {
                            var j = 1
                            while j < q.count, k[start + j] == q[j] { j += 1 }
                            if j == q.count { return 2 }
                        }
                        start += 1
                    }
                }
                return 3
            }
        }
    }

    /// Above this many matches the list order is kept: ranking costs about
    /// 0.3 µs a match (38 ms for a first letter over 100,000 actions, against
    /// the 16 ms a keystroke may take), and so broad a query is only a step
    /// on the way to a narrower one, which is ranked.
    static let rankingLimit = 10_000

    /// `positions` (in list order) with the better tiers first, list order
    /// kept within each; unchanged when there are more than `rankingLimit`.
    static func ranked(_ positions: [Int], keys: [[UInt8]], query: [UInt8]) -> [Int] {
        guard positions.count <= rankingLimit else { return positions }
        var buckets = [[Int]](repeating: [], count: tiers)
        for position in positions { buckets[tier(keys[position], query)].append(position) }
        return buckets.count == 1 ? buckets[0] : buckets.flatMap { $0 }
    }

    /// Which characters of `text` to highlight for `query` (folded, no
    /// spaces): the first place it appears as typed, else the greedy
    /// subsequence; empty when it doesn't match the text at all.
    static func highlighted(_ text: String, query: [UInt8]) -> Set<Int> {
        guard !query.isEmpty else { return [] }
        let characters = Array(text)
        var folded: [(index: Int, bytes: [UInt8])] = []
        for (i, character) in characters.enumerated() where character != " " {
            folded.append((i, ActionIndex.fold(String(character))))
        }
        // As typed: starting at each character, do the next ones spell the query?
        for start in folded.indices {
            var matched = 0
            var used: Set<Int> = []
            var k = start
            while matched < query.count, k < folded.count {
                let bytes = folded[k].bytes
                guard !bytes.isEmpty, matched + bytes.count <= query.count,
                      query[matched..<(matched + bytes.count)].elementsEqual(bytes) else { break }
                matched += bytes.count
                used.insert(folded[k].index)
                k += 1
            }
            if matched == query.count { return used }
        }
        // Loose: each query character at the next place it appears.
        var matched = 0
        var used: Set<Int> = []
        for entry in folded where matched < query.count {
            let bytes = entry.bytes
            if !bytes.isEmpty, matched + bytes.count <= query.count, query[matched..<(matched + bytes.count)].elementsEqual(bytes) {
                matched += bytes.count
                used.insert(entry.index)
            }
        }
        return matched == query.count ? used : []
    }

    /// The rows of a small list (agents, webhooks, calls) its filter keeps,
    /// best matches first: `count` records, `key(i)` the record's search key
    /// with its name first.
    static func filtered(count: Int, query: [UInt8], key: (Int) -> [UInt8]) -> [Int] {
        guard !query.isEmpty else { return Array(0..<count) }
        let keys = (0..<count).map(key)
        return ranked(keys.indices.filter { ActionIndex.matches(keys[$0], query) }, keys: keys, query: query)
    }
}
