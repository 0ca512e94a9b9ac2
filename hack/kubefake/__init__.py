"""The Kubernetes API server fake behind hack/kube-fake.py (see its docstring): resources.py (served types),
discovery.py (discovery and OpenAPI), store.py (objects and write rules), patches.py and apply.py (PATCH bodies),
selectors.py, status.py (Status bodies), server.py (HTTPS, users, control endpoints, watches)."""
