/* reloc.h: where an installed walens finds its lenses and translations when
 * its whole tree was moved (a DESTDIR staging tree, an unpacked archive).
 *
 * configure fixes prefix, bindir, localedir and pkgdatadir.  When the
 * running binary sits in a directory that ends like bindir does below
 * prefix (".../bin"), the same layout is assumed below that directory's
 * parent; otherwise the configured paths stand. */
#ifndef WALENS_RELOC_H
#define WALENS_RELOC_H

/* The prefix the binary in exe_dir runs from, or NULL (not relocated: the
 * binary is in bindir, or not in a directory shaped like it).  Owned by the
 * caller. */
char *Reloc_prefix(const char *exe_dir, const char *prefix, const char *bindir);

/* dir moved from below prefix to below new_prefix, or a copy of dir when it
 * is not below prefix or new_prefix is NULL.  Owned by the caller. */
char *Reloc_path(const char *dir, const char *prefix, const char *new_prefix);

/* The directory of the running executable (/proc/self/exe), or NULL. */
char *Reloc_exeDir(void);

#endif
