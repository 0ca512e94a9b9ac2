"""The resource types the fake serves: the built-in set, CRDs from the config's "crds" key, and CRDs created at
run time as apiextensions.k8s.io/v1 CustomResourceDefinition objects (as a real cluster learns them)."""


class Resource:
    """One served group/version/resource, with the behaviours the API server attaches to it per type."""

    def __init__(self, group, version, kind, plural, singular=None, namespaced=True, short_names=(), status=False,
                 builtin=False, generation=False, returns_deleted=False, categories=(), list_kind=None):
        self.group, self.version, self.kind, self.plural = group, version, kind, plural
        self.singular = singular or kind.lower()
        self.namespaced = namespaced
        self.short_names = list(short_names)
        self.categories = list(categories)
        self.status = status              # has a /status subresource (status ignored on main-resource writes)
        self.builtin = builtin            # compiled-in type: strategic merge patch allowed, typed list items
        self.generation = generation      # metadata.generation maintained (CRDs, workload controllers)
        # pkg/registry/*/storage/storage.go: ReturnDeletedObject, otherwise DELETE answers a Status "Success".
        self.returns_deleted = returns_deleted
        self.list_kind = list_kind or kind + "List"

    @property
    def api_version(self):
        return self.group + "/" + self.version if self.group else self.version

    @property
    def qualified(self):
        """schema.GroupResource.String(): "pods", "jobs.batch", as the API server's messages spell it."""
        return self.plural + "." + self.group if self.group else self.plural

    @property
    def qualified_kind(self):
        """schema.GroupKind.String(), as Invalid messages spell it: "ConfigMap", "Job.batch"."""
        return self.kind + "." + self.group if self.group else self.kind

    @property
    def base_path(self):
        return "/api/v1" if not self.group else "/apis/%s/%s" % (self.group, self.version)

    def path(self, namespace, name=None):
        out = self.base_path + ("/namespaces/%s" % namespace if self.namespaced and namespace else "") + "/" + self.plural
        return out + ("/" + name if name else "")


def _core(kind, plural, **kw):
    return Resource("", "v1", kind, plural, builtin=True, **kw)


def builtins():
    """Kubernetes v1.32's own types the executor's resource template touches, with their short names and
    status subresources as `kubectl api-resources` lists them; the four Argo CRDs as their manifests declare them
    (manifests/base/crds/minimal/argoproj.io_*.yaml: workflows and workflowtaskresults without subresources)."""
    return [
        _core("Pod", "pods", short_names=["po"], status=True, returns_deleted=True, categories=["all"]),
        _core("Service", "services", short_names=["svc"], status=True, returns_deleted=True, categories=["all"]),
        _core("ConfigMap", "configmaps", short_names=["cm"]),
        _core("Secret", "secrets"),
        _core("ServiceAccount", "serviceaccounts", short_names=["sa"], returns_deleted=True),
        _core("PersistentVolumeClaim", "persistentvolumeclaims", short_names=["pvc"], status=True, returns_deleted=True),
        _core("Event", "events", short_names=["ev"]),
        _core("Namespace", "namespaces", short_names=["ns"], namespaced=False, status=True, returns_deleted=True),
        _core("Node", "nodes", short_names=["no"], namespaced=False, status=True),
        Resource("apps", "v1", "Deployment", "deployments", short_names=["deploy"], status=True, builtin=True,
                 generation=True, categories=["all"]),
        Resource("apps", "v1", "StatefulSet", "statefulsets", short_names=["sts"], status=True, builtin=True,
                 generation=True, categories=["all"]),
        Resource("batch", "v1", "Job", "jobs", status=True, builtin=True, generation=True, categories=["all"]),
        Resource("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
                 short_names=["crd", "crds"], namespaced=False, status=True, builtin=True, generation=True,
                 categories=["api-extensions"]),
        Resource("argoproj.io", "v1alpha1", "Workflow", "workflows", short_names=["wf"], generation=True),
        Resource("argoproj.io", "v1alpha1", "WorkflowTaskResult", "workflowtaskresults", generation=True),
        Resource("argoproj.io", "v1alpha1", "WorkflowTaskSet", "workflowtasksets", short_names=["wfts"], status=True,
                 generation=True),
        Resource("argoproj.io", "v1alpha1", "WorkflowArtifactGCTask", "workflowartifactgctasks", short_names=["wfat"],
                 status=True, generation=True),
    ]


