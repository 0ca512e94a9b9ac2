"""Objects of every served resource and the API server's rules for writing them (apiserver/pkg/registry/generic/
registry/store.go and the per-type strategies): uid, creationTimestamp, resourceVersion and generation kept by
the server, status subresources, finalizers, owner-reference garbage collection, dry runs, and a change log that
watches read. Callers hold the server's lock."""
import base64
import copy
import datetime
import json
import random
import re
import threading
import uuid

from . import apply as ssa
from . import status as st
from .patches import go_type, json_patch, merge_patch, strategic_merge
from .resources import crd_problem
from .selectors import fields_match, labels_match

MAX_OBJECT = 1536 * 1024        # etcd's default request size limit (1.5 MiB)
MAX_ANNOTATIONS = 256 * 1024    # apimachinery/pkg/api/validation/objectmeta.go: TotalAnnotationSizeLimitB
_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_GENERATE_CHARS = "bcdfghjklmnpqrstvwxz2456789"  # apiserver/pkg/storage/names/generate.go (utilrand.String)


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _ordered(obj):
    """apiVersion, kind, metadata first, as the API server serialises."""
    head = {k: obj[k] for k in ("apiVersion", "kind", "metadata") if k in obj}
    head.update({k: v for k, v in obj.items() if k not in head})
    return head


