/* article.c - releasing the articles the readers produce. */
#include "article.h"

#include <stdlib.h>
#include <string.h>

void qy_article_free(qy_article *a)
{
	if (!a)
		return;
	free(a->id);
	free(a->title);
	free(a->date);
	free(a->source);
	free(a->url);
	free(a->body);
	memset(a, 0, sizeof *a);
}