class Registry:
    """Served resources by (group, version, plural), in discovery order (core first, then groups as added)."""

    def __init__(self, absent=()):
        self.absent = set(absent)
        self.resources = []
        for r in builtins():
            self.add(r)

    def add(self, resource):
        if resource.plural in self.absent:
            return
        self.resources = [r for r in self.resources
                          if (r.group, r.version, r.plural) != (resource.group, resource.version, resource.plural)]
        self.resources.append(resource)

    def remove(self, group, plural):
        self.resources = [r for r in self.resources if (r.group, r.plural) != (group, plural)]

    def get(self, group, version, plural):
        for r in self.resources:
            if (r.group, r.version, r.plural) == (group, version, plural):
                return r
        return None

    def by_kind(self, api_version, kind):
        group, _, version = api_version.rpartition("/") if api_version else ("", "", "")
        matches = [r for r in self.resources if r.kind == kind]
        exact = [r for r in matches if (r.group, r.version) == (group, version)]
        return (exact or matches or [None])[0]

    def groups(self):
        """[(group, [versions])] with the core group "" first."""
        out = []
        for r in sorted(self.resources, key=lambda r: r.group != ""):
            for g, versions in out:
                if g == r.group:
                    if r.version not in versions:
                        versions.append(r.version)
                    break
            else:
                out.append((r.group, [r.version]))
        return out

    def in_version(self, group, version):
        return [r for r in self.resources if (r.group, r.version) == (group, version)]

    def add_short_crd(self, spec):
        """The config's compact form: {"group", "version", "kind", "plural", "singular", "namespaced",
        "shortNames", "status", "categories"}."""
        self.add(Resource(spec["group"], spec.get("version", "v1"), spec["kind"], spec.get("plural", spec["kind"].lower() + "s"),
                          singular=spec.get("singular"), namespaced=spec.get("namespaced", True),
                          short_names=spec.get("shortNames", []), status=spec.get("status", False), generation=True,
                          categories=spec.get("categories", [])))

    def add_crd_object(self, crd):
        """A CustomResourceDefinition object (apiextensions.k8s.io/v1): every served version becomes a resource."""
        spec = crd.get("spec") or {}
        names = spec.get("names") or {}
        for v in spec.get("versions") or []:
            if not v.get("served", True):
                continue
            self.add(Resource(spec["group"], v["name"], names["kind"], names["plural"], singular=names.get("singular"),
                              namespaced=spec.get("scope", "Namespaced") == "Namespaced",
                              short_names=names.get("shortNames", []), categories=names.get("categories", []),
                              status="status" in ((v.get("subresources") or {})), generation=True,
                              list_kind=names.get("listKind")))

    def remove_crd_object(self, crd):
        spec = crd.get("spec") or {}
        self.remove(spec.get("group"), (spec.get("names") or {}).get("plural"))


def crd_problem(crd):
    """The checks of apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go the fake needs to
    register a definition at all: -> (field, message) or None."""
    spec = crd.get("spec") or {}
    names = spec.get("names") or {}
    for field in ("group", "names.plural", "names.kind"):
        node = spec
        for part in field.split("."):
            node = (node or {}).get(part) if isinstance(node, dict) else None
        if not node:
            return "spec." + field, "Required value"
    if not spec.get("versions"):
        return "spec.versions", "Invalid value: null: must have exactly one version marked as storage version"
    expected = names["plural"] + "." + spec["group"]
    if (crd.get("metadata") or {}).get("name") != expected:
        return "metadata.name", 'Invalid value: "%s": must be spec.names.plural+"."+spec.group' % (crd.get("metadata") or {}).get("name")
    return None
