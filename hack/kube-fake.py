#!/usr/bin/env python3
"""A Kubernetes API server fake on loopback, for argoexec's tests and the pod simulator (the code is in
hack/kubefake/).

HTTPS with a CA generated at start (written to <state>/ca.pem), bearer-token authentication and per-user
permissions, so 403 paths are testable. Served, with discovery (aggregated and legacy) and OpenAPI v3 enough for
the real kubectl's RESTMapper and its server-side field validation:
  core v1      pods, services, configmaps, secrets, serviceaccounts, persistentvolumeclaims, events (namespaced);
               namespaces, nodes (cluster-scoped)
  apps/v1      deployments, statefulsets           batch/v1  jobs
  apiextensions.k8s.io/v1  customresourcedefinitions (creating one serves its resource, deleting it removes them)
  argoproj.io/v1alpha1     workflows, workflowtaskresults, workflowtasksets, workflowartifactgctasks
plus the CRDs of the config; /status subresources where Kubernetes has them (Argo's as its CRD manifests declare).

Every resource: create (generateName, AlreadyExists, namespace and name checks), get, list (labelSelector with =,
==, !=, in, notin, exists, !key; fieldSelector metadata.name / metadata.namespace and the per-type fields;
limit/continue), watch (streamed JSON events), update (Conflict on a stale resourceVersion, unconditional without
one), delete (the object or a Status as the type's registry answers; finalizers; owner references collected, Jobs
orphaning by default), deletecollection, PATCH as application/merge-patch+json (RFC 7386),
application/json-patch+json (RFC 6902; 400 / 422 as the API server), application/strategic-merge-patch+json
(built-in types only, 415 for custom resources; lists merged by patch merge key, $patch directives) and
application/apply-patch+yaml (server-side apply: fieldManager required, creates when missing, Apply managers in
managedFields and a Conflict between them unless force=true; other writes record no manager, see
kubefake/apply.py). Status subresources: main-resource writes keep the stored status, /status writes change only
status. uid, creationTimestamp, resourceVersion and generation are the server's; dryRun=All writes nothing.
Namespaces default, kube-system, kube-public, kube-node-lease and argo exist from start, and any other springs into
existence on first use (a real API server answers NotFound). Request bodies are JSON (or YAML); protobuf bodies,
which kubectl's generator subcommands send (`kubectl create configmap|job ...`, `kubectl run`), are refused with
415, so tests create from manifests (`kubectl create -f`). Lists, gets and watches answer JSON, never Table
(kubectl then prints its own NAME/AGE columns). Errors are real Kubernetes Status bodies (NotFound, AlreadyExists,
Conflict, Forbidden, Unauthorized, Invalid, BadRequest, UnsupportedMediaType, MethodNotAllowed,
RequestEntityTooLarge). Every request is logged to <state>/requests.jsonl (time, method, path, user, contentType,
status, body; "source": "later" for delayed ones).

Usage: kube-fake.py STATE_DIR CONFIG_JSON
CONFIG_JSON: {"users": {"<token>": {"name": "...", "allow": ["get pods", "patch pods/status", "list *", "*"]}},
                 ("verb resource[/status]" pairs, "verb *", "* resource"; "*" allows everything, /_fake included)
              "objects": [<initial objects with apiVersion/kind/metadata; namespace "default" when absent;
                           CustomResourceDefinition objects register their resources first>],
              "crds": [{"group": "example.com", "version": "v1", "kind": "Widget", "plural": "widgets",
                        "singular": "widget", "namespaced": true, "shortNames": ["wg"], "status": true}],
              "absent": ["workflowtaskresults"]}     (resource types not served, as a cluster without that CRD)
Control (a user allowed "*"): POST /_fake/outage {"seconds": N, "status": 503} makes every API call fail for N
seconds (429 and 503 with Retry-After: 1); POST /_fake/tokens {"<token>": {...}} replaces the users;
POST /_fake/crds {"crds": [...]} serves more CRDs (the config's form); POST /_fake/later {"after": seconds,
"method": "PATCH", "path": "/apis/batch/v1/namespaces/argo/jobs/j/status", "body": {...}, "contentType": ...}
runs that request as the caller after the delay (a controller changing an object while a client polls; the
content type defaults to merge patch for PATCH). The listening port is written to <state>/port once the server
is ready.
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from kubefake.server import main  # noqa: E402

if __name__ == "__main__":
    main(sys.argv)
