import ModelBase
import Testing

/// The plain scans that replace the standard library's string-processing search (docs/build.md, "Swift's regex
/// engine") give its answers on the texts the code searches: ASCII needles in UTF-8 text.
@Suite("TextSearch: firstRange(ofText:), contains(text:), replacing(text:with:)")
struct TextSearchTests {
    static let texts = ["", "a", "://", "s3://bucket/key", "http://h/p?x=%2F%2F", "<Key>a</Key><Key>b</Key>", "ünïcödé://x",
                        "aaab", "abababc", "-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----", "x%2"]
    static let needles = ["", "a", "://", "%2F", "<Key>", "</Key>", "ab", "abc", "aab", "-----", "-----END RSA PRIVATE KEY-----", "zz", "ï"]

    @Test("the same ranges, answers and replacements as the standard library's")
    func agreesWithTheStandardLibrary() {
        for text in Self.texts {
            for needle in Self.needles {
                #expect(text.firstRange(ofText: needle) == text.firstRange(of: needle), "\(text) \(needle)")
                #expect(text.contains(text: needle) == (needle.isEmpty || text.contains(needle)), "\(text) \(needle)")
                let sub = text.dropFirst()
                #expect(sub.firstRange(ofText: needle) == sub.firstRange(of: needle), "\(sub) \(needle)")
                if !needle.isEmpty {
                    #expect(text.replacing(text: needle, with: "<>") == text.replacing(needle, with: "<>"), "\(text) \(needle)")
                }
            }
        }
        #expect("abc".replacing(text: "", with: "x") == "abc")
    }
}
