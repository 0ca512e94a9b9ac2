import Testing
import TestSupport

@Suite("Test peers name a missing tool")
struct ExternalToolTests {
    @Test("a missing program or Python module is an error naming it and where it comes from")
    func missing() {
        let program = #expect(throws: ExternalTool.Missing.self) { try ExternalTool.require("argoexec-no-such-tool") }
        #expect(program?.description.hasPrefix("argoexec-no-such-tool is needed by this test and is not installed") == true)
        let module = #expect(throws: ExternalTool.Missing.self) { try ExternalTool.requirePython("argoexec_no_such_module") }
        #expect(module?.description.contains("the Python module argoexec_no_such_module") == true)
        #expect(throws: Never.self) { try ExternalTool.require("python3") }
    }
}
