-- Each server on PostgreSQL keeps the sessions it has just looked up for a second or two (src/auth/session_cache.h),
-- so that a read is one statement. These triggers tell every server when a session or an account changes, from any
-- process (a logout, a password or role change, an archived account, the CLI): each statement that updates or
-- deletes such rows notifies osaaja_sessions once, at commit, and every server's listener empties its cache.
-- A session's last-seen time (written once a minute per session) is not a change that matters, so it notifies
-- nothing. On SQLite there is nothing to do: one process owns the file and keeps no such cache.
{{PG_ONLY}}CREATE FUNCTION osaaja_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('osaaja_sessions', ''); RETURN NULL; END $$;
{{PG_ONLY}}CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION osaaja_sessions_changed();
{{PG_ONLY}}CREATE TRIGGER sessions_changed AFTER DELETE OR UPDATE OF token_hash, user_id, csrf_token, kind, expires_at ON sessions FOR EACH STATEMENT EXECUTE FUNCTION osaaja_sessions_changed();
