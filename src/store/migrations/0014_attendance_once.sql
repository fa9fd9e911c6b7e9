-- A client or an employer is recorded at most once per group event (issue 16): the rule that src/app/entity.c
-- checks before storing is also a unique index, so two requests at the same moment cannot both store a row.
-- Rows that already repeat one (event, client) or (event, employer) pair keep their oldest and archive the rest.
UPDATE group_attendance SET archived_at = updated_at
 WHERE archived_at IS NULL AND client_id IS NOT NULL AND EXISTS (
   SELECT 1 FROM group_attendance g WHERE g.group_event_id = group_attendance.group_event_id
      AND g.client_id = group_attendance.client_id AND g.archived_at IS NULL AND g.id < group_attendance.id);
UPDATE group_attendance SET archived_at = updated_at
 WHERE archived_at IS NULL AND employer_id IS NOT NULL AND EXISTS (
   SELECT 1 FROM group_attendance g WHERE g.group_event_id = group_attendance.group_event_id
      AND g.employer_id = group_attendance.employer_id AND g.archived_at IS NULL AND g.id < group_attendance.id);
CREATE UNIQUE INDEX group_attendance_client_once ON group_attendance(group_event_id, client_id)
  WHERE client_id IS NOT NULL AND archived_at IS NULL;
CREATE UNIQUE INDEX group_attendance_employer_once ON group_attendance(group_event_id, employer_id)
  WHERE employer_id IS NOT NULL AND archived_at IS NULL;
