import ActionModel
import Foundation
import XCTest

@testable import CallSimulation

/// 2026-11-25 12:00 UTC, a Wednesday.
let fixedNow = ISO8601DateFormatter().date(from: "2026-11-25T12:00:00Z")!
let utcContext = SpokenContext(now: fixedNow, timeZone: TimeZone(identifier: "UTC")!)

final class SpokenEmailTests: XCTestCase {
    func testSpokenAndWrittenEmails() {
        let cases: [(String, String?)] = [
            ("jo dot smith at example dot com", "jo.smith@example.com"),
            ("j o dot smith at gmail dot com", "jo.smith@gmail.com"),
            ("jo.smith@example.com", "jo.smith@example.com"),
            ("my email is jo underscore smith at example dot com", "jo_smith@example.com"),
            ("it's mary dash jane at my dash company dot co dot uk", "mary-jane@my-company.co.uk"),
            ("jo hyphen smith at example dot org", "jo-smith@example.org"),
            ("Sure, it's JO.SMITH@Example.COM.", "jo.smith@example.com"),
            ("jo plus news at example dot com", "jo+news@example.com"),
            ("jo.smith at example.com", "jo.smith@example.com"),
            ("um my email is jo at example dot com and I want the pro plan", "jo@example.com"),
            ("smith at sign example dot io", "smith@example.io"),
            ("the address is <jo@example.com>", "jo@example.com"),
            ("j s m i t h at example dot com", "jsmith@example.com"),
            ("jo at example dot com dot", "jo@example.com"),
            // Refusals.
            ("I don't have one", nil),
            ("jo at example", nil),
            ("at example dot com", nil),
            ("meet me at the park", nil),
            ("jo at example dot c", nil),
            ("", nil),
        ]
        for (said, expected) in cases {
            XCTAssertEqual(SpokenValues.email(said), expected, "\(said)")
        }
    }
}

final class SpokenNumberTests: XCTestCase {
    func testNumbersInDigitsAndWords() {
        let cases: [(String, Double?)] = [
            ("42", 42), ("forty two", 42), ("forty-two", 42), ("one hundred and five", 105), ("2.5", 2.5),
            ("two point five", 2.5), ("a dozen", 12), ("two dozen", 24), ("half a dozen", 6), ("minus three", -3),
            ("negative 7", -7), ("-3", -3), ("three thousand two hundred", 3200), ("1,000", 1000), ("about twenty", 20),
            ("twenty five seats please", 25), ("a hundred", 100), ("two and a half", 2.5), ("zero", 0),
            ("1.5 million", 1_500_000), ("nineteen hundred", 1900), ("five hundred thousand", 500_000),
            ("um, like, maybe ten", 10), ("twelve", 12), ("zero point seven five", 0.75), ("$20", 20),
            ("two thousand and twenty six", 2026), ("ninety nine", 99), ("eleven", 11),
            // Refusals: none, or two different numbers.
            ("none of your business", nil), ("two or three", nil), ("", nil), ("a few", nil), ("five six", nil), ("five five", 5),
        ]
        for (said, expected) in cases {
            XCTAssertEqual(SpokenValues.number(said), expected, "\(said)")
        }
    }

    func testIntegersRefuseFractions() {
        XCTAssertEqual(SpokenValues.integer("twelve"), 12)
        XCTAssertEqual(SpokenValues.integer("one hundred and five"), 105)
        XCTAssertEqual(SpokenValues.integer("4.0"), 4)
        XCTAssertNil(SpokenValues.integer("2.5"))
        XCTAssertNil(SpokenValues.integer("two point five"))
        XCTAssertNil(SpokenValues.integer("lots"))
    }
}