class Store:
    def __init__(self, registry, lock):
        self.registry = registry
        self.objects = {}    # (group, plural, namespace, name) -> object; namespace "" when cluster-scoped
        self.managers = {}   # same key -> {manager: {"paths": set, "time": str, "apiVersion": str}}
        self.rv = 1000
        self.events = []     # (rv, type, (group, plural), namespace, object): what watches replay
        self.changed = threading.Condition(lock)

    # --- reading ----------------------------------------------------------------------------------------------

    def key(self, resource, namespace, name):
        return (resource.group, resource.plural, namespace if resource.namespaced else "", name)

    def output(self, resource, obj, in_list=False):
        """The object as served at resource's version; items of a built-in list carry no apiVersion/kind."""
        out = copy.deepcopy(obj)
        out["apiVersion"], out["kind"] = resource.api_version, resource.kind
        if in_list and resource.builtin:
            out.pop("apiVersion")
            out.pop("kind")
        return _ordered(out)

    def existing(self, resource, namespace, name):
        obj = self.objects.get(self.key(resource, namespace, name))
        if obj is None:
            raise st.not_found(resource, name)
        return obj

    def get(self, resource, namespace, name):
        return self.output(resource, self.existing(resource, namespace, name))

    def matching(self, resource, namespace, label_req, field_req):
        out = []
        for key in sorted(self.objects):
            group, plural, ns, _ = key
            if (group, plural) != (resource.group, resource.plural) or (namespace and ns != namespace):
                continue
            obj = self.objects[key]
            if labels_match(label_req, obj["metadata"].get("labels")) and fields_match(field_req, obj):
                out.append((key, obj))
        return out

    def list(self, resource, namespace, label_req, field_req, limit=0, token=None):
        found = self.matching(resource, namespace, label_req, field_req)
        if token:
            try:
                after = tuple(json.loads(base64.b64decode(token))["key"])
            except (ValueError, KeyError, TypeError):
                raise st.bad_request("continue key is not valid: illegal base64 data")
            found = [(k, o) for k, o in found if k > after]
        meta = {"resourceVersion": str(self.rv)}
        if limit and len(found) > limit:
            meta["continue"] = base64.b64encode(json.dumps({"key": list(found[limit - 1][0])}).encode()).decode()
            meta["remainingItemCount"] = len(found) - limit
            found = found[:limit]
        return {"apiVersion": resource.api_version, "kind": resource.list_kind, "metadata": meta,
                "items": [self.output(resource, o, in_list=True) for _, o in found]}

    # --- checks shared by the writes --------------------------------------------------------------------------

    def check_body(self, resource, namespace, body, url_name=None):
        if not isinstance(body, dict):
            raise st.bad_request("Object 'Kind' is missing in '%s'" % json.dumps(body)[:200])
        if body.get("apiVersion") and body["apiVersion"] != resource.api_version:
            raise st.bad_request("the API version in the data (%s) does not match the expected API version (%s)"
                                 % (body["apiVersion"], resource.api_version))
        if body.get("kind") and body["kind"] != resource.kind:
            raise st.bad_request("the kind in the data (%s) does not match the expected kind (%s)" % (body["kind"], resource.kind))
        meta = body.setdefault("metadata", {})
        if not isinstance(meta, dict):
            raise st.bad_request("metadata must be an object")
        if resource.namespaced:
            if meta.get("namespace") and meta["namespace"] != namespace:
                raise st.bad_request("the namespace of the provided object does not match the namespace sent on the request")
        if url_name is not None and meta.get("name") and meta["name"] != url_name:
            raise st.bad_request("the name of the object (%s) does not match the name on the URL (%s)" % (meta["name"], url_name))

    def check_size(self, resource, name, obj):
        if len(json.dumps(obj)) > MAX_OBJECT:
            raise st.ApiError(413, "RequestEntityTooLarge", "etcdserver: request is too large", {"name": name, "kind": resource.plural})
        annotations = obj.get("metadata", {}).get("annotations") or {}
        if sum(len(k) + len(str(v)) for k, v in annotations.items()) > MAX_ANNOTATIONS:
            raise st.invalid(resource, name, "metadata.annotations", "Too long: must have at most 262144 bytes", "FieldValueTooLong")

    def check_rv(self, resource, name, candidate, old):
        sent = (candidate.get("metadata") or {}).get("resourceVersion")
        if sent and sent != old["metadata"]["resourceVersion"]:
            raise st.conflict(resource, name)

    # --- writing ----------------------------------------------------------------------------------------------

    def _commit(self, resource, key, obj, event, dry):
        """Stores obj with the next resourceVersion and logs the change; a dry run only shows the result."""
        if not dry:
            self.rv += 1
            obj["metadata"]["resourceVersion"] = str(self.rv)
            self._render_managers(key, obj)
            obj["apiVersion"], obj["kind"] = resource.api_version, resource.kind
            self.objects[key] = _ordered(obj)
            self._log(event, key, self.objects[key])
        return self.output(resource, obj)

    def _log(self, event, key, obj):
        self.events.append((self.rv, event, key[:2], key[2], copy.deepcopy(obj)))
        del self.events[:-20000]
        self.changed.notify_all()

    def _render_managers(self, key, obj):
        managers = self.managers.get(key)
        if managers:
            obj["metadata"]["managedFields"] = [
                {"manager": m, "operation": "Apply", "apiVersion": v["apiVersion"], "time": v["time"],
                 "fieldsType": "FieldsV1", "fieldsV1": ssa.fields_v1(v["paths"])} for m, v in managers.items()]
        else:
            obj["metadata"].pop("managedFields", None)

    def _name(self, resource, meta):
        name = meta.get("name")
        if not name and meta.get("generateName"):
            name = meta["generateName"][:58] + "".join(random.choice(_GENERATE_CHARS) for _ in range(5))
        if not name:
            raise st.invalid(resource, "", "metadata.name", "Required value: name or generateName is required", "FieldValueRequired")
        pattern = _LABEL if resource.plural == "namespaces" else _SUBDOMAIN
        if not pattern.match(name) or len(name) > (63 if resource.plural == "namespaces" else 253):
            what = "RFC 1123 label" if resource.plural == "namespaces" else "RFC 1123 subdomain"
            raise st.invalid(resource, name, "metadata.name", 'Invalid value: "%s": a lowercase %s must consist of lower case '
                             "alphanumeric characters, '-'%s, and must start and end with an alphanumeric character"
                             % (name, what, "" if resource.plural == "namespaces" else " or '.'"))
        return name

    def create(self, resource, namespace, body, dry=False, initial=False):
        self.check_body(resource, namespace, body)
        meta = body["metadata"]
        name = self._name(resource, meta)
        key = self.key(resource, namespace, name)
        if key in self.objects:
            raise st.already_exists(resource, name)
        meta["name"] = name
        if resource.namespaced:
            meta["namespace"] = namespace
        else:
            meta.pop("namespace", None)
        for field in ("resourceVersion", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"):
            meta.pop(field, None)
        if not initial or not meta.get("uid"):
            meta["uid"] = str(uuid.uuid4())
        if not initial or not meta.get("creationTimestamp"):
            meta["creationTimestamp"] = now()
        if resource.generation:
            meta["generation"] = 1
        if resource.status and not initial:
            body.pop("status", None)  # PrepareForCreate: a new object's status is the server's to set
        self._prepare_special(resource, body, None)
        self.check_size(resource, name, body)
        if resource.namespaced and not dry:
            self.ensure_namespace(namespace)
        out = self._commit(resource, key, body, "ADDED", dry)
        if not dry:
            self._after_write(resource, body, None)
        return out

    def ensure_namespace(self, namespace):
        """A namespace springs into existence on first use, where the API server would answer NotFound: the
        tests and the pod simulator write into namespaces nobody created. kubectl asks for the namespace when an
        object is missing, to say which of the two is."""
        resource = self.registry.get("", "v1", "namespaces")
        if resource and self.key(resource, None, namespace) not in self.objects:
            self.create(resource, None, {"metadata": {"name": namespace}})

    def update(self, resource, namespace, name, body, subresource=None, dry=False):
        self.check_body(resource, namespace, body, name)
        old = self.existing(resource, namespace, name)
        self.check_rv(resource, name, body, old)
        return self.write(resource, namespace, name, old, body, subresource, dry)

    def write(self, resource, namespace, name, old, candidate, subresource, dry):
        """The update path every write but create shares: status subresource rules, immutable metadata,
        generation, finalizers."""
        if not isinstance(candidate, dict) or not isinstance(candidate.get("metadata", {}), dict):
            raise st.bad_request("the patched object is not a Kubernetes object")
        meta = candidate.setdefault("metadata", {})
        if meta.get("name") and meta["name"] != name:
            raise st.bad_request("the name of the object (%s) does not match the name on the URL (%s)" % (meta["name"], name))
        if meta.get("uid") and meta["uid"] != old["metadata"]["uid"]:
            raise st.conflict(resource, name, "Precondition failed: UID in precondition: %s, UID in object meta: %s"
                              % (meta["uid"], old["metadata"]["uid"]))
        if subresource == "status":
            new = copy.deepcopy(old)  # status strategies keep everything but .status from the stored object
            if "status" in candidate:
                new["status"] = copy.deepcopy(candidate["status"])
            else:
                new.pop("status", None)
        else:
            new = copy.deepcopy(candidate)
            if resource.status:
                new.pop("status", None)
                if "status" in old:
                    new["status"] = copy.deepcopy(old["status"])
            meta = new["metadata"]
            meta["name"] = name
            if resource.namespaced:
                meta["namespace"] = namespace
            for field in ("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"):
                if field in old["metadata"]:
                    meta[field] = old["metadata"][field]
                else:
                    meta.pop(field, None)
            if resource.generation and self._spec_changed(resource, old, new):
                meta["generation"] = old["metadata"].get("generation", 0) + 1
        new["metadata"]["resourceVersion"] = old["metadata"]["resourceVersion"]
        self._prepare_special(resource, new, old)
        self.check_size(resource, name, new)
        key = self.key(resource, namespace, name)
        if new["metadata"].get("deletionTimestamp") and not new["metadata"].get("finalizers"):
            out = self.output(resource, new)  # the last finalizer is gone: the deletion completes
            if not dry:
                self._remove(resource, key, new, "Background")
            return out
        if not dry:
            self._render_managers(key, new)
        if new == old:
            return self.output(resource, old)  # GuaranteedUpdate writes nothing when nothing changed
        out = self._commit(resource, key, new, "MODIFIED", dry)
        if not dry:
            self._after_write(resource, new, old)
        return out

    def _spec_changed(self, resource, old, new):
        """Generation counts changes outside metadata (and outside status when status is a subresource)."""
        drop = ("metadata", "status") if resource.status else ("metadata",)
        strip = lambda o: {k: v for k, v in o.items() if k not in drop}
        return strip(old) != strip(new)

    def patch(self, resource, namespace, name, content_type, raw, subresource=None, dry=False, query=None):
        query = query or {}
        if content_type == "application/apply-patch+yaml":
            return self.server_side_apply(resource, namespace, name, raw, subresource, dry, query)
        if content_type not in ("application/json-patch+json", "application/merge-patch+json",
                                "application/strategic-merge-patch+json"):
            raise st.unsupported_media(resource)
        if content_type == "application/strategic-merge-patch+json" and not resource.builtin:
            raise st.unsupported_media(resource)
        old = self.existing(resource, namespace, name)
        try:
            body = json.loads(raw)
        except ValueError as e:
            raise st.bad_request("error decoding patch: %s" % e)
        if content_type == "application/json-patch+json":
            candidate = json_patch(old, body)
        elif content_type == "application/merge-patch+json":
            if not isinstance(body, dict):
                raise st.bad_request("error decoding patch: json: cannot unmarshal %s into Go value of type "
                                     "map[string]interface {}" % go_type(body))
            candidate = merge_patch(old, body)
        else:
            candidate = strategic_merge(old, body, resource.kind)
        if not isinstance(candidate, dict):
            raise st.bad_request("the patched object is not a Kubernetes object")
        self.check_rv(resource, name, candidate, old)
        return 200, self.write(resource, namespace, name, old, candidate, subresource, dry)

    def server_side_apply(self, resource, namespace, name, raw, subresource, dry, query):
        manager = query.get("fieldManager")
        if not manager:
            raise st.bad_request('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch')
        applied = _parse_apply(raw)
        self.check_body(resource, namespace, applied, name)
        if resource.status and subresource != "status":
            applied.pop("status", None)
        key = self.key(resource, namespace, name)
        old = self.objects.get(key)
        kept = self.managers.get(key)
        previous = {m: v["paths"] for m, v in (kept or {}).items()}
        merged, owners = ssa.apply(old, applied, previous, manager, query.get("force") == "true", resource, name)
        if not dry:
            stamp = now()
            # A manager's timestamp moves only when what it owns changes.
            self.managers[key] = {m: {"paths": p, "apiVersion": resource.api_version,
                                      "time": kept[m]["time"] if kept and m in kept and kept[m]["paths"] == p else stamp}
                                  for m, p in owners.items()}
        try:
            if old is None:
                if subresource:
                    raise st.not_found(resource, name)
                merged.setdefault("metadata", {})["name"] = name
                return 201, self.create(resource, namespace, merged, dry)
            self.check_rv(resource, name, applied, old)
            return 200, self.write(resource, namespace, name, old, merged, subresource, dry)
        except st.ApiError:
            if not dry:  # a refused apply leaves the managers as they were
                if kept is None:
                    self.managers.pop(key, None)
                else:
                    self.managers[key] = kept
            raise

    def delete(self, resource, namespace, name, options, dry=False):
        key = self.key(resource, namespace, name)
        old = self.existing(resource, namespace, name)
        pre = options.get("preconditions") or {}
        if pre.get("uid") and pre["uid"] != old["metadata"]["uid"]:
            raise st.conflict(resource, name, "Precondition failed: UID in precondition: %s, UID in object meta: %s"
                              % (pre["uid"], old["metadata"]["uid"]))
        if pre.get("resourceVersion") and pre["resourceVersion"] != old["metadata"]["resourceVersion"]:
            raise st.conflict(resource, name, "Precondition failed: ResourceVersion in precondition: %s, ResourceVersion "
                              "in object meta: %s" % (pre["resourceVersion"], old["metadata"]["resourceVersion"]))
        if old["metadata"].get("finalizers"):
            # store.go: an object with finalizers is only marked; it goes when the last finalizer is removed.
            new = copy.deepcopy(old)
            new["metadata"].setdefault("deletionTimestamp", now())
            new["metadata"].setdefault("deletionGracePeriodSeconds", 0)
            return self._commit(resource, key, new, "MODIFIED", dry)
        out = copy.deepcopy(old)
        if resource.plural == "namespaces":
            out.setdefault("status", {})["phase"] = "Terminating"
        if not dry:
            # batch/v1 Jobs default to orphaning their pods (pkg/registry/batch/job/strategy.go); kubectl asks for
            # Background explicitly.
            default = "Orphan" if resource.plural == "jobs" else "Background"
            self._remove(resource, key, old, options.get("propagationPolicy") or default)
        if resource.returns_deleted:
            return self.output(resource, out)
        return st.success(resource, name, old["metadata"]["uid"])

    def _remove(self, resource, key, obj, policy):
        self.objects.pop(key, None)
        self.managers.pop(key, None)
        self.rv += 1
        gone = copy.deepcopy(obj)
        gone["metadata"]["resourceVersion"] = str(self.rv)
        self._log("DELETED", key, gone)
        if resource.plural == "namespaces":  # the namespace controller empties it
            for k in [k for k in self.objects if k[2] == key[3]]:
                self._remove_key(k, "Background")
        if resource.plural == "customresourcedefinitions":
            spec = obj.get("spec") or {}
            for k in [k for k in self.objects if k[:2] == (spec.get("group"), (spec.get("names") or {}).get("plural"))]:
                self._remove_key(k, "Background")
            self.registry.remove_crd_object(obj)
        self._collect_dependents(obj["metadata"]["uid"], policy)

    def _remove_key(self, key, policy):
        obj = self.objects.get(key)
        resource = self.registry.by_kind(obj.get("apiVersion"), obj.get("kind")) if obj else None
        if resource:
            self._remove(resource, key, obj, policy)
        elif obj:
            self.objects.pop(key)

    def _collect_dependents(self, uid, policy):
        """The garbage collector, done at once: dependents are deleted (Background, Foreground) or lose the owner
        reference (Orphan)."""
        for key in [k for k, o in self.objects.items()
                    if any(r.get("uid") == uid for r in o["metadata"].get("ownerReferences") or [])]:
            if key not in self.objects:
                continue
            if policy == "Orphan":
                obj = self.objects[key]
                obj["metadata"]["ownerReferences"] = [r for r in obj["metadata"]["ownerReferences"] if r.get("uid") != uid]
                if not obj["metadata"]["ownerReferences"]:
                    del obj["metadata"]["ownerReferences"]
                self.rv += 1
                obj["metadata"]["resourceVersion"] = str(self.rv)
                self._log("MODIFIED", key, obj)
            else:
                self._remove_key(key, policy)

    def delete_collection(self, resource, namespace, label_req, field_req, options, dry=False):
        items = []
        for key, obj in self.matching(resource, namespace, label_req, field_req):
            items.append(self.output(resource, obj, in_list=True))
            if key in self.objects:
                self.delete(resource, key[2], key[3], options, dry)
        return {"apiVersion": resource.api_version, "kind": resource.list_kind,
                "metadata": {"resourceVersion": str(self.rv)}, "items": items}

    # --- types with side effects ------------------------------------------------------------------------------

    def _prepare_special(self, resource, obj, old):
        if resource.plural == "customresourcedefinitions":
            problem = crd_problem(obj)
            if problem:
                raise st.invalid(resource, obj["metadata"].get("name"), problem[0], problem[1])
            spec = obj["spec"]
            storage = [v["name"] for v in spec["versions"] if v.get("storage")] or [spec["versions"][0]["name"]]
            # The apiextensions controllers accept the names at once.
            conditions = ((old or {}).get("status") or {}).get("conditions") or [
                {"type": t, "status": "True", "reason": r, "message": m, "lastTransitionTime": now()}
                for t, r, m in (("NamesAccepted", "NoConflicts", "no conflicts found"),
                                ("Established", "InitialNamesAccepted", "the initial names have been accepted"))]
            obj["status"] = {"acceptedNames": copy.deepcopy(spec["names"]), "storedVersions": storage, "conditions": conditions}
        if resource.plural == "namespaces" and old is None:
            obj["status"] = {"phase": "Active"}
            obj.setdefault("spec", {"finalizers": ["kubernetes"]})

    def _after_write(self, resource, obj, old):
        if resource.plural == "customresourcedefinitions":
            if old is not None:
                self.registry.remove_crd_object(old)
            self.registry.add_crd_object(obj)


def _parse_apply(raw):
    """An apply body is YAML (JSON being YAML, kubectl sends JSON)."""
    try:
        body = json.loads(raw)
    except ValueError:
        try:
            import yaml
            body = yaml.safe_load(raw)
        except Exception as e:  # a YAML error or no PyYAML
            raise st.bad_request("error decoding YAML: %s" % e)
    if not isinstance(body, dict):
        raise st.bad_request("error decoding YAML: the apply configuration is not an object")
    return body
