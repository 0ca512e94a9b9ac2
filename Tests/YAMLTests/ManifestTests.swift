import Foundation
import Model
import Testing
@testable import YAML

/// Real configuration: Kubernetes manifests as kubectl reads them, and the Argo files the CLI reads.
@Suite("manifests and repository files")
struct ManifestTests {
    @Test("a Job and a CRD with block scalars, in one kubectl-style stream")
    func kubernetes() throws {
        let yaml = """
        # job.yaml
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: pi
          labels: {app: pi, "tier": batch}
        spec:
          backoffLimit: 4
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: pi
                image: perl:5.34.0
                command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
                env:
                - name: ENABLED
                  value: "yes"
                - {name: MODE, value: "0755"}
                resources:
                  limits: {cpu: 500m, memory: 128Mi}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: crontabs.stable.example.com
        spec:
          group: stable.example.com
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  description: |
                    CronTab is the Schema for the crontabs API.
                      It keeps its indentation.
                  type: object
                  properties:
                    cronSpec:
                      description: >-
                        The schedule,
                        in Cron format.
                      type: string
                      pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'
                    replicas: {type: integer, minimum: 1, maximum: 10}
          scope: Namespaced
          names: {plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct]}
        """
        let docs = try YAMLDocuments.parse(Array(yaml.utf8))
        #expect(docs.count == 2)
        let container: JSONValue = [
            "name": "pi", "image": "perl:5.34.0", "command": ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
            "env": [["name": "ENABLED", "value": "yes"], ["name": "MODE", "value": "0755"]],
            "resources": ["limits": ["cpu": "500m", "memory": "128Mi"]],
        ]
        #expect(docs[0] == [
            "apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "pi", "labels": ["app": "pi", "tier": "batch"]],
            "spec": ["backoffLimit": 4, "template": ["spec": ["restartPolicy": "Never", "containers": [container]]]],
        ])
        let schema = docs[1]["spec"]?["versions"].flatMap { if case .array(let a) = $0 { a.first } else { nil } }?["schema"]?["openAPIV3Schema"]
        #expect(schema?["description"] == "CronTab is the Schema for the crontabs API.\n  It keeps its indentation.\n")
        #expect(schema?["properties"]?["cronSpec"]?["description"] == "The schedule, in Cron format.")
        #expect(schema?["properties"]?["cronSpec"]?["pattern"] == #"^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$"#)
        #expect(schema?["properties"]?["replicas"] == ["type": "integer", "minimum": 1, "maximum": 10])
        #expect(docs[1]["spec"]?["names"]?["shortNames"] == ["ct"])
    }

    @Test("an artifact-repositories value in YAML decodes like its JSON form")
    func repository() throws {
        let yaml = """
        # kept in the artifact-repositories ConfigMap
        archiveLogs: true
        s3:
          bucket: my-bucket          # trailing comment
          endpoint: "minio:9000"
          insecure: true
          keyFormat: 'artifacts/{{workflow.name}}/it''s'
          accessKeySecret:
            name: my-minio-cred
            key: accesskey
          secretKeySecret: {name: my-minio-cred, key: "secretkey"}
        """
        let value = try YAMLDocuments.parseOne(Array(yaml.utf8))
        let repo = try JSONDecoder().decode(ArtifactRepository.self, from: JSONEncoder().encode(value))
        #expect(repo.archiveLogs == true)
        #expect(repo.s3?.location.bucket == "my-bucket")
        #expect(repo.s3?.location.endpoint == "minio:9000")
        #expect(repo.s3?.location.insecure == true)
        #expect(repo.s3?.keyFormat == "artifacts/{{workflow.name}}/it's")
        #expect(repo.s3?.location.accessKeySecret?.key == "accesskey")
        #expect(repo.s3?.location.secretKeySecret?.key == "secretkey")
    }

    @Test("sequences, block scalars, typed scalars (the old subset reader's shapes)")
    func shapes() throws {
        let value = try YAMLDocuments.parseOne(Array("""
        list:
        - a
        - name: b
          size: 3
        -
          - nested
        - {name: c}
        flow: [1, two, true, {a: [x, 'y, z']}]
        empty: {}
        none: ~
        ratio: 1.5
        text: |
          line one
            indented
        folded: >-
          a
          b
        quoted: "tab\\tnew\\nline # not a comment"
        """.utf8))
        #expect(value == [
            "list": ["a", ["name": "b", "size": 3], ["nested"], ["name": "c"]],
            "flow": [1, "two", true, ["a": ["x", "y, z"]]],
            "empty": [:], "none": nil, "ratio": 1.5,
            "text": "line one\n  indented\n", "folded": "a b",
            "quoted": "tab\tnew\nline # not a comment",
        ])
    }

    @Test("a kubeconfig with flow mappings and YAML 1.1 words")
    func kubeconfig() throws {
        let value = try YAMLDocuments.parseOne(Array("""
        apiVersion: v1
        clusters:
        - cluster: {server: "https://10.0.0.1:6443", insecure-skip-tls-verify: yes}
          name: c
        contexts: [{context: {cluster: c, user: u, namespace: argo}, name: ctx}]
        current-context: ctx
        users:
        - name: u
          user: {token: abc}
        """.utf8))
        #expect(value["clusters"] == [["cluster": ["server": "https://10.0.0.1:6443", "insecure-skip-tls-verify": true], "name": "c"]])
        #expect(value["current-context"] == "ctx")
    }
}
