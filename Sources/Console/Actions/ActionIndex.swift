import ActionModel
import Foundation

/// The two tabs of the Actions page.
enum ActionsTab: Int, CaseIterable, Sendable {
    /// Custom Input actions: the Custom External Actions of the product.
    case customExternal
    /// The phone-only kinds: End Conversation, Transfer Calls, DTMF, Warm Transfer.
    case call

    var title: String { self == .customExternal ? "Custom External Actions" : "Call Actions" }
    var shortTitle: String { self == .customExternal ? "Custom External" : "Call" }

    func contains(phoneOnly: Bool) -> Bool { phoneOnly == (self == .call) }

    static func of(_ kind: ActionKind) -> ActionsTab { kind.isPhoneOnly ? .call : .customExternal }

    var emptyMessage: String {
        self == .customExternal
            ? "No custom external actions yet — press n to create one"
            : "No call actions yet — press n to create one"
    }
}

/// What the list can be sorted by (`s` cycles, `S` reverses).
enum SortColumn: Int, CaseIterable, Sendable {
    case name, trigger, id, updated

    var label: String {
        switch self {
        case .name: return "name"
        case .trigger: return "trigger"
        case .id: return "ID"
        case .updated: return "updated"
        }
    }

    var next: SortColumn { SortColumn(rawValue: (rawValue + 1) % SortColumn.allCases.count)! }
}

/// Every action in the store, as the summaries the list shows, with what the
/// list needs precomputed: a folded (lowercase, accent-free) search key and
/// sort keys, and for each sort column the order of all actions. Built once per
/// load and patched on each change, so typing in the filter or moving never
/// touches the summaries. Full actions are read from the store when opened.
struct ActionIndex: Sendable {
    private(set) var actions: [ActionSummary] = []
    /// `name \n function_name \n description \n id`, folded, as UTF-8.
    private(set) var searchKeys: [[UInt8]] = []
    /// Which byte values (mod 64) each search key holds: a query with a byte
    /// the key lacks is rejected without reading the key.
    private(set) var searchMasks: [UInt64] = []
    private(set) var sortKeys: [SortKeys] = []
    private(set) var phoneOnly: [Bool] = []
    private var positions: [ActionID: Int] = [:]
    /// For each `SortColumn`, every action's position, ascending.
    private(set) var orders: [[Int]] = Array(repeating: [], count: SortColumn.allCases.count)
    private(set) var phoneOnlyCount = 0

    /// What sorting compares, precomputed: folded name and trigger with their
    /// first eight bytes as a number (most comparisons stop there), the ID as
    /// two numbers (its characters sort in ASCII order), the update time.
    /// The folded name is the search key's first field, so only its length
    /// is kept; the few distinct triggers share one folded copy each (a copy
    /// per action was two allocations more per action, ~1 MB at 10,000).
    struct SortKeys: Sendable {
        var nameLength: Int
        var namePrefix: UInt64
        var trigger: [UInt8]
        var triggerPrefix: UInt64
        var idHigh: UInt64
        var idLow: UInt64
        var updated: Double

        init(_ action: ActionSummary, searchKey: [UInt8], triggers: inout [String: [UInt8]], cache: inout FoldCache) {
            nameLength = searchKey.firstIndex(of: 10) ?? searchKey.count
            namePrefix = Self.prefix(searchKey[..<nameLength], from: 0)
            let label = action.trigger.label
            if let folded = triggers[label] {
                trigger = folded
            } else {
                trigger = ActionIndex.fold(label, cache: &cache)
                triggers[label] = trigger
            }
            triggerPrefix = Self.prefix(trigger[...], from: 0)
            let id = Array(action.id.rawValue.utf8)
            // "act_" and 16 characters: the 16 as two numbers.
            idHigh = Self.prefix(id[...], from: 4)
            idLow = Self.prefix(id[...], from: 12)
            updated = action.updatedAt.timeIntervalSinceReferenceDate
        }

        /// Eight bytes from `start`, big-endian, zero-padded: comparing the
        /// numbers compares the bytes.
        static func prefix(_ bytes: ArraySlice<UInt8>, from start: Int) -> UInt64 {
            var value: UInt64 = 0
            let base = bytes.startIndex
            for i in start..<(start + 8) { value = value << 8 | UInt64(i < bytes.count ? bytes[base + i] : 0) }
            return value
        }
    }

