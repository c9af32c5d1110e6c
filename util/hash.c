/* hash.c - the string set behind "which articles did this run see". */
#include "hash.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

static size_t slot_of(const qy_strset *set, const char *s)
{
	size_t mask = set->cap - 1;
	size_t i = (size_t)qy_hash_update(qy_hash_init(), s, strlen(s)) & mask;
	while (set->slots[i] && strcmp(set->slots[i], s) != 0)
		i = (i + 1) & mask;
	return i;
}

static void grow(qy_strset *set)
{
	qy_strset bigger = { qy_calloc(set->cap ? set->cap * 2 : 64, sizeof(char *)),
			     set->cap ? set->cap * 2 : 64, set->count };
	for (size_t i = 0; i < set->cap; i++)
		if (set->slots[i])
			bigger.slots[slot_of(&bigger, set->slots[i])] = set->slots[i];
	free(set->slots);
	*set = bigger;
}

bool qy_strset_add(qy_strset *set, const char *s)
{
	if ((set->count + 1) * 4 > set->cap * 3)
		grow(set);
	size_t i = slot_of(set, s);
	if (set->slots[i])
		return false;
	set->slots[i] = qy_strdup(s);
	set->count++;
	return true;
}

bool qy_strset_contains(const qy_strset *set, const char *s)
{
	return set->cap && set->slots[slot_of(set, s)] != NULL;
}

void qy_strset_free(qy_strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
	set->slots = NULL;
	set->cap = set->count = 0;
}
