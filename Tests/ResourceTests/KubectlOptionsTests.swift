import Resource
import Testing

@Suite("kubectl flags parsed as pflag parses them")
struct KubectlOptionsTests {
    @Test func forms() throws {
        let o = try KubectlOptions.parse(action: "delete", ["configmap", "--selector", "app=x", "-nns", "--ignore-not-found", "-o", "name",
                                                           "--grace-period=5", "--cascade", "--wait=false", "--validate=false"])
        #expect(o.positional == ["configmap"])
        #expect(o.selector == "app=x")
        #expect(o.namespace == "ns")
        #expect(o.ignoreNotFound)
        #expect(o.output == "name")
        #expect(o.gracePeriod == 5)
        #expect(o.cascade == "background")
        #expect(o.wait == false)
        #expect(o.validate == "ignore")
    }

    @Test func unknownFlagsAreCobrasErrors() {
        #expect(throws: KubectlError("unknown flag: --fake")) { try KubectlOptions.parse(action: "create", ["--fake=true"]) }
        #expect(throws: KubectlError("unknown shorthand flag: 'z' in -z")) { try KubectlOptions.parse(action: "create", ["-z"]) }
        #expect(throws: KubectlError("flag needs an argument: --namespace")) { try KubectlOptions.parse(action: "get", ["--namespace"]) }
        #expect(throws: KubectlError.self) { try KubectlOptions.parse(action: "patch", ["--type", "bogus"]) }
        #expect(throws: KubectlError.self) { try KubectlOptions.parse(action: "get", ["--ignore-not-found=maybe"]) }
    }

    @Test func doubleDashEndsFlags() throws {
        let o = try KubectlOptions.parse(action: "get", ["pod", "--", "-odd-name"])
        #expect(o.positional == ["pod", "-odd-name"])
    }
}
