"""The three PATCH bodies besides apply: JSON merge patch (RFC 7386), JSON patch (RFC 6902, as
gopkg.in/evanphx/json-patch.v4 applies it for the API server) and strategic merge patch
(apimachinery/pkg/util/strategicpatch/patch.go) with the patch merge keys of the built-in types."""
import copy

from .status import ApiError, bad_request

# patchMergeKey / patchStrategy tags of k8s.io/api/core/v1/types.go, apps/v1 and batch/v1 (the pod template and
# the status conditions), keyed by field name: the names do not collide across the served built-in types.
MERGE_KEYS = {
    "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name", "env": "name",
    "volumeMounts": "mountPath", "volumeDevices": "devicePath", "imagePullSecrets": "name", "hostAliases": "ip",
    "conditions": "type", "ownerReferences": "uid", "topologySpreadConstraints": "topologyKey",
    "resourceClaims": "name", "ports": "containerPort",
}
PRIMITIVE_MERGE = {"finalizers"}  # patchStrategy:"merge" on a list of strings: union


def merge_key(field, kind):
    if field == "ports" and kind == "Service":
        return "port"  # ServicePort: patchMergeKey:"port"
    return MERGE_KEYS.get(field)


def go_type(value):
    """encoding/json's name for a JSON value's type, as its unmarshal errors spell it."""
    return {dict: "object", list: "array", str: "string", bool: "bool", int: "number", float: "number"}.get(type(value), "null")


def _invalid_patch():
    """patch.go: a JSON patch that does not apply is errors.NewGenericServerResponse(422, ...) with the generic text."""
    return ApiError(422, "Invalid", "the server rejected our request due to an error in our request", {})


def merge_patch(target, patch):
    """RFC 7386."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if v is None:
            result.pop(k, None)
        else:
            result[k] = merge_patch(result.get(k), v)
    return result


# --- RFC 6902 -------------------------------------------------------------------------------------------------

def _pointer(path):
    if path == "":
        return []
    if not isinstance(path, str) or not path.startswith("/"):
        raise _invalid_patch()
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _index(container, token, adding):
    if token == "-" and adding:
        return len(container)
    if not token.isdigit() or (len(token) > 1 and token[0] == "0"):
        raise _invalid_patch()
    i = int(token)
    if i > len(container) or (i == len(container) and not adding):
        raise _invalid_patch()
    return i


def _parent(doc, tokens):
    node = doc
    for t in tokens[:-1]:
        if isinstance(node, dict) and t in node:
            node = node[t]
        elif isinstance(node, list):
            node = node[_index(node, t, False)]
        else:
            raise _invalid_patch()
    if not isinstance(node, (dict, list)):
        raise _invalid_patch()
    return node


def _get(doc, tokens):
    if not tokens:
        return doc
    parent, last = _parent(doc, tokens), tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise _invalid_patch()
        return parent[last]
    return parent[_index(parent, last, False)]


def _add(doc, tokens, value):
    if not tokens:
        return value
    parent, last = _parent(doc, tokens), tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    else:
        parent.insert(_index(parent, last, True), value)
    return doc


def _remove(doc, tokens):
    if not tokens:
        raise _invalid_patch()
    parent, last = _parent(doc, tokens), tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise _invalid_patch()
        return parent.pop(last)
    return parent.pop(_index(parent, last, False))


def json_equal(a, b):
    """RFC 6902 section 4.6 equality: types matter (true is not 1), numbers compare by value."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    return a == b


def json_patch(doc, ops):
    """-> the patched copy of doc. A body that is not a list of objects is a 400 (DecodePatch), an operation that
    does not apply a 422."""
    if not isinstance(ops, list) or not all(isinstance(op, dict) for op in ops):
        raise bad_request("json: cannot unmarshal %s into Go value of type jsonpatch.Patch" % go_type(ops))
    if len(ops) > 10000:
        raise ApiError(413, "RequestEntityTooLarge", "Request entity too large: The allowed maximum operations in a "
                       "JSON patch is 10000, got %d" % len(ops))
    doc = copy.deepcopy(doc)
    for op in ops:
        kind, path = op.get("op"), _pointer(op.get("path"))
        if kind in ("add", "replace", "test") and "value" not in op:
            raise _invalid_patch()
        if kind == "add":
            doc = _add(doc, path, copy.deepcopy(op["value"]))
        elif kind == "remove":
            _remove(doc, path)
        elif kind == "replace":
            _get(doc, path)  # the target must exist
            if not path:
                doc = copy.deepcopy(op["value"])
            else:
                parent = _parent(doc, path)
                if isinstance(parent, dict):
                    parent[path[-1]] = copy.deepcopy(op["value"])
                else:
                    parent[_index(parent, path[-1], False)] = copy.deepcopy(op["value"])
        elif kind in ("move", "copy"):
            source = _pointer(op.get("from"))
            if kind == "move" and path[:len(source)] == source and path != source:
                raise _invalid_patch()  # a location cannot move into its own child
            value = _get(doc, source)
            if kind == "move":
                _remove(doc, source)
            doc = _add(doc, path, copy.deepcopy(value))
        elif kind == "test":
            if not json_equal(_get(doc, path), op["value"]):
                raise _invalid_patch()
        else:
            raise _invalid_patch()
    return doc