final class SpokenPhoneTests: XCTestCase {
    func testPhoneNumbers() {
        let cases: [(String, String?)] = [
            ("five five five, one two three four", "5551234"),
            ("+1 415 555 0100", "+14155550100"),
            ("four one five, five five five, oh one hundred", "4155550100"),
            ("double five five, one two three four", "5551234"),
            ("triple five one two three four", "5551234"),
            ("plus four four seven nine one one one two three four five six", "+447911123456"),
            ("(415) 555-0100", "4155550100"),
            ("my number is 415-555-0100 thanks", "4155550100"),
            ("it's 415 555 0100", "4155550100"),
            ("plus one four one five five five five zero one zero zero", "+14155550100"),
            ("four one five five five five oh one oh oh", "4155550100"),
            ("call me on 07911 123456", "07911123456"),
            // Refusals.
            ("five five five", nil),
            ("I don't have a phone", nil),
            ("", nil),
            ("1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7", nil),
        ]
        for (said, expected) in cases {
            XCTAssertEqual(SpokenValues.phone(said), expected, "\(said)")
        }
    }
}

final class SpokenBooleanTests: XCTestCase {
    func testYesAndNo() {
        let yes = ["yes", "yeah", "yep", "sure", "correct", "that's right", "right", "affirmative", "of course", "absolutely",
                   "Yes please!", "yeah, sure", "definitely", "uh, yes", "ok", "I do", "yup"]
        let no = ["no", "nope", "nah", "negative", "not really", "no thanks", "absolutely not", "of course not", "I don't",
                  "No.", "never", "definitely not", "uh no"]
        let neither = ["maybe", "I don't know", "not sure", "purple", "", "yes and no"]
        for said in yes { XCTAssertEqual(SpokenValues.boolean(said), true, said) }
        for said in no { XCTAssertEqual(SpokenValues.boolean(said), false, said) }
        for said in neither { XCTAssertNil(SpokenValues.boolean(said), said) }
    }
}

final class SpokenEnumTests: XCTestCase {
    let plans = ["basic", "pro", "enterprise"]

    func testMatchesExactlyByContainmentAndBySpelling() {
        let cases: [(String, EnumMatch)] = [
            ("pro", .value("pro")), ("PRO", .value("pro")), ("the pro plan", .value("pro")), ("Enterprize", .value("enterprise")),
            ("basik", .value("basic")), ("I'd like the basic one please", .value("basic")), ("enterprise.", .value("enterprise")),
            ("um, entreprise", .value("enterprise")),
            ("prro", .none), ("gold", .none), ("", .none),
            ("basic or pro", .ambiguous(["basic", "pro"])),
        ]
        for (said, expected) in cases {
            XCTAssertEqual(SpokenValues.enumValue(said, among: plans), expected, said)
        }
    }

    func testLongerValuesWinAndTiesAreNotGuessed() {
        XCTAssertEqual(SpokenValues.enumValue("pro plus please", among: ["pro", "pro plus"]), .value("pro plus"))
        XCTAssertEqual(SpokenValues.enumValue("just pro", among: ["pro", "pro plus"]), .value("pro"))
        XCTAssertEqual(SpokenValues.enumValue("nouth", among: ["north", "south"]), .ambiguous(["north", "south"]))
        XCTAssertEqual(SpokenValues.enumValue("next day please", among: ["next_day", "standard"]), .value("next_day"))
        XCTAssertEqual(SpokenValues.enumValue("Standard", among: ["next_day", "standard"]), .value("standard"))
        XCTAssertEqual(SpokenValues.enumValue("red", among: ["Red", "Green"]), .value("Red"))
    }
}

