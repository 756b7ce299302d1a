/* draft.h: notes typed but not stored, kept in a file so that nothing typed
 * is lost: a dropped connection (SIGHUP), a stale write, a signal.
 *
 * One file per database x workload x question under
 * $XDG_DATA_HOME/walens/drafts (else ~/.local/share/walens/drafts), named by
 * a hash of the key; the file repeats the key, so a collision reads as "no
 * draft".  Files are 0600, directories 0700; writes go to a temporary name
 * and are renamed.  Every returned string is owned by the caller. */
#ifndef WALENS_TUI_LIB_DRAFT_H
#define WALENS_TUI_LIB_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The drafts directory, or NULL when no home can be found. */
char *Draft_dir(void);

/* The database path as drafts key it (resolved to an absolute path). */
char *Draft_dbKey(const char *db_path);

/* Saves text (UTF-8) as the draft; false when it could not be written. */
bool Draft_save(const char *db_key, int64_t workload_id, const char *question, const char *text);
/* The bytes Draft_saveBase would write for these arguments (base may be
 * NULL), and in *path the
 * file it would write them to (both the caller's), the directory made
 * ready; NULL (and *path NULL) when there is no home for drafts.  For a
 * writer that cannot allocate: the TUI's last-resort signal path. */
char *Draft_render(const char *db_key, int64_t workload_id, const char *question, const char *text,
                   const char *base, char **path, size_t *len);
/* The draft, or NULL; *saved_at (may be NULL) gets the file's mtime. */
char *Draft_load(const char *db_key, int64_t workload_id, const char *question, time_t *saved_at);
/* The same with the notes the edit started from (base; NULL: unknown, as
 * in drafts written before bases were kept).  A resumed draft merges with
 * what was stored meanwhile from that base. */
bool Draft_saveBase(const char *db_key, int64_t workload_id, const char *question, const char *text,
                    const char *base);
/* *base (may be NULL) gets the base, or NULL when the draft has none. */
char *Draft_loadBase(const char *db_key, int64_t workload_id, const char *question,
                     time_t *saved_at, char **base);
bool Draft_exists(const char *db_key, int64_t workload_id, const char *question);
void Draft_remove(const char *db_key, int64_t workload_id, const char *question);
/* Draft_exists for what is drawn on every frame: the disk is read once per
 * draft until Draft_forgetKnown, which Draft_save(Base) and Draft_remove
 * call themselves, and the TUI on loading a review and on its refresh tick
 * (a draft written by another process shows within a tick). */
bool Draft_known(const char *db_key, int64_t workload_id, const char *question);
/* Drops every answer Draft_known kept (and its memory). */
void Draft_forgetKnown(void);

#endif
