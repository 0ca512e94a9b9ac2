import Foundation
@testable import Model
import Testing

@Suite("Boxed template members code exactly like plain optionals")
struct BoxedTests {
    @Test("absent keys decode as nil and are not encoded; present ones round-trip; equality by value")
    func roundTrip() throws {
        let plain = try JSONDecoder().decode(Template.self, from: Data(#"{"name":"x"}"#.utf8))
        #expect(plain.resource == nil && plain.script == nil && plain.metadata == nil)
        #expect(String(decoding: try JSONEncoder().encode(plain), as: UTF8.self) == #"{"name":"x"}"#)
        let json = #"{"name":"y","script":{"image":"python","source":"print(1)"},"resource":{"action":"create","manifest":"kind: Pod"}}"#
        var full = try JSONDecoder().decode(Template.self, from: Data(json.utf8))
        #expect(full.script?.source == "print(1)" && full.resource?.action == "create")
        let again = try JSONDecoder().decode(Template.self, from: try JSONEncoder().encode(full))
        #expect(again == full)
        full.resource = nil
        #expect(again != full && full.resource == nil)
    }
}
