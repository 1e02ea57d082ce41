import ActionModel
import Foundation

/// The two tabs of the Actions page.
enum ActionsTab: Int, CaseIterable, Sendable {
    /// Custom Input actions: the Custom External Actions of the product.
    case customExternal
    /// The phone-only kinds: End Conversation, Transfer Calls, DTMF, Warm Transfer.
    case call

    var title: String { self == .customExternal ? "Custom External Actions" : "Call Actions" }

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

/// Every action in the store with what the list needs precomputed: a folded
/// (lowercase, accent-free) search key and sort keys, and for each sort column
/// the order of all actions. Built once per load and patched on each change,
/// so typing in the filter or moving never touches the Action values.
struct ActionIndex: Sendable {
    private(set) var actions: [Action] = []
    /// `name \n function_name \n description \n id`, folded, as UTF-8.
    private(set) var searchKeys: [[UInt8]] = []
    private(set) var nameKeys: [[UInt8]] = []
    private(set) var triggerKeys: [[UInt8]] = []
    private(set) var phoneOnly: [Bool] = []
    private var positions: [ActionID: Int] = [:]
    /// For each `SortColumn`, every action's position, ascending.
    private(set) var orders: [[Int]] = Array(repeating: [], count: SortColumn.allCases.count)
    private(set) var phoneOnlyCount = 0

    init(_ list: [Action] = []) {
        var seen = Set<ActionID>()
        actions.reserveCapacity(list.count)
        for action in list where seen.insert(action.id).inserted { actions.append(action) }
        searchKeys = actions.map(Self.searchKey)
        nameKeys = actions.map { Self.fold($0.name) }
        triggerKeys = actions.map { Self.fold($0.trigger.label) }
        phoneOnly = actions.map(\.kind.isPhoneOnly)
        phoneOnlyCount = phoneOnly.reduce(0) { $0 + ($1 ? 1 : 0) }
        positions.reserveCapacity(actions.count)
        for (position, action) in actions.enumerated() { positions[action.id] = position }
        for column in SortColumn.allCases {
            orders[column.rawValue] = Array(actions.indices).sorted { precedes($0, $1, by: column) }
        }
    }

    var count: Int { actions.count }

    func count(in tab: ActionsTab) -> Int { tab == .call ? phoneOnlyCount : actions.count - phoneOnlyCount }

    func position(of id: ActionID) -> Int? { positions[id] }

    func action(_ id: ActionID) -> Action? { positions[id].map { actions[$0] } }

    var functionNames: Set<String> { Set(actions.map(\.functionName)) }

    /// Adds or replaces one action, keeping every order sorted: O(n), not a re-sort.
    mutating func upsert(_ action: Action) {
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
            nameKeys.append([])
            triggerKeys.append([])
            phoneOnly.append(false)
            positions[action.id] = position
        }
        searchKeys[position] = Self.searchKey(action)
        nameKeys[position] = Self.fold(action.name)
        triggerKeys[position] = Self.fold(action.trigger.label)
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
    mutating func remove(_ id: ActionID) -> Action? {
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
            nameKeys.swapAt(position, last)
            triggerKeys.swapAt(position, last)
            phoneOnly.swapAt(position, last)
            positions[actions[position].id] = position
        }
        actions.removeLast()
        searchKeys.removeLast()
        nameKeys.removeLast()
        triggerKeys.removeLast()
        phoneOnly.removeLast()
        return removed
    }

    /// Ascending order of two positions by a column; ties go by ID so the
    /// order is total and stable across reloads.
    func precedes(_ a: Int, _ b: Int, by column: SortColumn) -> Bool {
        switch column {
        case .name:
            if nameKeys[a] != nameKeys[b] { return nameKeys[a].lexicographicallyPrecedes(nameKeys[b]) }
        case .trigger:
            if triggerKeys[a] != triggerKeys[b] { return triggerKeys[a].lexicographicallyPrecedes(triggerKeys[b]) }
        case .updated:
            let x = actions[a].updatedAt, y = actions[b].updatedAt
            if x != y { return x < y }
        case .id:
            break
        }
        return actions[a].id.rawValue < actions[b].id.rawValue
    }

    // MARK: Folding and matching

    static func searchKey(_ action: Action) -> [UInt8] {
        var key = fold(action.name)
        key.append(10)
        key += fold(action.functionName)
        key.append(10)
        key += fold(action.description)
        key.append(10)
        key += Array(action.id.rawValue.utf8)
        return key
    }

    /// Lowercase, accents removed ("Réserver" → "reserver"), as UTF-8 bytes.
    static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 { out.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte) }
            return out
        }
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            UTF8.encode(scalar) { out.append($0) }
        }
        return out
    }

    /// A typed query folded like the keys; spaces are dropped (a fuzzy match
    /// does not care where the words break).
    static func foldQuery(_ text: String) -> [UInt8] {
        fold(text).filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }
    }

    /// Whether `query` is a subsequence of `key`, by whole characters: a
    /// multi-byte character of the query only matches the same character.
    static func matches(_ key: [UInt8], _ query: [UInt8]) -> Bool {
        if query.isEmpty { return true }
        return key.withUnsafeBufferPointer { k in
            query.withUnsafeBufferPointer { q in
                var ki = 0, qi = 0
                let kn = k.count, qn = q.count
                while qi < qn {
                    let lead = q[qi]
                    let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    while true {
                        while ki < kn && k[ki] != lead { ki += 1 }
                        if ki + length > kn { return false }
                        var same = true
                        var j = 1
                        while j < length {
                            if qi + j >= qn || k[ki + j] != q[qi + j] { same = false; break }
                            j += 1
                        }
                        if same { break }
                        ki += 1
                    }
                    ki += length
                    qi += length
                }
                return true
            }
        }
    }
}
