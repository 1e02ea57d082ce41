import Foundation
import XCTest
@testable import Screen

/// The repository's top-level `themes/` folder, found from this file's path.
let themesDirectory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes")

final class ThemeParsingTests: XCTestCase {
    func testColourSpellings() {
        XCTAssertEqual(ThemeColor(parsing: "default"), .default)
        XCTAssertEqual(ThemeColor(parsing: "black"), .indexed(0))
        XCTAssertEqual(ThemeColor(parsing: "magenta"), .indexed(5))
        XCTAssertEqual(ThemeColor(parsing: "bright-white"), .indexed(15))
        XCTAssertEqual(ThemeColor(parsing: "Bright_Red"), .indexed(9))
        XCTAssertEqual(ThemeColor(parsing: "grey"), .indexed(8))
        XCTAssertEqual(ThemeColor(parsing: "0"), .indexed(0))
        XCTAssertEqual(ThemeColor(parsing: "255"), .indexed(255))
        XCTAssertEqual(ThemeColor(parsing: "#ff8000"), .rgb(255, 128, 0))
        XCTAssertEqual(ThemeColor(parsing: "#F80"), .rgb(255, 136, 0))
        for bad in ["purpl", "256", "-1", "#ff80", "#gggggg", "", "bright-", "rgb(1,2,3)"] {
            XCTAssertNil(ThemeColor(parsing: bad), bad)
        }
    }

    func testColourDescriptionRoundTrips() {
        for colour: ThemeColor in [.default, .indexed(3), .indexed(12), .indexed(200), .rgb(1, 0xab, 255)] {
            XCTAssertEqual(ThemeColor(parsing: colour.description), colour)
        }
        XCTAssertEqual(ThemeColor.rgb(1, 0xab, 255).description, "#01abff")
    }

    func testParsesRolesAndAttributes() throws {
        let theme = try Theme.parse(json: """
            {"name": "mine", "description": "d", "roles": {
              "selection": {"fg": "black", "bg": "#00afff", "bold": true, "underline": true},
              "muted": {"fg": 244, "dim": true, "reverse": false}
            }}
            """, file: "themes/mine.json")
        XCTAssertEqual(theme.name, "mine")
        XCTAssertEqual(theme.description, "d")
        XCTAssertEqual(theme[.selection], RoleStyle(foreground: .indexed(0), background: .rgb(0, 0xaf, 0xff), bold: true, underline: true))
        XCTAssertEqual(theme[.muted], RoleStyle(foreground: .indexed(244), dim: true))
    }

