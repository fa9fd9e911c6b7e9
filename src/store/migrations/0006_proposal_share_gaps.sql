-- A proposal's share_gaps: whether the counsellor chose to show the employer the job-relevant gaps of this match
-- (missing essential skills, language levels, licences) in a shortlist snapshot. Off by default: an employer sees the
-- competence and the matched skills; work capacity, availability and residence permit are never shown.
ALTER TABLE proposals ADD COLUMN share_gaps INTEGER NOT NULL DEFAULT 0;
