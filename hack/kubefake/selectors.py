"""Label and field selectors as list and watch take them (apimachinery/pkg/labels/selector.go,
apimachinery/pkg/fields/selector.go): a parse error is a 400 as the API server answers."""
import re

from .status import bad_request

_KEY = r"[A-Za-z0-9][-A-Za-z0-9_./]*"
_VALUE = r"(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?"
_BINARY = re.compile(r"^(%s)\s*(==|=|!=|>|<)\s*(%s)$" % (_KEY, _VALUE))
_SET = re.compile(r"^(%s)\s+(in|notin)\s*\((.*)\)$" % _KEY)
_EXISTS = re.compile(r"^(!?)\s*(%s)$" % _KEY)


def _split(text):
    """Commas separate requirements except inside the parentheses of a set."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts]


def parse_labels(text):
    """-> [(key, op, values)]; op in =, !=, in, notin, exists, !exists, gt, lt."""
    out = []
    if not text or not text.strip():
        return out
    for term in _split(text):
        m = _SET.match(term)
        if m:
            values = [v.strip() for v in m.group(3).split(",")]
            if not all(re.fullmatch(_VALUE, v) for v in values):
                raise bad_request("unable to parse requirement: invalid label value in %r" % term)
            out.append((m.group(1), m.group(2), values))
            continue
        m = _BINARY.match(term)
        if m:
            op = {"==": "=", ">": "gt", "<": "lt"}.get(m.group(2), m.group(2))
            if op in ("gt", "lt") and not re.fullmatch(r"-?\d+", m.group(3)):
                raise bad_request("unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer")
            out.append((m.group(1), op, [m.group(3)]))
            continue
        m = _EXISTS.match(term)
        if m:
            out.append((m.group(2), "!exists" if m.group(1) else "exists", []))
            continue
        raise bad_request("unable to parse requirement: found '%s', expected: identifier" % term)
    return out


def labels_match(requirements, labels):
    labels = labels or {}
    for key, op, values in requirements:
        has, value = key in labels, labels.get(key)
        ok = {"=": lambda: has and value == values[0],
              "!=": lambda: not has or value != values[0],
              "in": lambda: has and value in values,
              "notin": lambda: not has or value not in values,
              "exists": lambda: has,
              "!exists": lambda: not has,
              "gt": lambda: has and re.fullmatch(r"-?\d+", value or "") is not None and int(value) > int(values[0]),
              "lt": lambda: has and re.fullmatch(r"-?\d+", value or "") is not None and int(value) < int(values[0])}[op]()
        if not ok:
            return False
    return True


# The field labels each registry's GetAttrs exposes (pkg/registry/core/pod/strategy.go and friends); every type
# has metadata.name and metadata.namespace.
_FIELDS = {
    "pods": ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
             "status.phase", "status.podIP", "status.nominatedNodeName"],
    "events": ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
               "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
               "reportingComponent", "source", "type"],
    "secrets": ["type"],
    "namespaces": ["status.phase"],
    "nodes": ["spec.unschedulable"],
    "jobs": ["status.successful"],
}


def parse_fields(text, resource):
    out = []
    if not text or not text.strip():
        return out
    for term in text.split(","):
        m = re.match(r"^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$", term)
        if not m:
            raise bad_request("invalid selector: '%s'; can't understand '%s'" % (text, term))
        key = m.group(1)
        if key not in ("metadata.name", "metadata.namespace") + tuple(_FIELDS.get(resource.plural, [])):
            raise bad_request('field label not supported: %s' % key)
        out.append((key, "!=" if m.group(2) == "!=" else "=", m.group(3)))
    return out


def _field_value(obj, path):
    if path == "source":
        return (obj.get("source") or {}).get("component", "")
    node = obj
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, bool):
        return "true" if node else "false"
    return "" if node is None else str(node)


def fields_match(requirements, obj):
    for key, op, value in requirements:
        if (_field_value(obj, key) == value) != (op == "="):
            return False
    return True
