/// How well a filter query matches an action, so the best matches come first:
/// the exact name, then a name with a word that starts with the query, then
/// the query as typed anywhere, then the loose (subsequence) matches. Within
/// a tier the list keeps its sort.
enum FilterRanking {
    static let tiers = 4

    /// 0 (best) to 3 for a key (`ActionIndex.searchKey`: the name first, up
    /// to a line feed) that matches `query` (folded, spaces dropped).
    static func tier(_ key: [UInt8], _ query: [UInt8]) -> Int {
        let nameEnd = key.firstIndex(of: 10) ?? key.count
        // The name without its spaces (the query has none), and where each word starts.
        var compact: [UInt8] = []
        compact.reserveCapacity(nameEnd)
        var wordStarts: [Int] = []
        var atWordStart = true
        for i in 0..<nameEnd {
            let byte = key[i]
            if byte == 0x20 {
                atWordStart = true
                continue
            }
            if atWordStart {
                wordStarts.append(compact.count)
                atWordStart = false
            }
            compact.append(byte)
        }
        if compact == query { return 0 }
        for start in wordStarts where compact.count - start >= query.count
            && compact[start..<(start + query.count)].elementsEqual(query) { return 1 }
        if contains(compact, query) || contains(key, query) { return 2 }
        return 3
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first
            && haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        return false
    }

    /// `positions` (in list order) with the better tiers first, list order kept within each.
    static func ranked(_ positions: [Int], keys: [[UInt8]], query: [UInt8]) -> [Int] {
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
}
