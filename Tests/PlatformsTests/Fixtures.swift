import ActionModel
import Foundation
import Platforms
import XCTest

/// One action of every kind, with the settings that map differently per
/// platform: headers with a secret, a signing secret reference, speak lines,
/// a phrase trigger, a path parameter, a non-default timeout.
enum Fixtures {
    static let fixedDate = Date(timeIntervalSince1970: 1_767_225_600)

    static var orderLookup: Action {
        Action(
            name: "Order lookup", functionName: "order_lookup", description: "Looks up an order by its number",
            configuration: .customInput(CustomInputConfiguration(
                url: "https://api.example.com/orders/{order_id}", speakOnSend: "Let me check that order.",
                speakOnReceive: "Order {{result.order_id}} is {{result.status}}.",
                inputSchema: InputSchema(properties: [
                    SchemaProperty(name: "order_id", type: .integer, isRequired: true, description: "The order number", minimum: 1),
                    SchemaProperty(name: "email", isRequired: true, description: "The customer's email address", format: .email),
                    SchemaProperty(name: "reason", description: "Why they are calling", enumValues: ["billing", "delivery"]),
                ]),
                timeoutSeconds: 20,
                headers: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.ORDERS_TOKEN}}")],
                signatureSecret: "{{secret.SIGNING_KEY}}", bodyFormat: .fluents)),
            createdAt: fixedDate)
    }

    /// URL parameters: ElevenLabs fills `{status}` and `{limit}` (query pairs
    /// written `name={name}`) from the fields; `region=eu` is a fixed pair.
    static var orderSearch: Action {
        Action(
            name: "Order search", functionName: "order_search", description: "Finds a customer's orders",
            configuration: .customInput(CustomInputConfiguration(
                url: "https://api.example.com/orders?region=eu&status={status}&limit={limit}", speakOnSend: "", speakOnReceive: "",
                inputSchema: InputSchema(properties: [
                    SchemaProperty(name: "status", isRequired: true, description: "Which orders", enumValues: ["open", "shipped"]),
                    SchemaProperty(name: "limit", type: .integer, description: "How many at most"),
                    SchemaProperty(name: "customer", isRequired: true, description: "The customer's name"),
                ]),
                timeoutSeconds: 10, bodyFormat: .argsAtRoot)),
            createdAt: fixedDate)
    }

    static var phraseLead: Action {
        Action(
            name: "Create lead", functionName: "create_lead", description: "Creates a sales lead",
            trigger: .phrases(["let me note your details"]),
            configuration: .customInput(CustomInputConfiguration(
                url: "https://crm.example.com/leads", speakOnSend: "", speakOnReceive: "",
                inputSchema: InputSchema(properties: [SchemaProperty(name: "name", isRequired: true, description: "The caller's name")]),
                timeoutSeconds: 10, bodyFormat: .argsAtRoot)),
            createdAt: fixedDate)
    }

    static var goodbye: Action {
        Action(name: "Say goodbye", functionName: "say_goodbye", description: "Ends the call",
               configuration: .endConversation(EndConversationConfiguration(goodbye: "Thanks for calling!")), createdAt: fixedDate)
    }

    static var transfer: Action {
        Action(name: "Transfer to billing", functionName: "transfer_to_billing", description: "Transfers to billing",
               configuration: .transferCalls(TransferCallsConfiguration(phoneNumber: "+14155550100")), createdAt: fixedDate)
    }

    static var dtmf: Action {
        Action(name: "Press one", functionName: "press_one", description: "Picks option 1 in the phone menu",
               configuration: .dtmf(DTMFConfiguration(buttons: "1#")), createdAt: fixedDate)
    }

    static var warm: Action {
        Action(name: "Warm transfer", functionName: "warm_transfer_sales", description: "Hands over to sales",
               configuration: .warmTransfer(WarmTransferConfiguration(phoneNumber: "+14155550123", summary: "A caller wants a quote.")),
               createdAt: fixedDate)
    }

    static var all: [Action] { [orderLookup, orderSearch, phraseLead, goodbye, transfer, dtmf, warm] }
}

/// Compares text with a file in Goldens/; `RECORD_GOLDENS=1` rewrites the file instead.
func assertGolden(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Goldens/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        return XCTFail("no golden \(name); run with RECORD_GOLDENS=1 once and review the file", file: file, line: line)
    }
    XCTAssertEqual(text, expected, "differs from Goldens/\(name)", file: file, line: line)
}
