#include "lib/spell.h"

#include <hunspell.h>
#include <utf8proc.h>

const char *rrm_hunspell_version(void)
{
	return HUNSPELL_VERSION_PKG;
}

const char *rrm_utf8proc_version(void)
{
	return utf8proc_version();
}
