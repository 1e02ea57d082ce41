import ActionModel
import Foundation
import XCTest

@testable import CallSimulation

/// How real callers talk (issue 11): the value, not the utterance.
final class CallerUnderstandingTests: XCTestCase {
    let utc = SpokenContext(now: fixedNow, timeZone: TimeZone(identifier: "UTC")!)  // Wednesday 2026-11-25

    func values(_ said: String, _ properties: [SchemaProperty], asked: String? = nil, context: SpokenContext? = nil) -> [String: JSONValue] {
        let reader = CallerUnderstanding(schema: InputSchema(properties: properties), context: context ?? utc)
        var result: [String: JSONValue] = [:]
        for field in reader.read(said, asked: asked) { if let value = field.value { result[field.name] = value } }
        return result
    }

    let appointment = [
        SchemaProperty(name: "name", isRequired: true, description: "The caller's full name"),
        SchemaProperty(name: "date", isRequired: true, description: "Date of the visit", format: .date),
        SchemaProperty(name: "time", isRequired: true, description: "Time of the visit", format: .time),
    ]

    func testMariaGonzalezLineGivesNameDateAndTime() {
        let said = "hi, it's Maria Gonzalez, I'd like to come in next Tuesday around quarter past three"
        for asked in [nil, "name"] {
            let got = values(said, appointment, asked: asked)
            XCTAssertEqual(got["name"], .string("Maria Gonzalez"), "asked \(asked ?? "nothing")")
            XCTAssertEqual(got["date"], .string("2026-12-01"))
            XCTAssertEqual(got["time"]?.stringValue?.hasSuffix(":15:00Z"), true, "\(String(describing: got["time"]))")
        }
    }

    func testFreeTextFieldsTakeTheValueNotTheSentence() {
        let city = [SchemaProperty(name: "city", description: "City you are travelling to")]
        XCTAssertEqual(values("I want to go to San Francisco", city, asked: "city")["city"], .string("San Francisco"))
        XCTAssertEqual(values("in seattle for me", city, asked: "city")["city"], .string("seattle"))
        XCTAssertEqual(values("St. Louis, please", city, asked: "city")["city"], .string("St. Louis"))
        let first = [SchemaProperty(name: "first_name", description: "The caller's first name")]
        XCTAssertEqual(values("Hi, I'm Priya", first, asked: "first_name")["first_name"], .string("Priya"))
        let genre = [SchemaProperty(name: "genre", description: "Genre of the movie")]
        XCTAssertEqual(values("I would like to watch something about mafia", genre, asked: "genre")["genre"], .string("mafia"))
        // A description stays whole.
        let issue = [SchemaProperty(name: "issue", description: "Brief description of the problem")]
        XCTAssertEqual(values("the printer in room 4 won't stop beeping", issue, asked: "issue")["issue"],
                       .string("the printer in room 4 won't stop beeping"))
    }

    func testSeveralFieldsFromOneLineInAnyOrder() {
        let trip = [
            SchemaProperty(name: "origin", description: "City you leave from"),
            SchemaProperty(name: "destination", description: "City you are going to"),
            SchemaProperty(name: "travelers", description: "Number of travelers", enumValues: ["1", "2", "3", "4"]),
            SchemaProperty(name: "date", description: "Day of travel", format: .date),
        ]
        let got = values("two of us are going to Las Vegas from Fresno on the 13th of this month", trip)
        XCTAssertEqual(got["destination"], .string("Las Vegas"))
        XCTAssertEqual(got["origin"], .string("Fresno"))
        XCTAssertEqual(got["travelers"], .string("2"))
        XCTAssertEqual(got["date"], .string("2026-11-13"))
    }

    func testCountsInWordsMatchNumberOptions() {
        let party = [SchemaProperty(name: "party_size", description: "Party size", enumValues: ["1", "2", "3", "4", "5", "6"])]
        XCTAssertEqual(values("two people", party, asked: "party_size")["party_size"], .string("2"))
        XCTAssertEqual(values("just me", party, asked: "party_size")["party_size"], .string("1"))
        XCTAssertEqual(values("a table for four people please", party)["party_size"], .string("4"))
    }