    init(_ list: [ActionSummary] = []) {
        actions.reserveCapacity(list.count)
        positions.reserveCapacity(list.count)
        for action in list where positions[action.id] == nil {
            positions[action.id] = actions.count
            actions.append(action)
        }
        var cache = FoldCache()
        var triggers: [String: [UInt8]] = [:]
        searchKeys.reserveCapacity(actions.count)
        searchMasks.reserveCapacity(actions.count)
        sortKeys.reserveCapacity(actions.count)
        for action in actions {
            let key = Self.searchKey(action, cache: &cache)
            searchKeys.append(key)
            searchMasks.append(Self.mask(key))
            sortKeys.append(SortKeys(action, searchKey: key, triggers: &triggers, cache: &cache))
        }
        phoneOnly = actions.map(\.kind.isPhoneOnly)
        phoneOnlyCount = phoneOnly.reduce(0) { $0 + ($1 ? 1 : 0) }
        for column in SortColumn.allCases {
            orders[column.rawValue] = Array(actions.indices).sorted { precedes($0, $1, by: column) }
        }
    }

    var count: Int { actions.count }

    func count(in tab: ActionsTab) -> Int { tab == .call ? phoneOnlyCount : actions.count - phoneOnlyCount }

    func position(of id: ActionID) -> Int? { positions[id] }

    func action(_ id: ActionID) -> ActionSummary? { positions[id].map { actions[$0] } }

    var functionNames: Set<String> { Set(actions.map(\.functionName)) }

