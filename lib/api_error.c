/* api_error.c - the public error object. */
#include "api_error.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../util/buf.h"

int qy_api_error_msg(quarry_error **out, int status, const char *msg)
{
	if (out) {
		quarry_error *e = qy_malloc(sizeof *e);
		e->status = status;
		snprintf(e->message, sizeof e->message, "%s", msg);
		*out = e;
	}
	return status;
}

int qy_api_error(quarry_error **out, const qy_err *e)
{
	return qy_api_error_msg(out, e->status, e->msg[0] ? e->msg : qy_status_name(e->status));
}

int quarry_error_status(const quarry_error *err)
{
	return err ? err->status : QUARRY_OK;
}

const char *quarry_error_message(const quarry_error *err)
{
	return err ? err->message : "";
}

void quarry_error_free(quarry_error *err)
{
	free(err);
}
