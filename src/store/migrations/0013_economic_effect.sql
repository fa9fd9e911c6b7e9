-- Economic effect (issue 16 item 9): the parameters of the estimate of new tax revenue and saved unemployment benefit
-- (src/report/economy.c, docs/outcomes.md "Economic effect"). organisation_id NULL is the default every organisation
-- uses until its administrator sets its own value; a row applies from valid_from (YYYY-MM-DD), and the estimate of a
-- period takes, per key, the organisation's newest row valid at the period's end, else the default's. source names
-- where the figure comes from, so that a funder can check it. Keys and units are fixed by the code: monthly_earnings
-- (EUR/month), tax_rate (share of gross earnings, 0..1), monthly_benefit (EUR/month), months (months counted).
CREATE TABLE economic_parameters (
  id {{PK}},
  organisation_id INTEGER REFERENCES organisations(id),
  key TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  source TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX economic_parameters_key ON economic_parameters(organisation_id, key, valid_from);

INSERT INTO economic_parameters (organisation_id, key, value, unit, source, valid_from, created_at, updated_at)
VALUES (NULL, 'monthly_earnings', 3900, 'EUR/month',
  'Statistics Finland (Tilastokeskus), Structure of Earnings statistics: average total monthly earnings of full-time wage and salary earners, about 3 900 EUR (approximate, rounded; check the latest release)',
  '2024-01-01', CAST(CURRENT_TIMESTAMP AS TEXT), CAST(CURRENT_TIMESTAMP AS TEXT));
INSERT INTO economic_parameters (organisation_id, key, value, unit, source, valid_from, created_at, updated_at)
VALUES (NULL, 'tax_rate', 0.30, 'share',
  'OECD Taxing Wages (Finland) and the Finnish Tax Administration (Verohallinto): income tax and the employee''s social-security contributions on average earnings, about 30 % of gross pay (approximate)',
  '2024-01-01', CAST(CURRENT_TIMESTAMP AS TEXT), CAST(CURRENT_TIMESTAMP AS TEXT));
INSERT INTO economic_parameters (organisation_id, key, value, unit, source, valid_from, created_at, updated_at)
VALUES (NULL, 'monthly_benefit', 800, 'EUR/month',
  'Kela: basic unemployment allowance and labour market subsidy 2025, 37.21 EUR a day paid 5 days a week (about 21.5 days a month), about 800 EUR a month before tax (approximate)',
  '2025-01-01', CAST(CURRENT_TIMESTAMP AS TEXT), CAST(CURRENT_TIMESTAMP AS TEXT));
INSERT INTO economic_parameters (organisation_id, key, value, unit, source, valid_from, created_at, updated_at)
VALUES (NULL, 'months', 12, 'months',
  'osaaja default: the first 12 months after each employment starts (ended earlier by its end date)',
  '2000-01-01', CAST(CURRENT_TIMESTAMP AS TEXT), CAST(CURRENT_TIMESTAMP AS TEXT));
