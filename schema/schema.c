/* schema.c - the field table of the query language. */
#include "schema.h"

#include <string.h>

static const qy_field fields[] = {
	{ "title",   QY_PREFIX_TITLE,   QY_FIELD_TEXT },
	{ "source",  QY_PREFIX_SOURCE,  QY_FIELD_WORDS },
	{ "place",   QY_PREFIX_PLACE,   QY_FIELD_ENTITY },
	{ "actor",   QY_PREFIX_ACTOR,   QY_FIELD_ENTITY },
	{ "person",  QY_PREFIX_PERSON,  QY_FIELD_ENTITY },
	{ "org",     QY_PREFIX_ORG,     QY_FIELD_ENTITY },
	{ "article", QY_PREFIX_ARTICLE, QY_FIELD_EXACT },
	{ "id",      QY_PREFIX_ARTICLE, QY_FIELD_EXACT },
};

const qy_field *qy_field_lookup(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strlen(fields[i].name) == len && memcmp(fields[i].name, name, len) == 0)
			return &fields[i];
	return NULL;
}

const char *qy_entity_prefix(int entity_type)
{
	static const char *const prefixes[] = {
		QY_PREFIX_PLACE, QY_PREFIX_ACTOR, QY_PREFIX_PERSON, QY_PREFIX_ORG, QY_PREFIX_ENTITY,
	};
	if (entity_type < 0 || entity_type >= (int)(sizeof prefixes / sizeof prefixes[0]))
		return NULL;
	return prefixes[entity_type];
}