    /// Adds or replaces one action, keeping every order sorted: O(n), not a re-sort.
    mutating func upsert(_ action: ActionSummary) {
        let position: Int
        if let existing = positions[action.id] {
            position = existing
            if phoneOnly[position] { phoneOnlyCount -= 1 }
            actions[position] = action
            for column in orders.indices { orders[column].removeAll { $0 == position } }
        } else {
            position = actions.count
            actions.append(action)
            searchKeys.append([])
            searchMasks.append(0)
            var cache = FoldCache()
            var triggers: [String: [UInt8]] = [:]
            sortKeys.append(SortKeys(action, searchKey: [], triggers: &triggers, cache: &cache))
            phoneOnly.append(false)
            positions[action.id] = position
        }
        var cache = FoldCache()
        var triggers: [String: [UInt8]] = [:]
        searchKeys[position] = Self.searchKey(action, cache: &cache)
        searchMasks[position] = Self.mask(searchKeys[position])
        sortKeys[position] = SortKeys(action, searchKey: searchKeys[position], triggers: &triggers, cache: &cache)
        phoneOnly[position] = action.kind.isPhoneOnly
        if phoneOnly[position] { phoneOnlyCount += 1 }
        for column in SortColumn.allCases {
            let order = orders[column.rawValue]
            var low = 0, high = order.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(order[middle], position, by: column) { low = middle + 1 } else { high = middle }
            }
            orders[column.rawValue].insert(position, at: low)
        }
    }

    /// Removes an action; the last one moves into its slot. O(n).
    @discardableResult
    mutating func remove(_ id: ActionID) -> ActionSummary? {
        guard let position = positions.removeValue(forKey: id) else { return nil }
        let removed = actions[position]
        if phoneOnly[position] { phoneOnlyCount -= 1 }
        let last = actions.count - 1
        for column in orders.indices {
            orders[column].removeAll { $0 == position }
            if position != last {
                for i in orders[column].indices where orders[column][i] == last { orders[column][i] = position }
            }
        }
        if position != last {
            actions.swapAt(position, last)
            searchKeys.swapAt(position, last)
            searchMasks.swapAt(position, last)
            sortKeys.swapAt(position, last)
            phoneOnly.swapAt(position, last)
            positions[actions[position].id] = position
        }
        actions.removeLast()
        searchKeys.removeLast()
        searchMasks.removeLast()
        sortKeys.removeLast()
        phoneOnly.removeLast()
        return removed
    }

    /// Ascending order of two positions by a column; ties go by ID so the
    /// order is total and stable across reloads.
    func precedes(_ a: Int, _ b: Int, by column: SortColumn) -> Bool {
        switch column {
        case .name:
            let x = sortKeys[a].namePrefix, y = sortKeys[b].namePrefix
            if x != y { return x < y }
            if let order = Self.compare(searchKeys[a][..<sortKeys[a].nameLength], searchKeys[b][..<sortKeys[b].nameLength]) {
                return order
            }
        case .trigger:
            let x = sortKeys[a].triggerPrefix, y = sortKeys[b].triggerPrefix
            if x != y { return x < y }
            if let order = Self.compare(sortKeys[a].trigger[...], sortKeys[b].trigger[...]) { return order }
        case .updated:
            let x = sortKeys[a].updated, y = sortKeys[b].updated
            if x != y { return x < y }
        case .id:
            break
        }
        let x = sortKeys[a], y = sortKeys[b]
        if x.idHigh != y.idHigh { return x.idHigh < y.idHigh }
        if x.idLow != y.idLow { return x.idLow < y.idLow }
        return actions[a].id.rawValue < actions[b].id.rawValue
    }

    /// Byte order of two keys, nil when equal.
    static func compare(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool? {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                let n = min(x.count, y.count)
                var i = 0
                while i < n {
                    if x[i] != y[i] { return x[i] < y[i] }
                    i += 1
                }
                return x.count == y.count ? nil : x.count < y.count
            }
        }
    }

    static func mask(_ bytes: [UInt8]) -> UInt64 {
        var mask: UInt64 = 0
        for byte in bytes where byte != 0x0A { mask |= 1 << UInt64(byte & 63) }
        return mask
    }

    // MARK: Folding and matching

    static func searchKey(_ action: ActionSummary, cache: inout FoldCache) -> [UInt8] {
        var key = fold(action.name, cache: &cache)
        key.append(10)
        key += fold(action.functionName, cache: &cache)
        key.append(10)
        key += fold(action.description, cache: &cache)
        key.append(10)
        key += Array(action.id.rawValue.utf8)
        return key
    }

    /// Lowercase, accents removed ("Réserver" → "reserver"), as UTF-8 bytes.
    static func fold(_ text: String) -> [UInt8] {
        var cache = FoldCache()
        return fold(text, cache: &cache)
    }

    /// Folded bytes of each non-ASCII character seen, so a load folds each
    /// distinct character once.
    typealias FoldCache = [Unicode.Scalar: [UInt8]]

    static func fold(_ text: String, cache: inout FoldCache) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 { out.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte) }
            return out
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                out.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
            } else if let folded = cache[scalar] {
                out += folded
            } else {
                var folded: [UInt8] = []
                for part in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
                where part.properties.generalCategory != .nonspacingMark {
                    UTF8.encode(part) { folded.append($0) }
                }
                cache[scalar] = folded
                out += folded
            }
        }
        return out
    }

    /// A typed query folded like the keys; spaces are dropped (a fuzzy match
    /// does not care where the words break).
    static func foldQuery(_ text: String) -> [UInt8] {
        fold(text).filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }
    }

    /// Whether `query` is a subsequence of one field of `key` (fields are
    /// separated by line feeds), by whole characters: a multi-byte character
    /// of the query only matches the same character.
    static func matches(_ key: [UInt8], _ query: [UInt8]) -> Bool {
        if query.isEmpty { return true }
        return key.withUnsafeBufferPointer { k in
            query.withUnsafeBufferPointer { q in
                var ki = 0, qi = 0
                let kn = k.count, qn = q.count
                let first = q[0]
                if qn == (first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4) {
                    // One character (the first keystroke): is it anywhere?
                    guard let base = k.baseAddress, kn >= qn else { return false }
                    while ki < kn, let found = memchr(base + ki, Int32(first), kn - ki) {
                        let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                        if at + qn <= kn && (1..<qn).allSatisfy({ k[at + $0] == q[$0] }) { return true }
                        ki = at + 1
                    }
                    return false
                }
                guard let base = k.baseAddress else { return false }
                func find(_ byte: UInt8, from start: Int) -> Int {
                    guard start < kn, let found = memchr(base + start, Int32(byte), kn - start) else { return kn }
                    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                // The end of the field being matched (the next line feed).
                var fieldEnd = find(0x0A, from: 0)
                while qi < qn {
                    let lead = q[qi]
                    let at = find(lead, from: ki)
                    if at >= kn { return false }
                    if at > fieldEnd {
                        // Not in this field: start again on the next one.
                        qi = 0
                        ki = fieldEnd + 1
                        fieldEnd = find(0x0A, from: ki)
                        continue
                    }
                    let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    var same = at + length <= kn && qi + length <= qn
                    var j = 1
                    while same && j < length {
                        if k[at + j] != q[qi + j] { same = false }
                        j += 1
                    }
                    if same {
                        ki = at + length
                        qi += length
                    } else {
                        ki = at + 1
                    }
                }
                return true
            }
        }
    }
}
