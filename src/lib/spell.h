/*
 * spell.h - the only owner of hunspell (spelling checks land here).
 */
#ifndef RRM_SPELL_H
#define RRM_SPELL_H

/* hunspell's version as found by pkg-config at build time (hunspell has no runtime query). */
const char *rrm_hunspell_version(void);
/* utf8proc's version, at run time. */
const char *rrm_utf8proc_version(void);

#endif
