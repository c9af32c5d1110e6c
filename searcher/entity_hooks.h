/*
 * entity_hooks.h - the query parser's connections to the gazetteer: field
 * values (place:Lisichansk) and plain words that name an entity.
 */
#ifndef QY_ENTITY_HOOKS_H
#define QY_ENTITY_HOOKS_H

#include "../analysis/gazetteer.h"
#include "query_parser.h"

/* Hooks whose payload is the gazetteer g (which must outlive the parse). */
qy_query_hooks qy_entity_hooks(const qy_gazetteer *g);

/* The entity type a term prefix stands for (QY_PREFIX_PLACE -> QY_ENT_PLACE),
 * or -1. */
int qy_entity_type_of_prefix(const char *prefix);

#endif
