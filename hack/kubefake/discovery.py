"""Discovery and OpenAPI documents, in the forms kubectl v1.32 reads:

- /api and /apis answer the aggregated form (apidiscovery.k8s.io/v2 APIGroupDiscoveryList) when the Accept header
  asks for it, as kubectl does first, and the legacy APIVersions / APIGroupList otherwise
  (apiserver/pkg/endpoints/discovery/aggregated/handler.go); /api/v1, /apis/<group>, /apis/<group>/<version> are
  the legacy documents;
- /openapi/v3 lists one document per group/version whose PATCH operations carry x-kubernetes-group-version-kind and
  a fieldValidation parameter: that is all kubectl's query-param verifier looks for
  (cli-runtime/pkg/resource/query_param_verifier_v3.go) before sending fieldValidation=Strict and leaving
  validation to the server; without it `kubectl create` (validation on by default) falls back to /openapi/v2
  and fails. /openapi/v2 stays a 404, which kubectl only needs when v3 is missing."""
import hashlib
import json

VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
STATUS_VERBS = ["get", "patch", "update"]
AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=%s;as=APIGroupDiscoveryList"


def version_info():
    return {"major": "1", "minor": "32", "gitVersion": "v1.32.0-argoexec-fake", "gitCommit": "", "gitTreeState": "clean",
            "buildDate": "2024-12-11T00:00:00Z", "goVersion": "go1.23.4", "compiler": "gc", "platform": "linux/amd64"}


def _aggregated_version(accept):
    """The apidiscovery version the Accept header prefers, or None for the legacy documents."""
    for media in (accept or "").split(","):
        params = dict(p.strip().split("=", 1) for p in media.split(";")[1:] if "=" in p)
        if params.get("as") == "APIGroupDiscoveryList" and params.get("g") == "apidiscovery.k8s.io" \
                and params.get("v") in ("v2", "v2beta1"):
            return params["v"]
        if media.split(";")[0].strip() in ("application/json", "*/*"):
            return None
    return None


def _legacy_resources(resources):
    out = []
    for r in resources:
        entry = {"name": r.plural, "singularName": r.singular, "namespaced": r.namespaced, "kind": r.kind, "verbs": VERBS}
        if r.short_names:
            entry["shortNames"] = r.short_names
        if r.categories:
            entry["categories"] = r.categories
        out.append(entry)
        if r.status:
            out.append({"name": r.plural + "/status", "singularName": "", "namespaced": r.namespaced, "kind": r.kind,
                        "verbs": STATUS_VERBS})
    return out


def _aggregated_resource(r):
    kind = {"group": r.group, "version": r.version, "kind": r.kind}
    entry = {"resource": r.plural, "responseKind": kind, "scope": "Namespaced" if r.namespaced else "Cluster",
             "singularResource": r.singular, "verbs": VERBS}
    if r.short_names:
        entry["shortNames"] = r.short_names
    if r.categories:
        entry["categories"] = r.categories
    if r.status:
        entry["subresources"] = [{"subresource": "status", "responseKind": kind, "verbs": STATUS_VERBS}]
    return entry


def _group_entry(group, versions):
    gvs = [{"groupVersion": group + "/" + v, "version": v} for v in versions]
    return {"name": group, "versions": gvs, "preferredVersion": gvs[0]}


