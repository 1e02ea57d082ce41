import Screen
import XCTest

@testable import Console

/// Each key of a keymap row does what running the row's command does, in
/// every one of `states` of a form: the key is the row's command (`command(for:)`),
/// and pressing it leaves the form as running the command does, with the same
/// answer. A key an earlier row that applies has is that row's (⏎ in the
/// agent's prompt is a new line, not the next field); a printable key is
/// text while the form types text. `comparingNot` leaves out commands whose
/// result differs every time (a fresh ID): their key is still checked.
func assertEachKeyOfARowRunsItsCommand<Form: KeyedForm & Equatable>(
    _ states: [(String, Form)], comparingNot: [Form.KeyCommand] = [], file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertFalse(states.isEmpty, "no form states to check", file: file, line: line)
    for (name, form) in states {
        let applying = Form.keys.filter { $0.applies(form) }
        for (at, row) in applying.enumerated() {
            for pair in row.pairs where !(form.typesText && pair.key.isPrintable)
                && !applying[..<at].contains(where: { $0.command(for: pair.key) != nil }) {
                XCTAssertEqual(form.command(for: pair.key), pair.command, "\(name): \(pair.key.label) is in '\(row.label)'",
                               file: file, line: line)
                guard !comparingNot.contains(pair.command) else { continue }
                var byKey = form
                let keyOutcome = byKey.handle(.key(pair.key))
                var byCommand = form
                byCommand.message = nil
                let commandOutcome = byCommand.run(pair.command)
                XCTAssertEqual(keyOutcome, commandOutcome, "\(name): \(pair.key.label)", file: file, line: line)
                XCTAssertEqual(byKey, byCommand, "\(name): \(pair.key.label) did something else than \(pair.command)",
                               file: file, line: line)
            }
        }
    }
}

/// The same, for forms read off the console's state (nil: the form did not open).
func assertEachKeyOfARowRunsItsCommand<Form: KeyedForm & Equatable>(
    _ states: [(String, Form?)], comparingNot: [Form.KeyCommand] = [], file: StaticString = #filePath, line: UInt = #line
) {
    var forms: [(String, Form)] = []
    for (name, form) in states {
        if let form { forms.append((name, form)) } else { XCTFail("\(name): the form is not open", file: file, line: line) }
    }
    assertEachKeyOfARowRunsItsCommand(forms, comparingNot: comparingNot, file: file, line: line)
}

/// Every hint a form's bar shows (`hints`: its renderer's) is the hint of one
/// of its rows that applies and wants its hint shown now, in each of `states`.
func assertEveryHintIsARow<Form: KeyedForm>(_ states: [(String, Form?)], hints: (Form) -> [KeyHint],
                                            file: StaticString = #filePath, line: UInt = #line) {
    for (name, form) in states {
        guard let form else {
            XCTFail("\(name): the form is not open", file: file, line: line)
            continue
        }
        for hint in hints(form) {
            XCTAssertTrue(Form.keys.contains { $0.applies(form) && $0.hinted(form) && $0.hint(in: form) == hint }, "\(name): \(hint)",
                          file: file, line: line)
        }
    }
}

/// The lines help lists for `rows`: each row that has help, under its label.
func helpLines<Context, Action>(_ rows: [KeyRow<Context, Action>]) -> [KeyHint] {
    rows.compactMap { row in row.help.map { KeyHint(row.label, $0) } }
}

/// Help while a record form is open (`state`): the form's rows under `title`,
/// then the question's ("Conflicts"), worded for `noun` ("save as a new agent").
func assertRecordFormHelp<Form: RecordForm>(_ form: Form.Type, noun: String, title: String, in state: ConsoleState,
                                            file: StaticString = #filePath, line: UInt = #line) {
    let help = Keymap.helpSections(for: state)
    XCTAssertEqual(help.first?.title, title, file: file, line: line)
    XCTAssertEqual(help.first?.keys, helpLines(Form.keys), file: file, line: line)
    let conflicts = help.first { $0.title == "Conflicts" }
    XCTAssertEqual(conflicts?.keys, helpLines(RecordFormQuestion<Form.Record>.keys(noun: noun)), file: file, line: line)
    XCTAssertTrue(conflicts?.keys.contains(KeyHint("s", "save as a new \(noun) (when it was deleted)")) == true, file: file, line: line)
}