    func testYesNoAnswersMatchTrueFalseOptions() {
        let shared = [SchemaProperty(name: "shared_ride", description: "Whether the ride is shared", enumValues: ["True", "False"])]
        XCTAssertEqual(values("Yes, a shared ride works for me.", shared, asked: "shared_ride")["shared_ride"], .string("True"))
        XCTAssertEqual(values("no, I'd rather not share", shared, asked: "shared_ride")["shared_ride"], .string("False"))
        XCTAssertEqual(values("I'm not fine with that", shared, asked: "shared_ride")["shared_ride"], .string("False"))
    }

    func testNumbersSaidDigitByDigitMakeOneIdentifier() {
        let pin = [SchemaProperty(name: "pin", type: .integer, description: "Account PIN")]
        XCTAssertEqual(values("7 7 1 9", pin, asked: "pin")["pin"], .integer(7719))
        let order = [SchemaProperty(name: "order_number", description: "The order number")]
        XCTAssertEqual(values("four two one seven", order, asked: "order_number")["order_number"], .string("4217"))
        XCTAssertEqual(values("it's forty two seventeen", order, asked: "order_number")["order_number"], .string("4217"))
        // A count is still a count.
        let guests = [SchemaProperty(name: "guests", type: .integer, description: "Number of guests")]
        XCTAssertEqual(values("7", guests, asked: "guests")["guests"], .integer(7))
    }

    func testPatternFieldsFindTheMatchingPart() {
        let ref = [SchemaProperty(name: "appointment_ref", description: "Appointment reference", pattern: "^APT-[0-9]{4}$")]
        XCTAssertEqual(values("my appointment is APT-4821", ref, asked: "appointment_ref")["appointment_ref"], .string("APT-4821"))
        XCTAssertEqual(values("A P T dash four eight two one", ref, asked: "appointment_ref")["appointment_ref"], .string("APT-4821"))
        let time = [SchemaProperty(name: "slot", description: "Start time", pattern: "^[0-2][0-9]:[0-5][0-9]$")]
        XCTAssertEqual(values("quarter past three in the afternoon", time, asked: "slot")["slot"], .string("15:15"))
        XCTAssertEqual(values("at 9:30 am please", time, asked: "slot")["slot"], .string("09:30"))
    }

    func testPatternReAskIsPlainWordsNeverTheRegex() {
        let ref = SchemaProperty(name: "appointment_ref", isRequired: true, description: "Appointment reference", pattern: "^APT-[0-9]{4}$")
        let action = Fixtures.custom("Change appointment", properties: [ref])
        let (transcript, _) = runCall([action], startedFrom: action, [.caller("I don't have it handy")])
        let last = transcript.agentLines.last ?? ""
        XCTAssertTrue(last.contains("like APT-1234"), last)
        XCTAssertFalse(last.contains("[0-9]") || last.contains("^"), last)
        XCTAssertEqual(SpokenIdentifiers.example(for: SchemaProperty(name: "ref", description: "Booking reference, e.g. BK-77", pattern: "^BK-\\d+$")), "BK-77")
    }

    func testDatesNextWeekAndThisMonth() {
        let date = [SchemaProperty(name: "date", description: "Day of the visit", format: .date)]
        // Today is Wednesday 25 November 2026; next week runs Monday 30 November to Sunday 6 December.
        XCTAssertEqual(values("Wednesday next week", date, asked: "date")["date"], .string("2026-12-02"))
        XCTAssertEqual(values("Monday next week", date, asked: "date")["date"], .string("2026-11-30"))
        XCTAssertEqual(values("next week on Friday", date, asked: "date")["date"], .string("2026-12-04"))
        XCTAssertEqual(values("13th of this month", date, asked: "date")["date"], .string("2026-11-13"))
        XCTAssertEqual(values("the 2nd of next month", date, asked: "date")["date"], .string("2026-12-02"))
    }

    func testTimeKeepsTheCallersZone() {
        let time = [SchemaProperty(name: "time", description: "Time of the visit", format: .time)]
        let paris = SpokenContext(now: fixedNow, timeZone: TimeZone(identifier: "Europe/Paris")!)
        XCTAssertEqual(values("3:15 PM", time, asked: "time", context: paris)["time"], .string("15:15:00+01:00"))
        XCTAssertEqual(values("3:15 PM", time, asked: "time")["time"], .string("15:15:00Z"))
    }

