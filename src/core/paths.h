/* paths.h: where walens finds its database, its lenses and its user name.
 * Every returned string is owned by the caller. */
#ifndef WALENS_CORE_PATHS_H
#define WALENS_CORE_PATHS_H

/* $WALENS_DB, else $XDG_DATA_HOME/walens/walens.db, else
 * ~/.local/share/walens/walens.db.  Creates the directory (0700) when
 * create_dir is set.  NULL with *err set when no home can be found. */
char *Paths_defaultDb(int create_dir, char **err);
/* $XDG_DATA_HOME/walens/lenses (or ~/.local/share/walens/lenses). */
char *Paths_userLensDir(void);
/* The installed lens directory (LENSDIR), or $WALENS_LENSDIR when set. */
char *Paths_systemLensDir(void);
/* The login name: getpwuid, else $USER, else "unknown". */
char *Paths_userName(void);

#endif