final class SpokenDateTests: XCTestCase {
    func testDatesRelativeToTheCall() {
        let cases: [(String, String?)] = [
            ("today", "2026-11-25"), ("tomorrow", "2026-11-26"), ("the day after tomorrow", "2026-11-27"),
            ("next friday", "2026-11-27"), ("friday", "2026-11-27"), ("on Friday please", "2026-11-27"),
            ("next wednesday", "2026-12-02"), ("this wednesday", "2026-11-25"), ("monday", "2026-11-30"),
            ("March 3rd", "2027-03-03"), ("3rd of March", "2027-03-03"), ("the 3rd of march", "2027-03-03"),
            ("the 3rd", "2026-12-03"), ("the 28th", "2026-11-28"), ("2026-03-03", "2026-03-03"), ("3/3/2026", "2026-03-03"),
            ("December 1st", "2026-12-01"), ("march 3rd 2028", "2028-03-03"), ("March 3rd, 2028", "2028-03-03"),
            ("the twenty first of december", "2026-12-21"), ("December twenty-first", "2026-12-21"), ("in 3 days", "2026-11-28"),
            ("in two weeks", "2026-12-09"), ("next week", "2026-12-02"), ("on the 3rd of March", "2027-03-03"),
            ("25/12/2026", "2026-12-25"), ("12/25", "2026-12-25"), ("3 March", "2027-03-03"), ("Nov 30", "2026-11-30"),
            ("yesterday", "2026-11-24"), ("friday march 6th", "2027-03-06"),
            // Refusals.
            ("sometime soon", nil), ("February 30th", nil), ("2026-13-01", nil), ("", nil), ("I need 3 seats", nil),
        ]
        for (said, expected) in cases {
            XCTAssertEqual(SpokenValues.date(said, context: utcContext), expected, said)
        }
    }

    func testTimes() {
        let cases: [(String, String?)] = [
            ("10:30am", "10:30:00Z"), ("10:30 pm", "22:30:00Z"), ("half past ten", "10:30:00Z"), ("quarter to three", "14:45:00Z"),
            ("quarter past nine", "09:15:00Z"), ("noon", "12:00:00Z"), ("midnight", "00:00:00Z"), ("10 in the morning", "10:00:00Z"),
            ("14:00", "14:00:00Z"), ("3pm", "15:00:00Z"), ("ten thirty", "10:30:00Z"), ("seven in the evening", "19:00:00Z"),
            ("12am", "00:00:00Z"), ("9 a.m.", "09:00:00Z"), ("twenty past four", "16:20:00Z"), ("at 8 o'clock", "08:00:00Z"),
            ("ten", "10:00:00Z"), ("three", "15:00:00Z"), ("quarter to three in the morning", "02:45:00Z"), ("12 pm", "12:00:00Z"),
            ("10 minutes to 5", "16:50:00Z"), ("seven oh five pm", "19:05:00Z"), ("08:15", "08:15:00Z"),
            // Refusals.
            ("whenever", nil), ("25:00", nil), ("", nil), ("13pm", nil),
        ]
        for (said, expected) in cases {
            XCTAssertEqual(SpokenValues.time(said, context: utcContext), expected, said)
        }
    }

    func testDateTimes() {
        XCTAssertEqual(SpokenValues.dateTime("tomorrow at 10am", context: utcContext), "2026-11-26T10:00:00Z")
        XCTAssertEqual(SpokenValues.dateTime("March 3rd at half past two", context: utcContext), "2027-03-03T14:30:00Z")
        XCTAssertEqual(SpokenValues.dateTime("next friday", context: utcContext), "2026-11-27T00:00:00Z")
        XCTAssertEqual(SpokenValues.dateTime("noon", context: utcContext), "2026-11-25T12:00:00Z")
        XCTAssertEqual(SpokenValues.dateTime("2026-12-01 at 14:00", context: utcContext), "2026-12-01T14:00:00Z")
        XCTAssertNil(SpokenValues.dateTime("whenever suits", context: utcContext))
        let newYork = SpokenContext(now: fixedNow, timeZone: TimeZone(identifier: "America/New_York")!)
        XCTAssertEqual(SpokenValues.dateTime("tomorrow at 10am", context: newYork), "2026-11-26T10:00:00-05:00")
        XCTAssertEqual(SpokenValues.dateTime("July 4th at noon", context: newYork), "2027-07-04T12:00:00-04:00")
        XCTAssertEqual(SpokenValues.time("10am", context: newYork), "10:00:00-05:00")
    }

    func testFormattedValuesPassTheSchemaFormats() {
        for said in ["tomorrow", "March 3rd", "the 3rd"] {
            XCTAssertTrue(StringFormat.date.accepts(SpokenValues.date(said, context: utcContext)!), said)
        }
        for said in ["noon", "quarter to three", "14:00"] {
            XCTAssertTrue(StringFormat.time.accepts(SpokenValues.time(said, context: utcContext)!), said)
        }
        XCTAssertTrue(StringFormat.dateTime.accepts(SpokenValues.dateTime("tomorrow at 10am", context: utcContext)!))
    }