# --- strategic merge patch ------------------------------------------------------------------------------------

_DELETE = object()


def strategic_merge(original, patch, kind):
    """strategicpatch.StrategicMergeMapPatch for the built-in types: maps merge, lists with a merge key merge
    element by element, other lists are replaced; the $patch, $retainKeys, $setElementOrder and
    $deleteFromPrimitiveList directives kubectl writes are honoured."""
    if not isinstance(patch, dict):
        raise bad_request("json: cannot unmarshal %s into Go value of type map[string]interface {}" % go_type(patch))
    result = _merge_map(original if isinstance(original, dict) else {}, patch, kind)
    return {} if result is _DELETE else result


def _merge_map(original, patch, kind):
    directive = patch.get("$patch")
    if directive == "delete":
        return _DELETE
    if directive == "replace":
        return {k: copy.deepcopy(v) for k, v in patch.items() if not k.startswith("$")}
    if directive not in (None, "merge"):
        raise bad_request("Unknown patch type: %s in map: %s" % (directive, patch))
    result = copy.deepcopy(original)
    orders = {}
    for key, value in patch.items():
        if key.startswith("$setElementOrder/"):
            orders[key.split("/", 1)[1]] = value
        elif key.startswith("$deleteFromPrimitiveList/"):
            field = key.split("/", 1)[1]
            if isinstance(result.get(field), list):
                result[field] = [v for v in result[field] if v not in value]
                if not result[field]:
                    del result[field]  # an empty list of a typed object is omitted
        elif key.startswith("$"):
            continue
        elif value is None:
            result.pop(key, None)
        elif isinstance(value, dict):
            merged = _merge_map(result.get(key) if isinstance(result.get(key), dict) else {}, value, kind)
            if merged is _DELETE:
                result.pop(key, None)
            else:
                result[key] = merged
        elif isinstance(value, list):
            result[key] = _merge_list(result.get(key), value, key, kind)
        else:
            result[key] = copy.deepcopy(value)
    for field, order in orders.items():
        if isinstance(result.get(field), list):
            result[field] = _ordered(result[field], order, merge_key(field, kind))
    if "$retainKeys" in patch:
        result = {k: v for k, v in result.items() if k in patch["$retainKeys"]}
    return result


def _merge_list(original, patch, field, kind):
    original = original if isinstance(original, list) else []
    if field in PRIMITIVE_MERGE:
        out = list(original)
        for v in patch:
            if v not in out:
                out.append(v)
        return out
    key = merge_key(field, kind)
    if not key or not all(isinstance(e, dict) for e in patch):
        return copy.deepcopy(patch)
    if any(e.get("$patch") == "replace" for e in patch):
        return [copy.deepcopy(e) for e in patch if e.get("$patch") != "replace"]
    out = copy.deepcopy(original)
    for element in patch:
        found = next((i for i, o in enumerate(out) if isinstance(o, dict) and key in element and o.get(key) == element.get(key)), None)
        if element.get("$patch") == "delete":
            out = [o for o in out if not (isinstance(o, dict) and o.get(key) == element.get(key))]
        elif found is None:
            out.append({k: v for k, v in copy.deepcopy(element).items() if not k.startswith("$")})
        else:
            merged = _merge_map(out[found], element, kind)
            if merged is _DELETE:
                out.pop(found)
            else:
                out[found] = merged
    return out


def _ordered(items, order, key):
    def rank(item):
        probe = item.get(key) if key and isinstance(item, dict) else item
        for i, o in enumerate(order):
            if (o.get(key) if key and isinstance(o, dict) else o) == probe:
                return i
        return len(order)
    return sorted(items, key=rank)
