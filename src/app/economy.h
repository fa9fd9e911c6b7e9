/* economy: the organisation's parameters of the economic-effect estimate (issue 16 item 9; docs/outcomes.md,
 * "Economic effect"): who may read and change them, and the checks a change passes. The estimate itself is
 * report_economy (src/report/economy.c). Results belong to the caller (json_decref). */
#pragma once
#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"

enum { APP_ECONOMY_MAX_ITEMS = 20, APP_ECONOMY_MAX_SOURCE = 500 };

/* The parameters in force for the actor's organisation on the day on (NULL: today): report_econ_params_json. Staff
 * who see figures (admin, manager, counsellor, coordinator) may read them. */
int app_economy_params(const struct actor *a, const char *on, json_t **out, struct err *e);
/* Sets the organisation's own values: body {"items": [{"key", "value", "source", "valid_from"?}...]} (valid_from
 * defaults to today). Only an administrator may; every item is checked before any is written, so a bad one changes
 * nothing (ERR_INVALID naming "items[i].<field>"). Audited as one "update" of economic_parameters. */
int app_economy_params_set(const struct actor *a, json_t *body, struct err *e);
