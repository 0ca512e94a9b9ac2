"""Server-side apply (application/apply-patch+yaml), reduced to what a client can observe of it
(apiserver/pkg/endpoints/handlers/fieldmanager, sigs.k8s.io/structured-merge-diff):

- the applied configuration is merged into the live object: maps by key, the built-in types' keyed lists by their
  merge key (containers by name, ...), every other list as one atomic value;
- each Apply manager owns the fields it applied (shown in metadata.managedFields as FieldsV1); a field the same
  manager applied before and leaves out now is removed, unless another Apply manager owns it too;
- applying a different value to a field another Apply manager owns is a 409 Conflict naming the manager and the
  field, unless force=true, which takes the field over.

Simplification: non-apply writes (create, update, patch) record no manager, so they never conflict with an apply,
where a real API server would report a conflict with e.g. "kubectl-client-side-apply"."""
import copy
import json

from .patches import merge_key
from .status import ApiError

# Bookkeeping fields the manager does not own.
_SKIP_META = {"name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
              "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName"}


def field_paths(obj, kind, builtin, prefix=()):
    """The leaf paths of obj: tuples of ("f", key) and ("k", json of the list element's key)."""
    out = set()
    if not isinstance(obj, dict):
        return out
    for key, value in obj.items():
        if not prefix and key in ("apiVersion", "kind"):
            continue
        if prefix == (("f", "metadata"),) and key in _SKIP_META:
            continue
        here = prefix + (("f", key),)
        mk = merge_key(key, kind) if builtin else None
        if isinstance(value, dict) and value:
            out |= field_paths(value, kind, builtin, here)
        elif isinstance(value, list) and mk and value and all(isinstance(e, dict) and mk in e for e in value):
            for element in value:
                item = here + (("k", json.dumps({mk: element[mk]}, sort_keys=True)),)
                out |= field_paths(element, kind, builtin, item) or {item}
        else:
            out.add(here)
    return out


def _step(node, step):
    kind, key = step
    if kind == "f":
        return node.get(key) if isinstance(node, dict) else None
    want = json.loads(key)
    (mk, mv), = want.items()
    if isinstance(node, list):
        for element in node:
            if isinstance(element, dict) and element.get(mk) == mv:
                return element
    return None


def get_path(obj, path):
    node = obj
    for step in path:
        node = _step(node, step)
        if node is None:
            return None
    return node


def remove_path(obj, path):
    """Removes the leaf at path, then every map or list element the removal left empty."""
    chain = [obj]
    for step in path[:-1]:
        node = _step(chain[-1], step)
        if node is None:
            return
        chain.append(node)
    for depth in range(len(path) - 1, -1, -1):
        parent, (kind, key) = chain[depth], path[depth]
        if kind == "f" and isinstance(parent, dict):
            parent.pop(key, None)
        elif kind == "k" and isinstance(parent, list):
            # An element emptied below no longer carries its key: find it by identity.
            target = chain[depth + 1] if depth + 1 < len(chain) else _step(parent, (kind, key))
            parent[:] = [e for e in parent if e is not target]
        # Stop at a container that still holds something, and never drop a top-level map (spec, data, metadata).
        if depth <= 1 or parent not in ({}, []):
            return


def path_string(path):
    """structured-merge-diff's fieldpath.Path.String(): .data.a, .spec.containers[name="main"].image."""
    out = ""
    for kind, key in path:
        if kind == "f":
            out += "." + key
        else:
            (mk, mv), = json.loads(key).items()
            out += "[%s=%s]" % (mk, json.dumps(mv))
    return out


def fields_v1(paths):
    """The FieldsV1 tree of a set of paths, as metadata.managedFields shows it."""
    tree = {}
    for path in sorted(paths):
        node = tree
        for kind, key in path:
            node = node.setdefault(("f:" if kind == "f" else "k:") + key, {})
            if kind == "k":
                node.setdefault(".", {})
    return tree


def structured_merge(live, applied, kind, builtin):
    """Applied values win; maps merge; keyed lists (built-in types only) merge by key; other lists are atomic."""
    if not isinstance(live, dict) or not isinstance(applied, dict):
        return copy.deepcopy(applied)
    out = copy.deepcopy(live)
    for key, value in applied.items():
        mk = merge_key(key, kind) if builtin else None
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = structured_merge(out[key], value, kind, builtin)
        elif mk and isinstance(value, list) and isinstance(out.get(key), list) and all(isinstance(e, dict) for e in value):
            merged = copy.deepcopy(out[key])
            for element in value:
                at = next((i for i, e in enumerate(merged) if isinstance(e, dict) and e.get(mk) == element.get(mk)), None)
                if at is None:
                    merged.append(copy.deepcopy(element))
                else:
                    merged[at] = structured_merge(merged[at], element, kind, builtin)
            out[key] = merged
        else:
            out[key] = copy.deepcopy(value)
    return out


def apply(live, applied, managers, manager, force, resource, name):
    """-> (merged object, new managers). managers: {manager: set of paths} of the Apply managers so far."""
    new_fields = field_paths(applied, resource.kind, resource.builtin)
    others = {m: set(p) for m, p in managers.items() if m != manager}
    conflicts = []
    for other, owned in sorted(others.items()):
        for path in sorted(owned & new_fields):
            if live is not None and get_path(live, path) != get_path(applied, path):
                conflicts.append((other, path))
    if conflicts and not force:
        raise _conflict(conflicts, resource, name)
    for other, path in conflicts:
        others[other].discard(path)
    merged = structured_merge(live or {}, applied, resource.kind, resource.builtin)
    still_owned = set().union(*others.values()) if others else set()
    for path in managers.get(manager, set()) - new_fields - still_owned:
        remove_path(merged, path)
    result = {m: p for m, p in others.items() if p}
    result[manager] = new_fields
    return merged, result


def _conflict(conflicts, resource, name):
    """structured-merge-diff merge.Conflicts.Error() inside the field manager's 409."""
    version = resource.api_version
    if len(conflicts) == 1:
        other, path = conflicts[0]
        text = 'Apply failed with 1 conflict: conflict with "%s" using %s: %s' % (other, version, path_string(path))
    else:
        managers = sorted({m for m, _ in conflicts})
        text = "Apply failed with %d conflicts: " % len(conflicts) + "\n".join(
            'conflicts with "%s" using %s:\n' % (m, version) + "\n".join("- " + path_string(p) for o, p in conflicts if o == m)
            for m in managers)
    causes = [{"type": "FieldManagerConflict", "message": 'conflict with "%s" using %s' % (m, version),
               "field": path_string(p)} for m, p in conflicts]
    details = {"name": name, "kind": resource.plural, "causes": causes}
    if resource.group:
        details["group"] = resource.group
    return ApiError(409, "Conflict", text, details)
