/* data_dir.c - finding data/ at run time. */
#include "data_dir.h"

#include <stdlib.h>
#include <unistd.h>

const char *qy_data_dir(void)
{
	const char *env = getenv("QUARRY_DATA");
	if (env && *env)
		return env;
	if (access(QUARRY_INSTALLED_DATA_DIR "/places.tsv", R_OK) == 0)
		return QUARRY_INSTALLED_DATA_DIR;
	return QUARRY_SOURCE_DATA_DIR;
}
