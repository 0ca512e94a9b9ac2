import Foundation
import Testing
import TestSupport

/// What `argoexec resource` and `argoexec artifact delete` need of the fake, checked with the real kubectl
/// (the client the Go executor shells out to): any kind through discovery, every write verb, the patch types
/// kubectl sends, status subresources, and errors printed as kubectl prints a real API server's.
@Suite("Kubernetes API fake: generic resources through the real kubectl")
struct KubeFakeGenericTests {
    static func fake(_ users: [String: (name: String, allow: [String])] = ["admin": ("admin", ["*"])]) throws -> (KubeFake, Kubectl) {
        let fake = try KubeFake(users: users, objects: [Kubectl.widgetDefinition])
        var contexts: [String: String] = [:]
        for token in users.keys { contexts[token] = token }
        return (fake, try Kubectl(fake, contexts: contexts))
    }

    @Test("create -f: a ConfigMap, a Job, a multi-document file with a custom and a cluster-scoped kind; get by name, by -f, -o json/jsonpath/name, -l")
    func createAndGet() throws {
        let (_, k) = try Self.fake()
        let definition = try k.file("gadgets.yaml", """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: gadgets.example.com}
        spec:
          group: example.com
          scope: Cluster
          names: {kind: Gadget, plural: gadgets, singular: gadget}
          versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
        """)
        #expect(try k.run("create", "-f", definition).out == "customresourcedefinition.apiextensions.k8s.io/gadgets.example.com created")
        let cm = try k.file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one, labels: {app: a, tier: web}}\ndata: {k: v}\n")
        let multi = try k.file("multi.yaml", """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: job, labels: {app: a}}
        spec: {template: {spec: {restartPolicy: Never, containers: [{name: main, image: busybox}]}}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: two, labels: {app: b}}
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, labels: {app: a}}
        spec: {size: 3}
        ---
        apiVersion: example.com/v1
        kind: Gadget
        metadata: {name: g}
        spec: {color: red}
        """)
        #expect(try k.run("create", "-f", cm).out == "configmap/one created")
        let created = try k.run("create", "-f", multi)
        #expect(created.out == "job.batch/job created\nconfigmap/two created\nwidget.example.com/w created\ngadget.example.com/g created",
                "\(created.err)")
        #expect(try k.run("get", "configmap", "one", "-o", "jsonpath={.data.k} {.metadata.namespace} {.metadata.uid}").out.hasPrefix("v argo "))
        #expect(try k.run("get", "-f", multi, "-o", "name").out == "job.batch/job\nconfigmap/two\nwidget.example.com/w\ngadget.example.com/g")
        let json = try k.run("get", "gadget", "g", "-o", "json").out
        let gadget = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let meta = gadget["metadata"] as? [String: Any]
        #expect(gadget["apiVersion"] as? String == "example.com/v1" && meta?["namespace"] == nil && meta?["generation"] as? Int == 1)
        #expect(try k.run("get", "cm,jobs,wg", "-l", "app in (a),tier!=db", "-o", "name").out == "configmap/one\njob.batch/job\nwidget.example.com/w")
        #expect(try k.run("get", "cm", "-l", "!tier", "-o", "name").out == "configmap/two")
        #expect(try k.run("get", "cm", "--field-selector", "metadata.name=two", "-o", "name").out == "configmap/two")
        #expect(try k.run("get", "job", "job", "-o", "jsonpath={.spec.template.spec.containers[0].image}").out == "busybox")
    }

    @Test("apply: client-side three-way merge (strategic for built-ins, JSON merge for custom kinds) and server-side with managers and conflicts")
    func applyBothWays() throws {
        let (fake, k) = try Self.fake()
        let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          selector: {matchLabels: {app: d}}
          template:
            metadata: {labels: {app: d}}
            spec:
              containers:
              - {name: main, image: "nginx:1", env: [{name: A, value: "1"}]}
              - {name: side, image: busybox}
        """
        let file = try k.file("d.yaml", deployment)
        #expect(try k.run("apply", "-f", file).out == "deployment.apps/d created")
        _ = try k.file("d.yaml", deployment.replacingOccurrences(of: "nginx:1", with: "nginx:2")
            .replacingOccurrences(of: "\n      - {name: side, image: busybox}", with: ""))
        #expect(try k.run("apply", "-f", file).out == "deployment.apps/d configured")
        #expect(try k.run("get", "deploy", "d", "-o", "jsonpath={.spec.template.spec.containers[*].name} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].name} {.metadata.generation}").out
                == "main nginx:2 A 2")
        let widget = try k.file("w.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1, old: x}\n")
        #expect(try k.run("apply", "-f", widget).out == "widget.example.com/w created")
        _ = try k.file("w.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 2}\n")
        #expect(try k.run("apply", "-f", widget).out == "widget.example.com/w configured")
        #expect(try k.run("get", "wg", "w", "-o", "jsonpath={.spec}").out == #"{"size":2}"#)
        let patches = fake.requests().filter { $0["method"] as? String == "PATCH" }.compactMap { $0["contentType"] as? String }
        #expect(patches == ["application/strategic-merge-patch+json", "application/merge-patch+json"])

        let ssa = try k.file("s.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: {a: \"1\", b: \"2\"}\n")
        #expect(try k.run("apply", "--server-side", "-f", ssa).out == "configmap/s serverside-applied")
        _ = try k.file("s.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: {a: \"1\", c: \"3\"}\n")
        #expect(try k.run("apply", "--server-side", "-f", ssa).out == "configmap/s serverside-applied")
        #expect(try k.run("get", "cm", "s", "-o", "jsonpath={.data} {.metadata.managedFields[0].manager} {.metadata.managedFields[0].operation}").out
                == #"{"a":"1","c":"3"} kubectl Apply"#)
        let other = try k.file("o.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: {a: \"9\"}\n")
        let conflict = try k.run("apply", "--server-side", "--field-manager", "other", "-f", other)
        #expect(conflict.status != 0 && conflict.err.contains(#"Apply failed with 1 conflict: conflict with "kubectl" using v1: .data.a"#), "\(conflict.err)")
        #expect(try k.run("apply", "--server-side", "--field-manager", "other", "--force-conflicts", "-f", other).status == 0)
        #expect(try k.run("get", "cm", "s", "-o", "jsonpath={.data.a}").out == "9")
        #expect(fake.requests().contains { $0["contentType"] as? String == "application/apply-patch+yaml" && ($0["path"] as? String)?.contains("force=true") == true })
    }

    @Test("replace and patch: strategic, merge and JSON patch; a failed JSON patch test and strategic merge on a custom kind as the API server refuses them")
    func replaceAndPatch() throws {
        let (_, k) = try Self.fake()
        #expect(try k.run("create", "-f", try k.file("c0.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: \"1\"}\n")).status == 0)
        let replacement = try k.file("c.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {replaced: \"yes\"}\n")
        #expect(try k.run("replace", "-f", replacement).out == "configmap/c replaced")
        #expect(try k.run("patch", "cm", "c", "--type", "merge", "-p", #"{"data":{"m":"1"}}"#).out == "configmap/c patched")
        #expect(try k.run("patch", "cm", "c", "--type", "strategic", "-p", #"{"data":{"s":"2","m":null}}"#).out == "configmap/c patched")
        #expect(try k.run("patch", "cm", "c", "--type", "json", "-p",
                          #"[{"op":"add","path":"/data/j~1k","value":"3"},{"op":"remove","path":"/data/replaced"},{"op":"test","path":"/data/s","value":"2"}]"#).status == 0)
        #expect(try k.run("get", "cm", "c", "-o", "jsonpath={.data}").out == #"{"j/k":"3","s":"2"}"#)
        #expect(try k.run("patch", "cm", "c", "--type", "merge", "-p", #"{"data":{"s":"2"}}"#).out == "configmap/c patched (no change)")
        let failed = try k.run("patch", "cm", "c", "--type", "json", "-p", #"[{"op":"test","path":"/data/s","value":"other"}]"#)
        #expect(failed.status != 0 && failed.err.contains("The request is invalid: the server rejected our request due to an error in our request"), "\(failed.err)")
        #expect(try k.run("create", "-f", try k.file("w.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1}\n")).status == 0)
        let strategic = try k.run("patch", "wg", "w", "--type", "strategic", "-p", #"{"spec":{"size":2}}"#)
        #expect(strategic.status != 0 && strategic.err.contains("the body of the request was in an unknown format - accepted media types include: "
                                                                + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"), "\(strategic.err)")
        #expect(try k.run("patch", "wg", "w", "--type", "merge", "-p", #"{"spec":{"size":2}}"#).status == 0)
        #expect(try k.run("get", "wg", "w", "-o", "jsonpath={.spec.size} {.metadata.generation}").out == "2 2")
    }

    @Test("status subresource: kubectl's main-resource patch leaves status alone; a controller's later /status change is what kubectl wait sees")
    func statusChanges() throws {
        let (fake, k) = try Self.fake()
        let job = try k.file("j.yaml", """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec: {template: {spec: {restartPolicy: Never, containers: [{name: main, image: busybox}]}}}
        """)
        #expect(try k.run("create", "-f", job).status == 0)
        #expect(try k.run("patch", "job", "j", "--type", "merge", "-p", #"{"status":{"succeeded":7}}"#).out == "job.batch/j patched (no change)")
        #expect(try k.run("patch", "wg", "absent", "--type", "merge", "-p", "{}").err.contains(#"widgets.example.com "absent" not found"#))
        let body = #"{"status":{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}}"#
        _ = try Curl.run(["-sS", "-X", "POST", "--cacert", fake.caFile, "-H", "Authorization: Bearer admin", "-d",
                          #"{"after":2,"path":"/apis/batch/v1/namespaces/argo/jobs/j/status","body":\#(body)}"#, fake.server + "/_fake/later"])
        let started = Date()
        let waited = try k.run("wait", "--for=condition=Complete", "job/j", "--timeout=20s")
        #expect(waited.out == "job.batch/j condition met", "\(waited.err)")
        #expect(Date().timeIntervalSince(started) > 1.5)
        #expect(try k.run("get", "job", "j", "-o", "jsonpath={.status.succeeded} {.metadata.generation}").out == "1 1")
        #expect(try k.run("patch", "job", "j", "--subresource", "status", "--type", "merge", "-p", #"{"status":{"failed":2}}"#).status == 0)
        #expect(try k.run("get", "job", "j", "-o", "jsonpath={.status.succeeded} {.status.failed}").out == "1 2")
        #expect(fake.requests().contains { $0["source"] as? String == "later" && $0["status"] as? Int == 200 })
    }

    @Test("delete by name, --ignore-not-found, -l selector; 403, 404 and 409 as kubectl prints them")
    func deleteAndErrors() throws {
        let (_, k) = try Self.fake(["admin": ("admin", ["*"]), "reader": ("reader", ["get configmaps", "list configmaps"])])
        let three = [("a1", "a"), ("a2", "a"), ("b1", "b")].map { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \($0.0), labels: {app: \($0.1)}}\n" }
        #expect(try k.run("create", "-f", try k.file("three.yaml", three.joined(separator: "---\n"))).status == 0)
        #expect(try k.run("delete", "configmap", "b1").out == #"configmap "b1" deleted"#)
        let missing = try k.run("delete", "configmap", "b1")
        #expect(missing.status != 0 && missing.err.contains(#"Error from server (NotFound): configmaps "b1" not found"#), "\(missing.err)")
        #expect(try k.run("delete", "configmap", "b1", "--ignore-not-found").status == 0)
        #expect(try k.run("delete", "configmap", "-l", "app=a").out == "configmap \"a1\" deleted\nconfigmap \"a2\" deleted")
        #expect(try k.run("get", "configmap", "-o", "name").out == "")

        let c = try k.file("c.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
        #expect(try k.run("create", "-f", c).status == 0)
        let denied = try k.run("--context", "reader", "delete", "configmap", "c")
        #expect(denied.err.contains(#"Error from server (Forbidden): configmaps "c" is forbidden: User "reader" cannot delete resource "configmaps" in API group "" in the namespace "argo""#),
                "\(denied.err)")
        let stale = try k.file("stale.json", try k.run("get", "configmap", "c", "-o", "json").out)
        #expect(try k.run("label", "configmap", "c", "x=y").status == 0)
        let conflict = try k.run("replace", "-f", stale)
        #expect(conflict.err.contains(#"Error from server (Conflict): error when replacing "\#(stale)": Operation cannot be fulfilled on configmaps "c": the object has been modified"#),
                "\(conflict.err)")
        let exists = try k.run("create", "-f", c)
        #expect(exists.err.contains(#"Error from server (AlreadyExists): error when creating "\#(c)": configmaps "c" already exists"#), "\(exists.err)")
    }
}