    func testOpeningLineIsAnIntentNotAValue() {
        let action = Fixtures.custom("Book a table", description: "Book a table at the restaurant",
                                     properties: [SchemaProperty(name: "guest_name", isRequired: true, description: "Name for the booking")])
        let (transcript, agent) = runCall([action], [.caller("I'd like to book a table")])
        XCTAssertNil(agent.collected["guest_name"], "\(transcript.events)")
        XCTAssertTrue(transcript.agentLines.last?.contains("name") == true, "\(transcript.agentLines)")
        let (named, namedAgent) = runCall([action], [.caller("I'd like to book a table for Jo Smith")])
        XCTAssertEqual(namedAgent.collected["guest_name"], .string("Jo Smith"), "\(named.events)")
    }

    func testNoThanksDoesNotRewriteAnEarlierField() {
        let action = Fixtures.custom("Book a table", properties: [
            SchemaProperty(name: "guest_name", isRequired: true, description: "Name for the booking"),
            SchemaProperty(name: "occasion", isRequired: true, description: "The occasion being celebrated"),
        ])
        let (transcript, agent) = runCall([action], startedFrom: action, [.caller("Jo Smith"), .caller("no thanks")])
        XCTAssertEqual(agent.collected["guest_name"], .string("Jo Smith"), "\(transcript.events)")
        XCTAssertFalse(transcript.events.contains { if case .fieldCorrected = $0 { true } else { false } })
    }

    /// The corpus check runs as a benchmark (`switchboard-bench understanding`);
    /// here a few hundred turns make sure reading real lines never traps and
    /// most single-slot answers come out right.
    func testCorpusTurnsWhenPresent() throws {
        let path = "../shared/corpora/sgd-train/single_slot.jsonl"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw XCTSkip("\(path) is absent (a plain clone): the corpus lives beside the project in ../shared/corpora")
        }
        var right = 0, total = 0
        for line in text.split(separator: "\n").prefix(300) {
            guard let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let slot = row["slot"] as? String, let expected = row["expected"] as? String, let utterance = row["utterance"] as? String,
                let enumValues = row["enum"] as? [String]
            else { continue }
            let property = SchemaProperty(name: slot, description: row["description"] as? String ?? "", enumValues: enumValues)
            total += 1
            if values(utterance, [property], asked: slot)[slot] == .string(expected) { right += 1 }
        }
        XCTAssertGreaterThan(total, 50)
        XCTAssertGreaterThan(Double(right) / Double(total), 0.8, "\(right) of \(total) option answers right")
    }
}

final class SpokenFormsTests: XCTestCase {
    func testValuesAreSpokenAsPeopleSayThem() {
        XCTAssertEqual(SpokenForms.spoken("2026-12-08"), "Tuesday, December 8th")
        XCTAssertEqual(SpokenForms.spoken("2026-12-01"), "Tuesday, December 1st")
        XCTAssertEqual(SpokenForms.spoken("15:15:00Z"), "3:15 PM")
        XCTAssertEqual(SpokenForms.spoken("09:05:00-08:00"), "9:05 AM")
        XCTAssertEqual(SpokenForms.spoken("12:00"), "noon")
        XCTAssertEqual(SpokenForms.spoken("2026-12-10T10:30:00Z"), "Thursday, December 10th at 10:30 AM")
        XCTAssertEqual(SpokenForms.spoken("2026-12-08 15:15:00Z"), "Tuesday, December 8th at 3:15 PM")
        XCTAssertEqual(SpokenForms.spoken("Tuesday 15:15"), "Tuesday 15:15", "only a date before the space")
        XCTAssertEqual(SpokenForms.spoken("+14155550100"), "+1 415 555 0100")
        XCTAssertEqual(SpokenForms.spoken("4155550100"), "415 555 0100")
        XCTAssertEqual(SpokenForms.spoken("A-17"), "A-17")
        XCTAssertEqual(SpokenForms.spoken("2026-13-45"), "2026-13-45")
    }

