import ActionModel
import XCTest
@testable import Console

final class ActionIndexTests: XCTestCase {
    func key(_ s: String) -> [UInt8] { ActionIndex.fold(s) }

    func testFoldLowercasesAndDropsAccents() {
        XCTAssertEqual(String(decoding: key("Réserver un CRÉNEAU"), as: UTF8.self), "reserver un creneau")
        XCTAssertEqual(String(decoding: key("予約"), as: UTF8.self), "予約")
    }

    func testSubsequenceMatchByWholeCharacters() {
        XCTAssertTrue(ActionIndex.matches(key("create crm lead"), ActionIndex.foldQuery("ccl")))
        XCTAssertTrue(ActionIndex.matches(key("create crm lead"), ActionIndex.foldQuery("crm lead")))
        XCTAssertFalse(ActionIndex.matches(key("create crm lead"), ActionIndex.foldQuery("lc rm")))
        XCTAssertTrue(ActionIndex.matches(key("予約を確認する"), ActionIndex.foldQuery("予確")))
        XCTAssertFalse(ActionIndex.matches(key("予約"), ActionIndex.foldQuery("確")))
        // é (C3 A9) must not match from the bytes of other characters.
        XCTAssertFalse(ActionIndex.matches(Array("é".utf8) == [0xC3, 0xA9] ? [0xC3, 0x41, 0xA9] : [], [0xC3, 0xA9]))
        XCTAssertTrue(ActionIndex.matches(key("🚚 track"), ActionIndex.foldQuery("🚚t")))
        XCTAssertTrue(ActionIndex.matches(key("anything"), []))
    }

    func testUpsertAndRemoveKeepOrdersSorted() {
        var index = ActionIndex(Fixtures.generated(200).map(\.summary))
        var rng = SeededRandom(seed: 7)
        for i in 0..<100 {
            if i % 3 == 0, let victim = index.actions.randomElement(using: &rng) {
                index.remove(victim.id)
            } else if i % 3 == 1, var changed = index.actions.randomElement(using: &rng) {
                changed.name = "Renamed \(rng.next() % 1000)"
                changed.updatedAt = Fixtures.date(Int(rng.next() % 400))
                index.upsert(changed)
            } else {
                index.upsert(Fixtures.generated(1, seed: rng.next())[0].summary)
            }
        }
        let rebuilt = ActionIndex(index.actions)
        for column in SortColumn.allCases {
            XCTAssertEqual(index.orders[column.rawValue].map { index.actions[$0].id },
                           rebuilt.orders[column.rawValue].map { rebuilt.actions[$0].id }, "\(column)")
        }
        XCTAssertEqual(index.count(in: .call), index.actions.filter(\.kind.isPhoneOnly).count)
        for (position, action) in index.actions.enumerated() { XCTAssertEqual(index.position(of: action.id), position) }
    }
}
