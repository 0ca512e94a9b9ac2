// libarchive shim: the AE_IF* file-type constants are cast macros, which Swift does not import; they are
// re-exported as functions. Only the formats and filters we register are linked (build.md: *_all() drags in
// the xar reader, libxml2 and ICU data).
#ifndef ARGOEXEC_CARCHIVE_SHIM_H
#define ARGOEXEC_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>

static inline unsigned int argoexec_ae_ifreg(void) { return (unsigned int)AE_IFREG; }
static inline unsigned int argoexec_ae_ifdir(void) { return (unsigned int)AE_IFDIR; }
static inline unsigned int argoexec_ae_iflnk(void) { return (unsigned int)AE_IFLNK; }
static inline unsigned int argoexec_ae_ifmt(void) { return (unsigned int)AE_IFMT; }
static inline unsigned int argoexec_ae_ifchr(void) { return (unsigned int)AE_IFCHR; }
static inline unsigned int argoexec_ae_ifblk(void) { return (unsigned int)AE_IFBLK; }
static inline unsigned int argoexec_ae_ififo(void) { return (unsigned int)AE_IFIFO; }
static inline unsigned int argoexec_ae_ifsock(void) { return (unsigned int)AE_IFSOCK; }
#endif
