"""metav1.Status bodies as the API server writes them (apimachinery/pkg/api/errors/errors.go), raised as
ApiError so a handler deep in a patch can end the request with the right code."""


class ApiError(Exception):
    def __init__(self, code, reason, message, details=None, headers=None):
        super().__init__(message)
        self.code, self.reason, self.message, self.details, self.headers = code, reason, message, details, headers or {}

    def body(self):
        out = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": self.message,
               "reason": self.reason}
        if self.details is not None:
            out["details"] = self.details
        out["code"] = self.code
        return out


def _details(resource, name=None, kind_as_kind=False, causes=None):
    d = {}
    if name:
        d["name"] = name
    if resource is not None:
        if resource.group:
            d["group"] = resource.group
        d["kind"] = resource.kind if kind_as_kind else resource.plural
    if causes:
        d["causes"] = causes
    return d


def not_found(resource, name):
    return ApiError(404, "NotFound", '%s "%s" not found' % (resource.qualified, name), _details(resource, name))


def no_such_path():
    """An unknown group, version, resource or subresource: the mux's 404, with empty details."""
    return ApiError(404, "NotFound", "the server could not find the requested resource", {})


def already_exists(resource, name):
    return ApiError(409, "AlreadyExists", '%s "%s" already exists' % (resource.qualified, name), _details(resource, name))


def conflict(resource, name, why="the object has been modified; please apply your changes to the latest version and try again"):
    return ApiError(409, "Conflict", 'Operation cannot be fulfilled on %s "%s": %s' % (resource.qualified, name, why),
                    _details(resource, name))


def invalid(resource, name, field, detail, cause_reason="FieldValueInvalid"):
    """errors.NewInvalid: `<Kind.group> "<name>" is invalid: <field>: <detail>`, details.kind is the Kind."""
    return ApiError(422, "Invalid", '%s "%s" is invalid: %s: %s' % (resource.qualified_kind, name or "", field, detail),
                    _details(resource, name, kind_as_kind=True,
                             causes=[{"reason": cause_reason, "message": detail, "field": field}]))


def bad_request(message):
    return ApiError(400, "BadRequest", message)


def forbidden(resource, name, user, verb, namespace, subresource=None):
    """responsewriters.forbiddenMessage (apiserver/pkg/endpoints/handlers/responsewriters/errors.go)."""
    res = resource.plural + ("/" + subresource if subresource else "")
    scope = 'in the namespace "%s"' % namespace if namespace else "at the cluster scope"
    why = 'User "%s" cannot %s resource "%s" in API group "%s" %s' % (user, verb, res, resource.group, scope)
    subject = resource.qualified + (' "%s"' % name if name else "")
    return ApiError(403, "Forbidden", "%s is forbidden: %s" % (subject, why), _details(resource, name))


def unsupported_media(resource):
    """The patch handler's 415 (apiserver/pkg/endpoints/handlers/patch.go): custom resources never take
    strategic merge patches."""
    types = ["application/json-patch+json", "application/merge-patch+json"]
    if resource.builtin:
        types.append("application/strategic-merge-patch+json")
    types.append("application/apply-patch+yaml")
    return ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media "
                    "types include: " + ", ".join(types))


def method_not_allowed():
    return ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {})


def success(resource, name, uid):
    d = _details(resource, name)
    d["uid"] = uid
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": d}
