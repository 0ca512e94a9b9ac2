# argoexec image: the same static build as hack/build-static.sh, shipped on scratch.
# With a registry: `docker build .` (or `--build-arg EXECUTOR_USER=8737` for the -nonroot image). Where no base
# image can be pulled, hack/build-image.sh builds the same images from dist/argoexec (docs/image.md).
ARG SWIFT_IMAGE=swift:6.3.1-bookworm

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
COPY . .
# install-deps.sh adds the deb-src entry and the static -dev packages; build-static.sh builds the minimal
# libcurl from Debian's curl source, then the fully static binary at dist/argoexec.
RUN hack/build-static.sh && dist/argoexec version

FROM scratch
# libcurl's compiled-in CA bundle path (docs/build.md): /etc/ssl/certs/ca-certificates.crt
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /etc/mime.types /etc/mime.types
COPY --from=build /src/dist/argoexec /bin/argoexec
COPY --from=build /src/dist/argoexec-lean /bin/argoexec-lean
# `argoexec init` copies /bin/argoexec-lean (emissary, kill, version) to /var/run/argo/argoexec for main.
ENV PATH=/bin
# Argo's default image runs as root (init may write into root-owned volume paths under /mainctrfs); the
# -nonroot variant runs as Argo's executor user 8737.
ARG EXECUTOR_USER=0
USER ${EXECUTOR_USER}
ENTRYPOINT ["/bin/argoexec"]
