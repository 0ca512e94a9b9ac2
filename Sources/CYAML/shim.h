// libyaml shim: the event API (yaml_parser_parse) is plain C and imports as is; only the YAML target
// imports this module (docs/build.md, "Package layout"). No link line: pkg-config's yaml-0.1 decides
// between the shared library and hack/build-static.sh's static archive.
#ifndef ARGOEXEC_CYAML_SHIM_H
#define ARGOEXEC_CYAML_SHIM_H
#include <yaml.h>
#endif
