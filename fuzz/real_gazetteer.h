/* real_gazetteer.h - the gazetteer of data/, loaded once per fuzzing process,
 * for the targets that tag text the way the indexer and searcher do. */
#ifndef QY_FUZZ_REAL_GAZETTEER_H
#define QY_FUZZ_REAL_GAZETTEER_H

#include <stdlib.h>

#include "analysis/gazetteer.h"

static inline const qy_gazetteer *real_gazetteer(void)
{
	static qy_gazetteer *g;
	if (!g) {
		qy_err err = QY_ERR_INIT;
		if (qy_gazetteer_load(&g, QUARRY_SOURCE_DATA_DIR, &err) != QUARRY_OK)
			abort();   /* the fuzzer is useless without it */
	}
	return g;
}

#endif