    func testSpeakOnReceiveSaysDatesAndTimesInWords() {
        let filled = SpeakOnReceive.fill("Booked for {{result.date}} at {{result.time}}.", result: ["date": "2026-12-08", "time": "15:15:00Z"])
        XCTAssertEqual(filled.text, "Booked for Tuesday, December 8th at 3:15 PM.")
    }
}

final class CallerUnderstandingGrammarTests: XCTestCase {
    let utc = SpokenContext(now: fixedNow, timeZone: TimeZone(identifier: "UTC")!)

    func read(_ said: String, _ properties: [SchemaProperty], asked: String? = nil) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for field in CallerUnderstanding(schema: InputSchema(properties: properties), context: utc).read(said, asked: asked) {
            if let value = field.value { result[field.name] = value }
        }
        return result
    }

    func testPartOfTheDaySaidBeforeTheHour() {
        let time = [SchemaProperty(name: "pickup_time", description: "Time of pickup", format: .time)]
        XCTAssertEqual(read("I will need it at evening 6 this Saturday", time)["pickup_time"], .string("18:00:00Z"))
        XCTAssertEqual(read("pick it up afternoon 2", time)["pickup_time"], .string("14:00:00Z"))
        XCTAssertEqual(read("morning 11 please", time, asked: "pickup_time")["pickup_time"], .string("11:00:00Z"))
        XCTAssertEqual(read("it starts at eleven in the night", time)["pickup_time"], .string("23:00:00Z"))
    }

    func testPartsOfTheDayAreNotPlacesAndForFourCountsPeople() {
        let table = [
            SchemaProperty(name: "city", description: "City of the restaurant"),
            SchemaProperty(name: "party_size", description: "Party size", enumValues: ["1", "2", "3", "4", "5", "6"]),
            SchemaProperty(name: "time", description: "Time of the booking", format: .time),
        ]
        let got = read("Book a table for four at 11 o'clock in the morning", table)
        XCTAssertNil(got["city"])
        XCTAssertEqual(got["party_size"], .string("4"))
        XCTAssertEqual(got["time"], .string("11:00:00Z"))
    }

    func testNamesKeepTheirOwnWords() {
        let hotel = [SchemaProperty(name: "hotel_name", description: "Name of the hotel")]
        XCTAssertEqual(read("I want to stay at The Parc Hotel.", hotel, asked: "hotel_name")["hotel_name"], .string("The Parc Hotel"))
        XCTAssertEqual(read("Make a reservation at Ramada by Wyndham Phoenix Midtown.", hotel, asked: "hotel_name")["hotel_name"],
                       .string("Ramada by Wyndham Phoenix Midtown"))
        let city = [SchemaProperty(name: "city", description: "City of the event")]
        XCTAssertEqual(read("New York City is where it's at!", city, asked: "city")["city"], .string("New York City"))
        let genre = [SchemaProperty(name: "genre", description: "Genre of the movie")]
        XCTAssertEqual(read("I like Action movies.", genre, asked: "genre")["genre"], .string("Action"))
    }
}

final class CallerUnderstandingKindsTests: XCTestCase {
    func testAKindSaidBeforeItsNounGoesToTheKindField() {
        let movies = InputSchema(properties: [
            SchemaProperty(name: "genre", description: "Genre of the movie"),
            SchemaProperty(name: "movie_name", description: "Name of the movie"),
            SchemaProperty(name: "location", description: "City where the theatre is located"),
        ])
        let heard = CallerUnderstanding(schema: movies).read("Can you help me find an adventure movie showing in concord?")
        let values = Dictionary(uniqueKeysWithValues: heard.compactMap { f in f.value.map { (f.name, $0) } })
        XCTAssertEqual(values["genre"], .string("adventure"))
        XCTAssertEqual(values["location"], .string("concord"))
        XCTAssertNil(values["movie_name"])
    }

