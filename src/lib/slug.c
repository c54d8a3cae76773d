#include "lib/slug.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lib/util.h"

/* Latin letters that decomposition leaves alone, spelt in ASCII. */
static const char *transliterate(int32_t cp)
{
	switch (cp) {
	case 0xDF: return "ss"; /* ß */
	case 0xE6:
	case 0xC6: return "ae";
	case 0xF8:
	case 0xD8: return "o";
	case 0x153:
	case 0x152: return "oe";
	case 0x111:
	case 0x110: return "d";
	case 0x142:
	case 0x141: return "l";
	case 0xFE:
	case 0xDE: return "th";
	case 0xF0:
	case 0xD0: return "d";
	case 0x131: return "i";
	default: return NULL;
	}
}

static bool is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x02BB;
}

char *rrm_slugify(const char *title, size_t max)
{
	/* NFKD, marks stripped: "Émigrés" -> "Emigres", "ﬁ" -> "fi" */
	utf8proc_uint8_t *d = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)title, 0, &d,
					  UTF8PROC_NULLTERM | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
						  UTF8PROC_STRIPMARK);
	const char *s = n >= 0 && d ? (const char *)d : title;
	size_t len = strlen(s);
	struct rrm_buf out;
	rrm_buf_init(&out);
	bool hyphen = false;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t w = rrm_utf8_decode(s + i, len - i, &cp);
		if (!w)
			w = 1;
		i += w;
		const char *t = NULL;
		char ascii[2] = {0, 0};
		if (cp >= 0 && cp < 0x80 && isalnum(cp)) {
			ascii[0] = (char)tolower(cp);
			t = ascii;
		} else if (cp >= 0) {
			t = transliterate(cp);
		}
		if (t) {
			if (hyphen && out.len)
				rrm_buf_addc(&out, '-');
			hyphen = false;
			rrm_buf_adds(&out, t);
		} else if (!is_apostrophe(cp)) {
			hyphen = true; /* spaces, dashes, punctuation, other scripts, emoji */
		}
	}
	free(d);
	/* cut at a word boundary */
	if (out.len > max) {
		size_t cut = max;
		while (cut > 0 && out.data[cut] != '-')
			cut--;
		if (cut == 0)
			cut = max; /* one long word: cut it */
		out.len = cut;
		while (out.len && out.data[out.len - 1] == '-')
			out.len--;
		out.data[out.len] = '\0';
	}
	return rrm_buf_detach(&out);
}
