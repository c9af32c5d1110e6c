/* api_paths.c - where the index lives when the caller does not say. */
#include "quarry.h"

#include <stdio.h>
#include <stdlib.h>

int quarry_default_index_path(char *buf, size_t size)
{
	const char *env = getenv("QUARRY_INDEX");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;

	if (env && *env)
		n = snprintf(buf, size, "%s", env);
	else if (xdg && *xdg)
		n = snprintf(buf, size, "%s/quarry/index", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.local/share/quarry/index", home);
	else
		return QUARRY_EINVAL;
	return n > 0 && (size_t)n < size ? QUARRY_OK : QUARRY_EINVAL;
}