    func testARideForTwoCountsSeats() {
        let cab = InputSchema(properties: [
            SchemaProperty(name: "number_of_seats", description: "Number of seats to reserve in the cab", enumValues: ["1", "2", "3", "4"]),
            SchemaProperty(name: "ride_type", description: "Type of cab ride", enumValues: ["Pool", "Regular", "Luxury"]),
        ])
        let heard = CallerUnderstanding(schema: cab).read("I want a luxury ride for two.")
        XCTAssertEqual(heard.first { $0.name == "number_of_seats" }?.value, .string("2"))
        XCTAssertEqual(heard.first { $0.name == "ride_type" }?.value, .string("Luxury"))
    }
}

final class CallerUnderstandingNamingTests: XCTestCase {
    func testWhatFollowsANamingVerbIsTheName() {
        let event = InputSchema(properties: [SchemaProperty(name: "event_name", description: "Title of event")])
        for (said, name) in [("Call it doctor appointment.", "doctor appointment"), ("Label it as Property viewing please", "Property viewing"),
                             ("it's called despacito by karolina protsenko", "despacito")] {
            XCTAssertEqual(CallerUnderstanding(schema: event).read(said, asked: "event_name").first?.value, .string(name), said)
        }
    }

    func testYesSaidWithANegativeWord() {
        XCTAssertEqual(SpokenValues.boolean("I don't mind a shared ride"), true)
        XCTAssertEqual(SpokenValues.boolean("Yes, no problem."), true)
        XCTAssertEqual(SpokenValues.boolean("no, I don't want one"), false)
    }

}

/// Several fields in one breath: which field each value belongs to.
extension CallerUnderstandingTests {

    func testFromAndUntilSayWhichEndOfARentalEachDateIs() {
        let rental = [
            SchemaProperty(name: "dropoff_date", description: "Date the car is brought back", format: .date),
            SchemaProperty(name: "pickup_date", description: "Date of the car pickup", format: .date),
            SchemaProperty(name: "pickup_time", description: "Time of the car pickup", format: .time),
            SchemaProperty(name: "pickup_city", description: "City to pick up the car"),
        ]
        // "from" names both the pickup date and the pickup time: it still says which date is which.
        var got = values("I need a car from December 3rd until December 9th", rental)
        XCTAssertEqual(got["pickup_date"], .string("2026-12-03"))
        XCTAssertEqual(got["dropoff_date"], .string("2026-12-09"))
        // One date and no cue: the start of the rental, not its end.
        got = values("I want to get the car on the 12th in Denver.", rental)
        XCTAssertEqual(got["pickup_date"], .string("2026-12-12"))
        XCTAssertNil(got["dropoff_date"])
        // A city to start from is also said with "in".
        XCTAssertEqual(got["pickup_city"], .string("Denver"))
        // "check out on …": the name said as two words.
        let stay = [
            SchemaProperty(name: "check_in_date", description: "First night of the stay", format: .date),
            SchemaProperty(name: "check_out_date", description: "Last day of the stay", format: .date),
        ]
        got = values("we would like to check out on December 20th", stay)
        XCTAssertEqual(got["check_out_date"], .string("2026-12-20"))
        XCTAssertNil(got["check_in_date"])
    }

    func testLeavingTimeIsTheOutboundLegWithoutACue() {
        let flight = [
            SchemaProperty(name: "return_time", description: "Departure time of the return flight", format: .time),
            SchemaProperty(name: "outbound_time", description: "Departure time of the outbound flight", format: .time),
        ]
        let got = values("I'd like to fly out around 7:40 in the morning", flight)
        XCTAssertEqual(got["outbound_time"]?.stringValue?.hasPrefix("07:40"), true, "\(got)")
        XCTAssertNil(got["return_time"])
    }

    func testAtANameIsTheVenueAndInANameTheCity() {
        let cinema = [
            SchemaProperty(name: "city", description: "City where the cinema is located"),
            SchemaProperty(name: "cinema_name", description: "Name of the cinema"),
            SchemaProperty(name: "film", description: "Name of the film"),
        ]
        let got = values("Can I see a film at Grand Lake Odeon in Oakland?", cinema)
        XCTAssertEqual(got["cinema_name"], .string("Grand Lake Odeon"))
        XCTAssertEqual(got["city"], .string("Oakland"))
        // An address after "at" is a place, never the venue's name.
        let ride = [
            SchemaProperty(name: "title", description: "Title of the event"),
            SchemaProperty(name: "location", description: "Location of the event"),
        ]
        XCTAssertNotEqual(values("put it at 118 Harbor Lane", ride)["title"], .string("118 Harbor Lane"))
    }

