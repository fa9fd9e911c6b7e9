/* ui-partner-referrals: the pages of referrals across organisations (ui-partner-referrals.c), routed from
 * src/web/api_partner_referrals.c; the client page shows its section. */
#pragma once
#include "web/pages/pages.h"

/* The client page's section "Referrals to partners": the client's referrals and, with the client's share_partner
 * consent, the form that sends one. */
void ui_partner_client_section(struct page *pg, int64_t client_id);
int ui_partner_referrals(struct page *pg);
int ui_partner_referral(struct page *pg);
int ui_partner_referral_move(struct page *pg);
int ui_partner_referral_send(struct page *pg);
