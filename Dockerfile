# argoexec image: the same static build as hack/build-static.sh, shipped on scratch.
# Not built on the development machines (no Docker engine there); keep it in step with hack/build-static.sh.
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
COPY --from=build /src/dist/argoexec /bin/argoexec
# `argoexec init` copies the binary it finds on PATH to /var/run/argo/argoexec, as Argo's does.
ENV PATH=/bin
# Argo's executor user.
USER 8737
ENTRYPOINT ["/bin/argoexec"]
