@testable import ActionModel
@testable import Console
import XCTest

/// On a shared store a live update reloads the list; an open action editor whose
/// record is now stored at a newer version says so before the user presses Ctrl-S.
final class ChangedElsewhereNoticeTests: XCTestCase {
    func testAReloadWithANewerVersionShowsTheNoticeInTheEditor() throws {
        var state = Fixtures.state()
        let id = try XCTUnwrap(state.pressAndOpen(.enter))
        XCTAssertFalse(state.screen.contains("Changed by someone else"), state.screen)

        // The same version comes back: nothing to say.
        state.send(.actions(.loaded(ActionList(Fixtures.all.map(\.summary)))))
        XCTAssertFalse(state.screen.contains("Changed by someone else"), state.screen)

        var theirs = try XCTUnwrap(Fixtures.all.first { $0.id == id })
        theirs.version += 1
        let list = Fixtures.all.map { $0.id == id ? theirs.summary : $0.summary }
        state.send(.actions(.loaded(ActionList(list))))
        let screen = state.screen
        XCTAssertTrue(screen.contains("Changed by someone else since you opened it (version \(theirs.version))"), screen)
        XCTAssertNotNil(state.actions.editor, "the form stays open with what was typed")
    }

    func testTheNoticeGoesOnceTheFormTakesTheNewerVersion() throws {
        var state = Fixtures.state()
        let id = try XCTUnwrap(state.pressAndOpen(.enter))
        var theirs = try XCTUnwrap(Fixtures.all.first { $0.id == id })
        theirs.version += 1
        state.send(.actions(.loaded(ActionList(Fixtures.all.map { $0.id == id ? theirs.summary : $0.summary }))))
        XCTAssertNotNil(state.actions.editor?.changedElsewhereNotice)
        state.actions.editor?.reload(theirs)
        XCTAssertNil(state.actions.editor?.changedElsewhereNotice)
        XCTAssertFalse(state.screen.contains("Changed by someone else"), state.screen)
    }
}
