import Core
import JQ
import Testing

/// Bad filters, runtime errors and bad input: `.badRequest` with jq's text and the filter named.
@Suite struct JQErrorTests {
    private func failure(_ filter: String, _ input: String = "{}") -> ExecError? {
        do {
            _ = try JQProgram.gojqOutput(filter: filter, json: Array(input.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func syntaxErrorNamesTheFilter() throws {
        let error = try #require(failure(".a | @@"))
        #expect(error.code == .badRequest)
        #expect(error.message == #"invalid jq filter ".a | @@": syntax error, unexpected INVALID_CHARACTER at <top-level>, line 1"#)
        #expect(error.context["filter"] == ".a | @@")
    }

    @Test(arguments: [".a[", "if . then", "1,", "{a:}", ".[] |", "map(", "\"unterminated"])
    func syntaxErrors(_ filter: String) throws {
        let error = try #require(failure(filter))
        #expect(error.code == .badRequest)
        #expect(error.message.hasPrefix("invalid jq filter \"\(filter)\": "))
        #expect(error.message.contains("syntax error") || error.message.contains("unterminated"))
    }

    @Test func initRejectsBadFilters() {
        #expect(throws: ExecError.self) { try JQProgram("..a") }
        #expect(throws: ExecError.self) { try JQProgram(".a\u{0}") }
        #expect(throws: Never.self) { try JQProgram(".items.[].key") }
    }

    @Test func undefinedNames() throws {
        #expect(try #require(failure("foo")).message == #"invalid jq filter "foo": foo/0 is not defined at <top-level>, line 1"#)
        #expect(try #require(failure("$x")).message.contains("$x is not defined"))
    }

    @Test func runtimeErrors() throws {
        let error = try #require(failure(".a.b", #"{"a":1}"#))
        #expect(error.code == .badRequest)
        #expect(error.message == #"jq filter ".a.b": Cannot index number with string "b""#)
        #expect(try #require(failure(".[0]", "{}")).message.contains("Cannot index object with number"))
        #expect(try #require(failure(".[]", "3")).message.contains("Cannot iterate over number"))
        #expect(try #require(failure("1 / .", "0")).message.contains("cannot be divided because the divisor is zero"))
        // jq folds constants: a literal division by zero is already a compile error.
        #expect(try #require(failure("1 / 0", "null")).message.contains("Division by zero?"))
        #expect(try #require(failure("\"a\" - 1", "null")).message.contains("cannot be subtracted"))
    }

    @Test func firstErrorEndsTheRun() throws {
        // Argo returns gojq's first error and drops earlier results; jq's CLI would print them and go on.
        #expect(try #require(failure(".[] | 10 / .", "[1,0,2]")).message.contains("divisor is zero"))
    }

    @Test func userErrors() throws {
        #expect(try #require(failure("error(\"boom\")")).message == #"jq filter "error("boom")": boom"#)
        #expect(try #require(failure("error({a: 1})")).message == #"jq filter "error({a: 1})": {"a":1}"#)
        #expect(try #require(failure("halt")).message == #"jq filter "halt" halted: null"#)
        #expect(try #require(failure("\"bye\" | halt_error")).message.hasSuffix("halted: bye"))
    }

    @Test(arguments: ["input", "[inputs]"])
    func noInputStream(_ filter: String) throws {
        #expect(try #require(failure(filter)).message == "jq filter \"\(filter)\": input(s)/0 is not allowed")
    }

    @Test(arguments: ["", "{", "nope", "{} {}", "[1,]"])
    func inputMustBeJSON(_ input: String) throws {
        let error = try #require(failure(".", input))
        #expect(error.code == .badRequest)
        #expect(error.message.hasPrefix("jq filter \".\": the input is not JSON: "))
    }

    @Test func resultsDeeperThanTheParserLimitAreAnError() throws {
        let error = try #require(failure("reduce range(600) as $i (0; [.])", "null"))
        #expect(error.message == #"jq filter "reduce range(600) as $i (0; [.])": jq value nested deeper than 512 levels"#)
        #expect(try JQProgram.gojqOutput(filter: "reduce range(100) as $i (0; [.]) | flatten", json: Array("null".utf8)) == "[0]")
    }
}