def document(path, accept, registry):
    """-> (content type, body) for a discovery path, or None when path is not one."""
    parts = [p for p in path.split("/") if p]
    if path == "/version":
        return "application/json", version_info()
    if parts and parts[0] in ("api", "apis") and len(parts) == 1:
        core = parts[0] == "api"
        groups = [(g, vs) for g, vs in registry.groups() if (g == "") == core]
        aggregated = _aggregated_version(accept)
        if aggregated:
            items = []
            for group, versions in groups:
                meta = {"name": group, "creationTimestamp": None} if group else {"creationTimestamp": None}
                items.append({"metadata": meta, "versions": [
                    {"version": v, "resources": [_aggregated_resource(r) for r in registry.in_version(group, v)],
                     "freshness": "Current"} for v in versions]})
            return AGGREGATED % aggregated, {"kind": "APIGroupDiscoveryList",
                                             "apiVersion": "apidiscovery.k8s.io/" + aggregated,
                                             "metadata": {}, "items": items}
        if core:
            return "application/json", {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []}
        return "application/json", {"kind": "APIGroupList", "apiVersion": "v1",
                                    "groups": [_group_entry(g, vs) for g, vs in groups]}
    if parts == ["api", "v1"] or (len(parts) == 3 and parts[0] == "apis"):
        group, version = ("", "v1") if parts[0] == "api" else (parts[1], parts[2])
        resources = registry.in_version(group, version)
        if not resources:
            return None
        return "application/json", {"kind": "APIResourceList", "apiVersion": "v1",
                                    "groupVersion": (group + "/" if group else "") + version,
                                    "resources": _legacy_resources(resources)}
    if len(parts) == 2 and parts[0] == "apis":
        for group, versions in registry.groups():
            if group == parts[1] and group:
                return "application/json", dict(kind="APIGroup", apiVersion="v1", **_group_entry(group, versions))
    return None


# --- OpenAPI v3 -------------------------------------------------------------------------------------------------

def _gv_path(group, version):
    return "api/v1" if not group else "apis/%s/%s" % (group, version)


def _operation(r, action, patch_types=None):
    op = {"operationId": action + r.kind, "x-kubernetes-action": action,
          "x-kubernetes-group-version-kind": {"group": r.group, "version": r.version, "kind": r.kind},
          "parameters": [{"name": n, "in": "query", "schema": {"type": "string"}}
                         for n in ("dryRun", "fieldManager", "fieldValidation") + (("force",) if patch_types else ())],
          "responses": {"200": {"description": "OK"}}}
    if patch_types:
        ref = {"schema": {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"}}
        op["requestBody"] = {"content": {t: ref for t in patch_types}, "required": True}
    return op


def openapi_v3_gv(registry, group, version):
    paths = {}
    for r in registry.in_version(group, version):
        patch_types = ["application/json-patch+json", "application/merge-patch+json"]
        if r.builtin:
            patch_types.append("application/strategic-merge-patch+json")
        patch_types.append("application/apply-patch+yaml")
        base = "/" + _gv_path(group, version) + ("/namespaces/{namespace}" if r.namespaced else "") + "/" + r.plural
        paths[base] = {"get": _operation(r, "list"), "post": _operation(r, "post")}
        paths[base + "/{name}"] = {"get": _operation(r, "get"), "put": _operation(r, "put"),
                                   "delete": _operation(r, "delete"), "patch": _operation(r, "patch", patch_types)}
        if r.status:
            paths[base + "/{name}/status"] = {"get": _operation(r, "get"), "put": _operation(r, "put"),
                                              "patch": _operation(r, "patch", patch_types)}
    if not paths:
        return None
    return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": "v1.32.0"}, "paths": paths,
            "components": {"schemas": {"io.k8s.apimachinery.pkg.apis.meta.v1.Patch": {"type": "object"}}}}


def openapi(path, registry):
    """-> body for /openapi/v3 and /openapi/v3/<gv path>, or None (404; /openapi/v2 always)."""
    if path == "/openapi/v3":
        out = {}
        for group, versions in registry.groups():
            for v in versions:
                doc = json.dumps(openapi_v3_gv(registry, group, v), sort_keys=True).encode()
                digest = hashlib.sha512(doc).hexdigest().upper()
                out[_gv_path(group, v)] = {"serverRelativeURL": "/openapi/v3/%s?hash=%s" % (_gv_path(group, v), digest)}
        return {"paths": out}
    parts = [p for p in path.split("/") if p]
    if parts[:2] == ["openapi", "v3"]:
        rest = parts[2:]
        if rest == ["api", "v1"]:
            return openapi_v3_gv(registry, "", "v1")
        if len(rest) == 3 and rest[0] == "apis":
            return openapi_v3_gv(registry, rest[1], rest[2])
    return None