    func testCalendarArithmetic() {
        XCTAssertEqual(SpokenDates.weekday(DateParts(year: 2026, month: 11, day: 25)), 4)  // Wednesday
        XCTAssertEqual(SpokenDates.adding(7, to: DateParts(year: 2026, month: 12, day: 28)), DateParts(year: 2027, month: 1, day: 4))
        XCTAssertEqual(SpokenDates.adding(1, to: DateParts(year: 2028, month: 2, day: 28)), DateParts(year: 2028, month: 2, day: 29))
        XCTAssertEqual(SpokenDates.upcoming(month: 2, day: 29, today: DateParts(year: 2026, month: 11, day: 25)),
                       DateParts(year: 2028, month: 2, day: 29))
    }
}

final class SpokenStringTests: XCTestCase {
    func testFillerIsRemoved() {
        let cases: [(String, String?)] = [
            ("my name is Jo Smith", "Jo Smith"), ("um, it's Jo", "Jo"), ("uh, sure, it's the blue one", "the blue one"),
            ("Jo Smith, thanks", "Jo Smith"), ("um uh", nil), ("It is Acme Corp", "Acme Corp"), ("I'm Jo", "Jo"),
            ("well, my internet is down", "my internet is down"), ("Jo Smith please", "Jo Smith"), ("call me Al", "Al"),
            ("yes", "yes"), ("", nil),
        ]
        for (said, expected) in cases {
            XCTAssertEqual(SpokenValues.plainString(said), expected, said)
        }
    }

    func testReadingForAProperty() {
        let seats = SchemaProperty(name: "seats", type: .integer)
        XCTAssertEqual(SpokenValues.read("twelve seats", for: seats, context: utcContext), .value(12))
        XCTAssertEqual(SpokenValues.read("2.5", for: seats, context: utcContext), .value(2.5))
        XCTAssertEqual(SpokenValues.read("lots", for: seats, context: utcContext), .notUnderstood("I didn't catch a number"))
        let plan = SchemaProperty(name: "plan", enumValues: ["basic", "pro"])
        XCTAssertEqual(SpokenValues.read("the pro one", for: plan, context: utcContext), .value("pro"))
        XCTAssertEqual(SpokenValues.read("gold", for: plan, context: utcContext),
                       .notUnderstood("I didn't catch which option you meant"))
        let phone = SchemaProperty(name: "phone_number")
        XCTAssertEqual(SpokenValues.read("five five five one two three four", for: phone, context: utcContext), .value("5551234"))
        let when = SchemaProperty(name: "when", format: .dateTime)
        XCTAssertEqual(SpokenValues.read("tomorrow at ten", for: when, context: utcContext), .value("2026-11-26T10:00:00Z"))
        let ok = SchemaProperty(name: "ok", type: .boolean)
        XCTAssertEqual(SpokenValues.read("yep", for: ok, context: utcContext), .value(true))
    }

    func testEditDistanceCountsSwaps() {
        XCTAssertEqual(SpokenText.editDistance("basic", "basci"), 1)
        XCTAssertEqual(SpokenText.editDistance("pro", "pro"), 0)
        XCTAssertEqual(SpokenText.editDistance("", "abc"), 3)
        XCTAssertEqual(SpokenText.editDistance("kitten", "sitting"), 3)
    }

    func testStemming() {
        XCTAssertEqual(SpokenText.stem("seats"), "seat")
        XCTAssertEqual(SpokenText.stem("booking"), "book")
        XCTAssertEqual(SpokenText.stem("shipping"), "ship")
        XCTAssertEqual(SpokenText.stem("deliveries"), "delivery")
        XCTAssertEqual(SpokenText.stem("customer's"), "customer")
        XCTAssertEqual(SpokenText.stem("address"), "address")
        XCTAssertEqual(SpokenText.stem("status"), "status")
    }
}
