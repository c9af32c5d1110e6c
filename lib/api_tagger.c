/* api_tagger.c - quarry_tagger_*: the entity tagger for embedding programs. */
#include "quarry.h"

#include <stdlib.h>

#include "../analysis/entities.h"
#include "../analysis/gazetteer.h"
#include "../util/buf.h"
#include "api_error.h"
#include "data_dir.h"

struct quarry_tagger {
	qy_gazetteer *gaz;
	qy_mentions mentions;     /* of the last quarry_tag call */
	quarry_mention *views;    /* public views of mentions */
	size_t cap;
};

int quarry_tagger_open(quarry_tagger **out, const char *data_dir, quarry_error **err)
{
	qy_err e = QY_ERR_INIT;
	if (!out)
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_tagger_open: NULL argument");
	quarry_tagger *t = qy_calloc(1, sizeof *t);
	if (qy_gazetteer_load(&t->gaz, data_dir ? data_dir : qy_data_dir(), &e) != QUARRY_OK) {
		free(t);
		return qy_api_error(err, &e);
	}
	*out = t;
	return QUARRY_OK;
}

int quarry_tag(quarry_tagger *t, const char *text, size_t len, const quarry_mention **out,
	       size_t *count, quarry_error **err)
{
	if (!t || (!text && len) || !out || !count)
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_tag: NULL argument");
	qy_mentions_clear(&t->mentions);
	qy_tag_entities(t->gaz, text ? text : "", len, &t->mentions);
	if (t->mentions.count > t->cap) {
		t->cap = t->mentions.count;
		t->views = qy_realloc(t->views, t->cap * sizeof *t->views);
	}
	for (size_t i = 0; i < t->mentions.count; i++) {
		const qy_mention *m = &t->mentions.items[i];
		t->views[i] = (quarry_mention){
			m->start, m->end, qy_entity_type_name(m->type), m->id,
			m->id ? qy_gazetteer_name(t->gaz, m->type, m->id) : NULL,
			m->id ? qy_gazetteer_side(t->gaz, m->type, m->id) : NULL,
		};
	}
	*out = t->views;
	*count = t->mentions.count;
	return QUARRY_OK;
}

void quarry_tagger_close(quarry_tagger *t)
{
	if (!t)
		return;
	qy_mentions_free(&t->mentions);
	free(t->views);
	qy_gazetteer_free(t->gaz);
	free(t);
}
