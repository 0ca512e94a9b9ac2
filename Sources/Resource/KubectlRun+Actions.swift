import Core
import Kube
import Model

extension KubectlRun {
    /// `kubectl create -f`: POST to the collection.
    func create(_ target: KubectlTarget, _ options: KubectlOptions) throws(KubectlError) -> JSONValue {
        guard let object = target.object else { throw KubectlError("error: nothing to create") }
        if options.dryRun == "client" { return object }
        let query = Self.query(options, manager: options.fieldManager ?? "kubectl-create")
        return try send("POST", target.collection + query, body: object, prefix: "error when creating \"\(target.source ?? "")\": ")
    }

    /// `kubectl apply -f` as server-side apply with conflicts forced (docs/resource.md, "apply"): the object is
    /// created when missing, its fields set when present, in one request.
    func apply(_ target: KubectlTarget, _ options: KubectlOptions) throws(KubectlError) -> JSONValue {
        guard var object = target.object else { throw KubectlError("error: nothing to apply") }
        guard !target.name.isEmpty else {
            throw KubectlError("error: error when retrieving current configuration of:\nResource: \"\(target.resource.qualifiedName)\", "
                + "GroupVersionKind: \"\(target.resource.groupVersion), Kind=\(target.resource.kind)\"\nName: \"\", Namespace: "
                + "\"\(target.namespace ?? "")\"\nfrom server for: \"\(target.source ?? "")\": resource name may not be empty")
        }
        if options.dryRun == "client" { return object }
        if let namespace = target.namespace, case .object(var fields) = object, case .object(var metadata)? = fields["metadata"] {
            metadata["namespace"] = .string(namespace)  // server-side apply wants the namespace in the body
            fields["metadata"] = .object(metadata)
            object = .object(fields)
        }
        // kubectl's own managers: `kubectl` for --server-side; without it, the one its client-side apply records.
        let manager = options.fieldManager ?? (options.serverSide ? "kubectl" : "kubectl-client-side-apply")
        var query = Self.query(options, manager: manager)
        if !options.serverSide || options.forceConflicts { query += "&force=true" }
        return try send("PATCH", target.path + query, body: object, contentType: "application/apply-patch+yaml",
                        prefix: "error when patching \"\(target.source ?? "")\": ")
    }

    /// `kubectl replace -f`: PUT, with the live object's resourceVersion when the manifest has none (kubectl's
    /// unconditional overwrite).
    func replace(_ target: KubectlTarget, _ options: KubectlOptions) throws(KubectlError) -> JSONValue {
        guard case .object(var fields)? = target.object else { throw KubectlError("error: nothing to replace") }
        let prefix = "error when replacing \"\(target.source ?? "")\": "
        if case .object(var metadata)? = fields["metadata"], metadata["resourceVersion"] == nil {
            let live = try send("GET", target.path, prefix: prefix)
            if let version = live["metadata"]?["resourceVersion"] { metadata["resourceVersion"] = version }
            fields["metadata"] = .object(metadata)
        }
        if options.dryRun == "client" { return .object(fields) }
        let query = Self.query(options, manager: options.fieldManager ?? "kubectl-replace")
        return try send("PUT", target.path + query, body: .object(fields), prefix: prefix)
    }

    /// `kubectl get`: one object, or the selected collection's items (`kind` and `apiVersion` filled in, as
    /// kubectl prints them). `--ignore-not-found` turns a missing object into nothing.
    func get(_ target: KubectlTarget, _ options: KubectlOptions) throws(KubectlError) -> [JSONValue] {
        if target.name.isEmpty {
            var query: [String] = []
            if let selector = options.selector { query.append("labelSelector=" + KubeClient.queryEscaped(selector)) }
            if let fields = options.fieldSelector { query.append("fieldSelector=" + KubeClient.queryEscaped(fields)) }
            let list = try send("GET", target.collection + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
            return try Self.items(list).map { item in Self.typed(item, target.resource) }
        }
        do {
            var path = target.path
            if let subresource = options.subresource { path += "/" + subresource }
            return [try send("GET", path)]
        } catch let error where error.notFound && options.ignoreNotFound {
            return []
        }
    }

    /// `kubectl patch`: the patch file (YAML or JSON) or `-p`, sent as a strategic, merge or JSON patch.
    func patch(_ target: KubectlTarget, _ options: KubectlOptions) throws(KubectlError) -> JSONValue {
        let text: [UInt8]
        if let file = options.patchFile {
            do {
                text = try FileIO.readAll(file, limit: ManifestObjects.maxBytes)
            } catch {
                throw KubectlError("error: unable to read patch file: open \(file): \(error.message)")
            }
        } else if let inline = options.patch {
            text = Array(inline.utf8)
        } else {
            throw KubectlError("error: must specify --patch or --patch-file containing the contents of the patch")
        }
        let body: JSONValue
        do {
            body = try ManifestObjects.patchDocument(text)
        } catch {
            throw KubectlError("error: unable to parse \"\(String(decoding: text.prefix(256), as: UTF8.self))\": \(error.message)")
        }
        let contentType = switch options.patchType {
        case "json": "application/json-patch+json"
        case "merge": "application/merge-patch+json"
        default: "application/strategic-merge-patch+json"
        }
        var path = target.path
        if let subresource = options.subresource { path += "/" + subresource }
        if options.dryRun == "client" { return try send("GET", path) }
        let query = Self.query(options, manager: options.fieldManager ?? "kubectl-patch")
        return try send("PATCH", path + query, body: body, contentType: contentType)
    }

    /// `kubectl`'s create/update query: field manager, field validation (`--validate`), server dry run.
    static func query(_ options: KubectlOptions, manager: String) -> String {
        var parts = ["fieldManager=" + KubeClient.queryEscaped(manager)]
        switch options.validate {
        case "ignore": parts.append("fieldValidation=Ignore")
        case "warn": parts.append("fieldValidation=Warn")
        default: parts.append("fieldValidation=Strict")
        }
        if options.dryRun == "server" { parts.append("dryRun=All") }
        return "?" + parts.joined(separator: "&")
    }

    /// The `items` of a list answer.
    static func items(_ list: JSONValue) throws(KubectlError) -> [JSONValue] {
        do {
            return try JSONFields.array(list["items"], "items")
        } catch {
            throw KubectlError("error: unexpected list answer from the server: \(error.message)")
        }
    }

    /// A list item with the `kind` and `apiVersion` a typed list leaves out.
    static func typed(_ item: JSONValue, _ resource: APIResource) -> JSONValue {
        guard case .object(var fields) = item else { return item }
        if fields["kind"] == nil { fields["kind"] = .string(resource.kind) }
        if fields["apiVersion"] == nil { fields["apiVersion"] = .string(resource.groupVersion) }
        return .object(fields)
    }
}
