import ArgumentParser
import SwitchboardCLI
import XCTest

/// A command without `commandName:` costs start-up time (see `SwitchboardCommand`):
/// every command in the tree names itself, and the names are the ones documented.
final class CommandNamesTests: XCTestCase {
    private func paths(_ command: ParsableCommand.Type, prefix: [String] = [], unnamed: inout [String]) -> [String] {
        guard let name = command.configuration.commandName else {
            unnamed.append((prefix + ["\(command)"]).joined(separator: " "))
            return []
        }
        let path = prefix + [name]
        return [path.joined(separator: " ")] + command.configuration.subcommands.flatMap { paths($0, prefix: path, unnamed: &unnamed) }
    }

    func testEveryCommandNamesItself() {
        var unnamed: [String] = []
        let all = paths(SwitchboardCommand.self, unnamed: &unnamed)
        XCTAssertEqual(unnamed, [], "give these commands a commandName: in their CommandConfiguration")
        for expected in ["switchboard actions list", "switchboard webhooks send-pending", "switchboard environments unset",
                         "switchboard signatures verify", "switchboard store copy", "switchboard models test"] {
            XCTAssertTrue(all.contains(expected), "\(expected) is missing from \(all)")
        }
        XCTAssertEqual(Set(all).count, all.count, "two commands share a path")
    }
}
