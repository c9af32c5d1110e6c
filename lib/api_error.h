/*
 * api_error.h - turning an internal qy_err into the public quarry_error.
 */
#ifndef QY_API_ERROR_H
#define QY_API_ERROR_H

#include "quarry.h"
#include "../util/error.h"

struct quarry_error {
	int status;
	char message[QY_ERR_MSG_MAX];
};

/* Stores a heap copy of e in *out (when out is not NULL); returns e->status. */
int qy_api_error(quarry_error **out, const qy_err *e);

/* Same, from a status and a message. */
int qy_api_error_msg(quarry_error **out, int status, const char *msg);

#endif