    func testByANameIsWhoMadeIt() {
        let music = [
            SchemaProperty(name: "song", description: "Name of the song"),
            SchemaProperty(name: "artist", description: "Artist who performed the song"),
        ]
        let got = values("Could you play the song Silver Morning by Tessa Vane?", music)
        XCTAssertEqual(got["song"], .string("Silver Morning"))
        XCTAssertEqual(got["artist"], .string("Tessa Vane"))
    }

    func testANamingVerbFillsTheOneOpenTitle() {
        let calendar = [
            SchemaProperty(name: "event_title", description: "Title of the event"),
            SchemaProperty(name: "event_time", description: "Start time", format: .time),
        ]
        var got = values("Label it Piano lesson with a time of afternoon 4:15.", calendar)
        XCTAssertEqual(got["event_title"], .string("Piano lesson"))
        XCTAssertEqual(got["event_time"]?.stringValue?.hasPrefix("16:15"), true)
        got = values("Title the event dog grooming, it starts at 9 am", calendar)
        XCTAssertEqual(got["event_title"], .string("dog grooming"))
    }

    func testOneWordMadeOfTwoCuesNamesTheField() {
        let flat = [
            SchemaProperty(name: "beds", description: "Number of bed rooms", enumValues: ["1", "2", "3", "4"]),
            SchemaProperty(name: "baths", description: "Number of baths in the flat", enumValues: ["1", "2", "3", "4"]),
            SchemaProperty(name: "size", description: "Size of the flat", enumValues: ["small", "large"]),
        ]
        let got = values("A flat with three bedrooms and two baths", flat)
        XCTAssertEqual(got["beds"], .string("3"))
        XCTAssertEqual(got["baths"], .string("2"))
    }

    func testAKindWordBeforeANounIsForAKindFieldOnly() {
        let rental = [
            SchemaProperty(name: "pickup_city", description: "City to pick up the car"),
            SchemaProperty(name: "car_type", description: "Type of car", enumValues: ["Compact", "Standard"]),
        ]
        let got = values("I need a roomy car from Reno", rental)
        XCTAssertEqual(got["pickup_city"], .string("Reno"))
    }

    func testAnAmountOfMoneyGoesToTheMoneyFieldWithoutACue() {
        let transfer = [
            SchemaProperty(name: "recipient_name", description: "Name of the person receiving the money"),
            SchemaProperty(name: "amount", type: .number, description: "How much to send"),
        ]
        for said in ["Send $1,250 to Dana please", "send 1,250 bucks to Dana", "Send Dana 1250 dollars"] {
            let got = values(said, transfer)
            XCTAssertEqual(got["amount"]?.numericValue, 1250, said)
            XCTAssertEqual(got["recipient_name"], .string("Dana"), said)
        }
        XCTAssertEqual(FieldExtractor.plainNumberWord("$1,090.50"), "1090.50")
        XCTAssertEqual(FieldExtractor.plainNumberWord("1,2,3"), "123")
        XCTAssertEqual(FieldExtractor.plainNumberWord("$"), "$")
    }

    func testAGroupOrTicketsCountThePeople() {
        let trip = [
            SchemaProperty(name: "travellers", description: "Number of travellers", enumValues: ["1", "2", "3", "4"]),
            SchemaProperty(name: "destination", description: "City you are going to"),
        ]
        XCTAssertEqual(values("we are a group of 3 heading to Boise", trip)["travellers"], .string("3"))
        XCTAssertEqual(values("I need two tickets to Boise", trip)["travellers"], .string("2"))
        let cab = [
            SchemaProperty(name: "riders", description: "Number of riders", enumValues: ["1", "2", "3", "4"]),
            SchemaProperty(name: "shared", description: "Whether the ride is shared", enumValues: ["True", "False"]),
        ]
        XCTAssertEqual(values("book me a cab for two to get there", cab)["riders"], .string("2"))
    }
}
