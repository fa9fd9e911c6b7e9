-- Issue 15 item 2: referrals across organisations. A counsellor refers a client to a partner organisation (an
-- education provider, the municipality's integration services, a staffing agency, a third-sector organisation).
-- The row belongs to the referring organisation (organisation_id, the client's); the partner reads it, and the parts
-- of the profile it shares, only through src/app/partner_referral.c, and only while the referral is open and the
-- client's newest 'share_partner' consent row gives consent.
CREATE TABLE partner_referrals (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  partner_organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  purpose TEXT NOT NULL,
  shared TEXT NOT NULL,
  reason TEXT,
  state TEXT NOT NULL DEFAULT 'sent',
  outcome TEXT,
  outcome_note TEXT,
  sent_by INTEGER REFERENCES users(id),
  sent_on TEXT NOT NULL,
  closed_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX partner_referrals_client ON partner_referrals(organisation_id, client_id);
CREATE INDEX partner_referrals_partner ON partner_referrals(partner_organisation_id, state);
-- One open referral of a client to one partner at a time (two counsellors sending at once: one wins).
CREATE UNIQUE INDEX partner_referrals_open ON partner_referrals(client_id, partner_organisation_id)
  WHERE state IN ('sent', 'accepted', 'started');

-- The referral's timeline, read by both sides: one row per change of state (and a withdrawn consent). No free text:
-- what the row says is a state, an outcome code, the organisation and the person who acted.
CREATE TABLE partner_referral_events (
  id {{PK}},
  referral_id INTEGER NOT NULL REFERENCES partner_referrals(id),
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  user_id INTEGER REFERENCES users(id),
  state TEXT NOT NULL,
  outcome TEXT,
  at TEXT NOT NULL
);
CREATE INDEX partner_referral_events_referral ON partner_referral_events(referral_id, id);