    func testMissingRolesFallBackToTheDefaultTheme() throws {
        let theme = try Theme.parse(json: #"{"roles": {"error": {"fg": "red"}}}"#, file: "/tmp/x/partial.json")
        XCTAssertEqual(theme.name, "partial")  // from the file name
        XCTAssertEqual(theme[.error], RoleStyle(foreground: .indexed(1)))
        for role in StyleRole.allCases where role != .error {
            XCTAssertEqual(theme[role], Theme.default[role], role.rawValue)
        }
        let empty = try Theme.parse(json: "{}", file: "e.json", fallback: .monochrome)
        for role in StyleRole.allCases { XCTAssertEqual(empty[role], Theme.monochrome[role]) }
    }

    func testBadColourNamesTheFileAndKey() {
        let json = #"{"roles": {"selection": {"fg": "purpl"}}}"#
        XCTAssertThrowsError(try Theme.parse(json: json, file: "themes/x.json")) { error in
            XCTAssertEqual(
                String(describing: error),
                "themes/x.json: roles.selection.fg: 'purpl' is not a colour; use a name like 'magenta', 0-255 or #rrggbb"
            )
        }
    }

    func testErrors() {
        func message(_ json: String) -> String {
            do {
                _ = try Theme.parse(json: json, file: "t.json")
                return "no error"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(message(#"{"roles": {"text": {"bg": 300}}}"#), "t.json: roles.text.bg: 300 is not a colour; use a name like 'magenta', 0-255 or #rrggbb")
        XCTAssertEqual(message(#"{"roles": {"text": {"bg": 1.5}}}"#), "t.json: roles.text.bg: 1.5 is not a colour; use a name like 'magenta', 0-255 or #rrggbb")
        XCTAssertEqual(message(#"{"roles": {"text": {"fg": true}}}"#), "t.json: roles.text.fg: expected a colour, found true/false; use a name like 'magenta', 0-255 or #rrggbb")
        XCTAssertEqual(message(#"{"roles": {"text": {"bold": "yes"}}}"#), "t.json: roles.text.bold: expected true or false, found a string")
        XCTAssertEqual(message(#"{"roles": {"text": {"bold": 1}}}"#), "t.json: roles.text.bold: expected true or false, found a number")
        XCTAssertEqual(message(#"{"roles": {"text": {"blink": true}}}"#), "t.json: roles.text.blink: unknown key; use fg, bg, bold, underline, reverse, dim")
        XCTAssertTrue(message(#"{"roles": {"selected": {}}}"#).hasPrefix("t.json: roles.selected: unknown role; the roles are text, muted, accent, selection"))
        XCTAssertTrue(message(#"{"roles": {"text": "red"}}"#).hasPrefix("t.json: roles.text: expected an object"))
        XCTAssertEqual(message(#"{"roles": []}"#), "t.json: roles: expected an object of roles, found a list")
        XCTAssertEqual(message(#"{"colours": {}}"#), "t.json: colours: unknown key; use name, description, roles")
        XCTAssertEqual(message(#"{"name": 3}"#), "t.json: name: expected a string, found a number")
        XCTAssertTrue(message("[1, 2]").hasPrefix("t.json: expected a JSON object"))
        XCTAssertTrue(message(#"{"roles": {"#).hasPrefix("t.json: not valid JSON"))
        XCTAssertTrue(message("").hasPrefix("t.json: not valid JSON"))
    }

    func testLookAddsTheCellsAttributes() {
        var theme = Theme.monochrome
        theme[.accent] = RoleStyle(foreground: .indexed(6), reverse: true)
        XCTAssertEqual(theme.look(of: Style(.accent, bold: true)), RoleStyle(foreground: .indexed(6), bold: true, reverse: true))
        XCTAssertEqual(theme.look(of: Style(.accent, reverse: true)).reverse, true)  // added, never taken away
        XCTAssertEqual(theme.look(of: Style(.accent)), theme[.accent])
        XCTAssertEqual(theme.look(of: Style(.text, underline: true)), RoleStyle(underline: true))
    }

    func testMonochromeUsesNoColour() {
        XCTAssertFalse(Theme.monochrome.usesColour)
        XCTAssertTrue(Theme.default.usesColour)
        // Every role still looks different from plain text where it matters.
        for role: StyleRole in [.selection, .tabActive, .sidebarActive, .error, .title, .input] {
            XCTAssertNotEqual(Theme.monochrome[role], .plain, role.rawValue)
        }
    }

    func testJSONRoundTrips() throws {
        for name in ThemeCatalog.builtinNames {
            let theme = try XCTUnwrap(ThemeCatalog.builtin(name))
            XCTAssertEqual(try Theme.parse(json: theme.json, file: "x.json"), theme, name)
        }
    }
}

final class BuiltinThemeTests: XCTestCase {
    func testEmbeddedThemesMatchTheFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesDirectory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(
            files.map { String($0.dropLast(5)) }, BuiltinThemes.files.map(\.name),
            "themes/*.json and Sources/Screen/BuiltinThemes.swift list different themes: run python3 scripts/embed-themes.py"
        )
        for file in files {
            let text = try String(contentsOf: themesDirectory.appendingPathComponent(file), encoding: .utf8)
            XCTAssertEqual(
                BuiltinThemes.source(named: String(file.dropLast(5))), text,
                "themes/\(file) differs from its embedded copy: run python3 scripts/embed-themes.py"
            )
        }
    }

    func testTheBuiltinsAreThere() {
        for name in ["dark", "light", "high-contrast", "monochrome"] {
            XCTAssertTrue(ThemeCatalog.builtinNames.contains(name), name)
        }
        XCTAssertEqual(ThemeCatalog.defaultName, "dark")
        XCTAssertEqual(Theme.default.name, "dark")
    }

    func testEveryBuiltinParsesAndSetsEveryRole() throws {
        for (name, json) in BuiltinThemes.files {
            let file = "themes/\(name).json"
            let theme = try Theme.parse(json: json, file: file)
            XCTAssertEqual(theme.name, name)
            XCTAssertFalse(theme.description.isEmpty, file)
            // Every role is spelled out, so no built-in depends on another's looks.
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let roles = try XCTUnwrap(object["roles"] as? [String: Any])
            XCTAssertEqual(Set(roles.keys), Set(StyleRole.allCases.map(\.rawValue)), file)
        }
    }

    func testMonochromeFileIsTheMonochromeTheme() throws {
        let json = try XCTUnwrap(BuiltinThemes.source(named: "monochrome"))
        XCTAssertEqual(try Theme.parse(json: json, file: "themes/monochrome.json"), Theme.monochrome)
    }

    func testReadmeDocumentsEveryRoleAndKey() throws {
        let readme = try String(contentsOf: themesDirectory.appendingPathComponent("README.md"), encoding: .utf8)
        for role in StyleRole.allCases { XCTAssertTrue(readme.contains("`\(role.rawValue)`"), "README lacks role \(role.rawValue)") }
        for key in Theme.roleKeys + Theme.topLevelKeys { XCTAssertTrue(readme.contains("`\(key)`"), "README lacks key \(key)") }
    }

    func testSelectionStaysReadableOnSmallPalettes() {
        // The selected row must differ from plain text on every kind of terminal.
        for name in ThemeCatalog.builtinNames where name != "monochrome" {
            let theme = ThemeCatalog.builtin(name)!
            for colors in [8, 16, 256] {
                let selection = theme[.selection], text = theme[.text]
                let differs = selection.background.paletteIndex(forColors: colors) != text.background.paletteIndex(forColors: colors)
                    || selection.reverse != text.reverse
                XCTAssertTrue(differs, "\(name) with \(colors) colours")
                XCTAssertNotEqual(
                    selection.foreground.paletteIndex(forColors: colors), selection.background.paletteIndex(forColors: colors),
                    "\(name) selection unreadable with \(colors) colours"
                )
            }
        }
    }
}

final class ColourDowngradeTests: XCTestCase {
    func testDefaultStaysDefault() {
        for colors in [0, 8, 16, 256, 16_777_216] { XCTAssertEqual(ThemeColor.default.paletteIndex(forColors: colors), -1) }
    }

    func testNoColourTerminalGetsDefault() {
        XCTAssertEqual(ThemeColor.indexed(1).paletteIndex(forColors: 0), -1)
        XCTAssertEqual(ThemeColor.rgb(255, 0, 0).paletteIndex(forColors: 2), -1)
    }

    func testIndexesKeptWhenTheTerminalHasThem() {
        XCTAssertEqual(ThemeColor.indexed(200).paletteIndex(forColors: 256), 200)
        XCTAssertEqual(ThemeColor.indexed(12).paletteIndex(forColors: 16), 12)
        XCTAssertEqual(ThemeColor.indexed(5).paletteIndex(forColors: 8), 5)
        XCTAssertEqual(ThemeColor.indexed(12).paletteIndex(forColors: 88), 12)
    }

    func testRGBToThe256Palette() {
        XCTAssertEqual(ThemeColor.rgb(255, 0, 0).paletteIndex(forColors: 256), 196)
        XCTAssertEqual(ThemeColor.rgb(0, 0, 0).paletteIndex(forColors: 256), 16)
        XCTAssertEqual(ThemeColor.rgb(255, 255, 255).paletteIndex(forColors: 256), 231)
        XCTAssertEqual(ThemeColor.rgb(0x5f, 0x87, 0xaf).paletteIndex(forColors: 256), 67)
        XCTAssertEqual(ThemeColor.rgb(0x80, 0x80, 0x80).paletteIndex(forColors: 256), 244)  // grey ramp
        XCTAssertEqual(ThemeColor.rgb(0x30, 0x30, 0x30).paletteIndex(forColors: 256), 236)
        XCTAssertEqual(ThemeColor.rgb(0xaf, 0x5f, 0x00).paletteIndex(forColors: 256), 130)
        XCTAssertEqual(ThemeColor.rgb(0xfe, 0x01, 0x02).paletteIndex(forColors: 256), 196)  // near, not exact
    }

    func testDownTo16() {
        XCTAssertEqual(ThemeColor.rgb(255, 0, 0).paletteIndex(forColors: 16), 9)
        XCTAssertEqual(ThemeColor.rgb(200, 0, 0).paletteIndex(forColors: 16), 1)
        XCTAssertEqual(ThemeColor.indexed(196).paletteIndex(forColors: 16), 9)
        XCTAssertEqual(ThemeColor.indexed(236).paletteIndex(forColors: 16), 0)
        XCTAssertEqual(ThemeColor.indexed(252).paletteIndex(forColors: 16), 7)
        XCTAssertEqual(ThemeColor.indexed(244).paletteIndex(forColors: 16), 8)
        XCTAssertEqual(ThemeColor.rgb(0, 0x87, 0xaf).paletteIndex(forColors: 16), 6)
    }

    func testDownTo8() {
        XCTAssertEqual(ThemeColor.indexed(9).paletteIndex(forColors: 8), 1)
        XCTAssertEqual(ThemeColor.indexed(15).paletteIndex(forColors: 8), 7)
        XCTAssertEqual(ThemeColor.indexed(8).paletteIndex(forColors: 8), 7)  // grey is nearer white than black
        XCTAssertEqual(ThemeColor.rgb(0, 0, 255).paletteIndex(forColors: 8), 4)
        XCTAssertEqual(ThemeColor.indexed(226).paletteIndex(forColors: 8), 3)
    }

    func testPaletteRGB() {
        XCTAssertEqual(ThemeColor.rgbOfIndex(16).0, 0)
        XCTAssertTrue(ThemeColor.rgbOfIndex(196) == (255, 0, 0))
        XCTAssertTrue(ThemeColor.rgbOfIndex(67) == (0x5f, 0x87, 0xaf))
        XCTAssertTrue(ThemeColor.rgbOfIndex(232) == (8, 8, 8))
        XCTAssertTrue(ThemeColor.rgbOfIndex(255) == (238, 238, 238))
    }

    func testEveryResultIsInRange() {
        for colors in [8, 16, 88, 256] {
            for n in 0..<256 {
                let index = ThemeColor.indexed(n).paletteIndex(forColors: colors)
                XCTAssertTrue((0..<colors).contains(index), "\(n) on \(colors)")
            }
            for v in stride(from: 0, through: 255, by: 17) {
                let index = ThemeColor.rgb(UInt8(v), UInt8(255 - v), UInt8(v / 2)).paletteIndex(forColors: colors)
                XCTAssertTrue((0..<colors).contains(index))
            }
        }
    }
}

final class ThemeCatalogTests: XCTestCase {
    /// A fake file system: path → text.
    func reader(_ files: [String: String]) -> (String) throws -> String? { { files[$0] } }

    func testDefaultIsDark() {
        let r = ThemeCatalog.resolve(requested: nil, environment: ["HOME": "/h"], readFile: reader([:]))
        XCTAssertEqual(r.theme, Theme.default)
        XCTAssertNil(r.warning)
        XCTAssertEqual(ThemeCatalog.resolve(requested: "  ", environment: [:], readFile: reader([:])).theme.name, "dark")
    }

    func testBuiltinByName() {
        let r = ThemeCatalog.resolve(requested: "light", environment: ["HOME": "/h"], readFile: reader([:]))
        XCTAssertEqual(r.theme.name, "light")
        XCTAssertNil(r.warning)
        XCTAssertNil(r.path)
    }

    func testNoColorGivesMonochrome() {
        let r = ThemeCatalog.resolve(requested: "light", environment: ["NO_COLOR": "1"], readFile: reader([:]))
        XCTAssertEqual(r.theme, .monochrome)
        XCTAssertNil(r.warning)
        // An empty NO_COLOR does not count.
        XCTAssertEqual(ThemeCatalog.resolve(requested: "light", environment: ["NO_COLOR": ""], readFile: reader([:])).theme.name, "light")
    }

    func testUserFileInXDGConfigHomeComesFirst() {
        let files = [
            "/xdg/switchboard/themes/light.json": #"{"name": "my light", "roles": {"text": {"fg": "red"}}}"#,
            "/h/.config/switchboard/themes/light.json": #"{"name": "home light"}"#,
        ]
        let r = ThemeCatalog.resolve(requested: "light", environment: ["XDG_CONFIG_HOME": "/xdg/", "HOME": "/h"], readFile: reader(files))
        XCTAssertEqual(r.theme.name, "my light")
        XCTAssertEqual(r.theme[.text].foreground, .indexed(1))
        XCTAssertEqual(r.theme[.selection], Theme.default[.selection])  // the rest from the default
        XCTAssertEqual(r.path, "/xdg/switchboard/themes/light.json")
        XCTAssertNil(r.warning)
    }

    func testHomeConfigWhenNoXDG() {
        let files = ["/h/.config/switchboard/themes/ocean.json": #"{"name": "ocean"}"#]
        for environment in [["HOME": "/h"], ["HOME": "/h", "XDG_CONFIG_HOME": ""], ["HOME": "/h", "XDG_CONFIG_HOME": "relative"]] {
            let r = ThemeCatalog.resolve(requested: "ocean", environment: environment, readFile: reader(files))
            XCTAssertEqual(r.theme.name, "ocean", "\(environment)")
        }
    }

    func testFallsBackToTheBuiltinWhenTheUserHasNoSuchFile() {
        let r = ThemeCatalog.resolve(requested: "high-contrast", environment: ["XDG_CONFIG_HOME": "/xdg"], readFile: reader([:]))
        XCTAssertEqual(r.theme.name, "high-contrast")
        XCTAssertNil(r.warning)
    }

    func testBrokenUserFileGivesTheDefaultAndAWarning() {
        let files = ["/xdg/switchboard/themes/x.json": #"{"roles": {"selection": {"fg": "purpl"}}}"#]
        let r = ThemeCatalog.resolve(requested: "x", environment: ["XDG_CONFIG_HOME": "/xdg"], readFile: reader(files))
        XCTAssertEqual(r.theme, Theme.default)
        XCTAssertEqual(
            r.warning,
            "/xdg/switchboard/themes/x.json: roles.selection.fg: 'purpl' is not a colour; use a name like 'magenta', 0-255 or #rrggbb; using the default theme"
        )
    }

    func testUnreadableFileGivesAWarning() {
        struct Denied: Error, CustomStringConvertible { var description: String { "permission denied" } }
        let r = ThemeCatalog.resolve(requested: "x", environment: ["HOME": "/h"], readFile: { _ in throw Denied() })
        XCTAssertEqual(r.theme, Theme.default)
        XCTAssertEqual(r.warning, "/h/.config/switchboard/themes/x.json: can't be read (permission denied); using the default theme")
    }

    func testUnknownNameWarnsAndListsTheBuiltins() {
        let r = ThemeCatalog.resolve(requested: "solarized", environment: ["HOME": "/h"], readFile: reader([:]))
        XCTAssertEqual(r.theme, Theme.default)
        let warning = r.warning ?? ""
        XCTAssertTrue(warning.contains("no theme 'solarized'"), warning)
        XCTAssertTrue(warning.contains("dark, high-contrast, light, monochrome"), warning)
        XCTAssertTrue(warning.contains("/h/.config/switchboard/themes/solarized.json"), warning)
    }

    func testAPathIsReadAsAFile() {
        let files = ["./mine.json": #"{"name": "mine"}"#, "/abs/t.json": #"{"name": "abs"}"#]
        XCTAssertEqual(ThemeCatalog.resolve(requested: "./mine.json", environment: [:], readFile: reader(files)).theme.name, "mine")
        XCTAssertEqual(ThemeCatalog.resolve(requested: "/abs/t.json", environment: [:], readFile: reader(files)).theme.name, "abs")
        let missing = ThemeCatalog.resolve(requested: "/nope.json", environment: [:], readFile: reader(files))
        XCTAssertEqual(missing.theme, Theme.default)
        XCTAssertEqual(missing.warning, "theme file /nope.json does not exist; using the default theme")
    }

    func testNamesThatCouldEscapeTheFolderAreRefused() {
        let r = ThemeCatalog.resolve(requested: "..", environment: ["HOME": "/h"], readFile: reader([:]))
        XCTAssertEqual(r.theme, Theme.default)
        XCTAssertNotNil(r.warning)
    }

    func testAvailableNames() {
        let names = ThemeCatalog.availableNames(environment: ["HOME": "/h"]) { path in
            path == "/h/.config/switchboard/themes" ? ["ocean.json", "notes.txt", ".hidden.json", "dark.json"] : []
        }
        XCTAssertEqual(names, ["dark", "high-contrast", "light", "monochrome", "ocean"])
    }

    func testRealFilesOnDisk() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        let themes = directory.appendingPathComponent("switchboard/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"{"name": "disk"}"#.write(to: themes.appendingPathComponent("disk.json"), atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": directory.path]
        XCTAssertEqual(ThemeCatalog.resolve(requested: "disk", environment: environment).theme.name, "disk")
        XCTAssertEqual(ThemeCatalog.resolve(requested: "light", environment: environment).theme.name, "light")
        XCTAssertTrue(ThemeCatalog.availableNames(environment: environment).contains("disk"))
    }

    func testAPathThatIsNotAThemeFileIsNotRead() {
        var read: [String] = []
        let r = ThemeCatalog.resolve(requested: "../../etc/passwd", environment: ["HOME": "/h"], readFile: { read.append($0); return "root:x:0:0" })
        XCTAssertEqual(read, [], "not opened")
        XCTAssertEqual(r.theme.name, "dark")
        XCTAssertEqual(r.warning, "'../../etc/passwd' is not a theme file (a theme path must end in .json); using the default theme")
        let file = ThemeCatalog.resolve(requested: "./mine.json", environment: [:], readFile: { _ in nil })
        XCTAssertEqual(file.warning, "theme file ./mine.json does not exist; using the default theme")
    }
}
