import ActionModel
import CallSimulation
import Screen
import XCTest
@testable import Console

/// The call pane with a model engine: words stream into the transcript, the
/// time to first token shows live, Esc cancels the reply, a 429 counts down.
final class CallPaneModelTests: XCTestCase {
    func streaming() -> ConsoleState {
        var state = CallScript.started()
        state.call(.event(.agentSaid("Hi, thanks for calling. How can I help?")), at: 0.02)
        state.call(.event(.callerSaid("I'd like to sign up")), at: 2)
        state.call(.model(.started), at: 2)
        state.call(.model(.firstToken(milliseconds: 312.4)), at: 2.31)
        state.call(.model(.text("Sure, I can ")), at: 2.31)
        state.call(.model(.text("help with")), at: 2.4)
        state.send(.clock(CallScript.at(2.5)))
        return state
    }

    func testWordsStreamInAndTheFirstTokenShowsLive() {
        let state = streaming()
        let screen = state.screen
        XCTAssertTrue(screen.contains("Agent  Sure, I can help with▍"), screen)
        XCTAssertTrue(screen.contains("thinking · 500 ms · first token 312 ms · Esc cancels"), screen)
        XCTAssertTrue(screen.contains("Caller › the agent is answering: lines typed now are not h"), screen)
        XCTAssertEqual(state.callPane?.phase, .waiting)
    }

    func testTheTurnEndingReplacesTheStreamWithTheSpokenLineAndItsFigures() {
        var state = streaming()
        state.call(.modelTurnEnded(summary: "first token 312 ms, 640 ms, 420 in / 12 out tokens", fault: nil), at: 2.64)
        state.call(.event(.agentSaid("Sure, I can help with that. What's your email?")), at: 2.64)
        let screen = state.screen
        XCTAssertFalse(screen.contains("▍"), screen)
        XCTAssertTrue(screen.contains("· model: first token 312 ms, 640 ms, 420 in / 12 out"), screen)
        XCTAssertTrue(screen.contains("Agent  Sure, I can help with that. What's your email?"), screen)
        XCTAssertNil(state.callPane?.thinking)
        XCTAssertEqual(state.callPane?.phase, .collecting)
    }

    func testEscCancelsAStreamingReplyOnce() {
        var state = streaming()
        let id = state.callID!
        XCTAssertEqual(state.press(.escape), [.call(.cancelRequest(id))])
        XCTAssertEqual(state.press(.escape), [], "a second Esc waits for the first")
        XCTAssertTrue(state.screen.contains("cancelling…"), state.screen)
        state.call(.modelTurnEnded(summary: "810 ms", fault: "the reply was cancelled"), at: 2.8)
        state.call(.event(.agentSaid("Sorry, I stopped there. What would you like to do?")), at: 2.8)
        XCTAssertTrue(state.screen.contains("model turn failed: the reply was cancelled"), state.screen)
        XCTAssertEqual(state.callPane?.cancelling, false)
        XCTAssertNil(state.overlay)
    }

    /// A key the model echoes split across two stream pieces never shows in
    /// any frame: the pieces go through the driver's `StreamMasking` (over
    /// the accumulated text) before they reach the pane.
    func testASecretSplitAcrossStreamPiecesNeverShowsInAnyFrame() {
        let key = "sk_live_planted_0123456789"
        var masking = StreamMasking(TemplateContext(secrets: ["API_KEY": key]))
        var state = CallScript.started()
        state.call(.event(.callerSaid("what's the key?")), at: 1)
        state.call(.model(.started), at: 1)
        let pieces = ["Your key is sk_live_pl", "anted_0123", "456789 — keep it safe", "."]
        var frames: [String] = []
        for (index, piece) in pieces.enumerated() {
            let shown = masking.append(piece)
            if !shown.isEmpty { state.call(.model(.text(shown)), at: 1.1 + Double(index) / 10) }
            frames.append(state.screen)
        }
        for frame in frames {
            XCTAssertFalse(frame.contains("sk_live_pl") || frame.contains("0123456789"), "part of the key is on screen:\n\(frame)")
        }
        XCTAssertFalse(frames[0].contains("sk_live_pl"), "a tail that may become a secret is held back:\n\(frames[0])")
        XCTAssertTrue(frames[0].contains("Your key is"), frames[0])
        XCTAssertTrue(frames[2].contains("Your key is {{secret.API_KEY}} — keep it safe"), frames[2])
    }

    func test429CountsDown() {
        var state = streaming()
        state.call(.model(.retrying(afterSeconds: 3, status: 429)), at: 2.6)
        XCTAssertTrue(state.screen.contains("the model said 429 · retrying in 3 s"), state.screen)
        state.call(.model(.retrying(afterSeconds: 2, status: 429)), at: 3.6)
        XCTAssertTrue(state.screen.contains("retrying in 2 s"), state.screen)
    }
}

/// The agent form's engine row: `rules` or a model's name, kept on edit, and
/// a model the store doesn't know is shown on the row (the picker: EnginePickerTests).
final class AgentFormEngineTests: XCTestCase {
    func testEditingKeepsTheEngineAndAnUnknownModelIsShownOnTheRow() {
        let agent = Agent(name: "Front desk", model: "gpt-4o-mini")
        var form = AgentFormState(editing: agent, choices: [], takenNames: [])
        XCTAssertEqual(form.engine, "gpt-4o-mini")
        XCTAssertEqual(form.draftAgent.model, "gpt-4o-mini", "saving the form keeps the engine")
        form.cycleEngine(by: 1)  // the models not read yet: rules and the agent's own
        XCTAssertNil(form.draftAgent.model)
        form.engine = "claude"
        form.saveFailed(AgentFailure(reason: .notFound, message: "model 'claude' (the engine of agent 'Front desk'); `switchboard models list` shows them, or use --model rules"))
        XCTAssertEqual(form.focus, .engine)
        XCTAssertTrue(form.errors[.engine]?.contains("model 'claude'") == true)
        var buffer = ScreenBuffer(width: 80, height: 24)
        AgentFormRenderer.render(form, into: &buffer, in: Rect(x: 0, y: 0, width: 80, height: 24))
        XCTAssertTrue(buffer.text.contains("Engine") && buffer.text.contains("claude"), buffer.text)
    }
}
