#!/usr/bin/python3
"""Concurrency: two `osaaja serve` processes on one store, and many clients sending the same kind of write at once.
Every rule that says "at most N" or "once" must hold when the requests arrive together, not only one at a time:

  submission keys   the same survey submission sent 24 times at once (a double tap) is stored once, and no server dies
  single-use links  40 respondents on one single-use link: exactly one answer stored, the rest told the link is used
  max_uses          40 respondents on a link with max_uses = 3: exactly three stored, used_count 3
  proposal pairs    one client proposed to one vacancy from 16 requests at once: one proposal, the rest 409
  consent updates   16 withdrawals of one consent at once: one withdrawal recorded, the consent withdrawn once
  erasure vs writes an erasure racing 24 writes of the client's skills: after it, nothing hangs on the tombstone
  erasure twice     8 erasures of one client at once: one erasure, one audit entry
  employer answers  16 copies of one employer answer at once: recorded once
  sends vs consent  shortlist sends racing a withdrawal of consent: none goes out after the withdrawal
  edits (If-Match)  16 PATCHes of one client from the same version: one saved, 15 answered 412
  attendance once   16 requests recording one client at one group event: one row, the rest told it is recorded
  cohort once       16 requests adding one client to a recruitment cohort: one member, the rest 409; 16 moves of one
                    member at once: one row per step
  client link once  16 requests linking one person's records in two organisations, from both sides: one link
  audited reads     48 reads of one client through both servers racing 16 edits of it: every answered read has its
                    (group-committed) audit entry, and the chain verifies

Each invariant is printed with the figures it was decided on. The suite runs on PostgreSQL (a throwaway server, the
store where requests really run side by side) and on SQLite (one file, two processes; its writers take turns).
It runs in CI under AddressSanitizer with the short round count; --soak repeats every case for a longer run.

Usage: test_concurrency.py OSAAJA_BINARY postgres|sqlite [--rounds N] [--soak]"""
import argparse
import concurrent.futures
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(HERE, "..", "api"))
from harness import Client, Server, Suite, osaaja  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("binary")
ap.add_argument("store", choices=["postgres", "sqlite"])
ap.add_argument("--rounds", type=int, default=2)
ap.add_argument("--soak", action="store_true", help="30 rounds of every case")
args = ap.parse_args()
BIN = os.path.abspath(args.binary)
ROUNDS = 30 if args.soak else args.rounds
PG = args.store == "postgres"
PW = "Rinnakkain-2026-kirjautuminen"
S = Suite(f"concurrency ({args.store})")

GOOD = {
    "_consent": True, "first_name": "Somchai", "last_name": "Wongsakul", "mother_tongue": "th", "nationality": "TH",
    "phone": "+66 81 234 5678", "sector": "agriculture", "current_job": "Marjanpoimija", "employment_type": "agency",
    "work_history": [{"job_title": "Rice farmer", "job_country": "TH", "job_years": 6}],
    "isced_level": "3", "skills": ["driving a tractor"], "licences": ["driving_b"],
    "language_levels": {"th": "native", "en": "A2"}, "long_term_interest": "yes", "has_spouse": "no",
}

pgdir = None
if PG:
    pgdir = tempfile.mkdtemp(prefix="osaaja-pgc-")
    os.rmdir(pgdir)
    DB = subprocess.run([os.path.join(HERE, "pg-start.sh"), pgdir], capture_output=True, text=True,
                        check=True).stdout.strip()
else:
    DB = os.path.join(tempfile.mkdtemp(prefix="osaaja-conc-"), "c.db")


def sql(statement):
    if PG:
        r = subprocess.run(["psql", "-X", "-q", "-At", DB, "-c", statement], capture_output=True, text=True, timeout=60)
        if r.returncode:
            raise RuntimeError(r.stderr)
        return [line.split("|") for line in r.stdout.splitlines() if line]
    con = sqlite3.connect(DB, timeout=30)
    try:
        return [[str(x) for x in row] for row in con.execute(statement).fetchall()]
    finally:
        con.close()


def count(statement):
    return int(sql(statement)[0][0])


def burst(n, fn):
    """Runs fn(i) for i in 0..n-1 on n threads released together; returns their results in order. A request that
    got no HTTP answer at all (a server that died) comes back as status 0."""
    gate = threading.Barrier(n)

    def one(i):
        gate.wait()
        try:
            return fn(i)
        except (urllib.error.URLError, ConnectionError, OSError) as e:
            return FakeResponse(0, str(e))

    with concurrent.futures.ThreadPoolExecutor(max_workers=n) as ex:
        return list(ex.map(one, range(n)))


class FakeResponse:
    def __init__(self, status, text):
        self.status, self.body, self.headers = status, text.encode(), {}

    @property
    def json(self):
        return {}


def statuses(results):
    out = {}
    for r in results:
        out[r.status] = out.get(r.status, 0) + 1
    return dict(sorted(out.items()))


def invariant(cond, what, figures):
    print(f"  invariant: {what} — {figures}: {'holds' if cond else 'BROKEN'}", flush=True)
    S.check(cond, f"{what} ({figures})")


servers = []
try:
    osaaja(BIN, "init", "--db", DB)
    ORG = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Kainuu", "--kind", "employment_area").stdout.strip()
    for email, role in [("coach@kainuu.fi", "counsellor"), ("coord@kainuu.fi", "coordinator"),
                        ("admin@kainuu.fi", "admin")]:
        osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", email.split("@")[0], "--role", role,
               "--org", ORG, "--password", PW)
    PARTNER = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Kainuun ammattiopisto",
                     "--kind", "education_provider").stdout.strip()
    osaaja(BIN, "user", "add", "--db", DB, "--email", "opo@kao.fi", "--name", "opo", "--role", "counsellor",
           "--org", PARTNER, "--password", PW)
    A, B = Server(BIN, DB), Server(BIN, DB)
    servers = [A, B]

    def logged_in(server, email):
        c = Client(server)
        c.login(email, PW)
        return c

    COACH = [logged_in(A, "coach@kainuu.fi"), logged_in(B, "coach@kainuu.fi")]
    COORD = [logged_in(A, "coord@kainuu.fi"), logged_in(B, "coord@kainuu.fi")]
    OPO = [logged_in(A, "opo@kao.fi"), logged_in(B, "opo@kao.fi")]
    SURVEY = next(s["id"] for s in COACH[0].get("/api/v1/surveys").json["items"] if s["slug"] == "seasonal-worker")

    def invite(**kw):
        r = COACH[0].post("/api/v1/survey-invitations", {"survey_id": SURVEY, **kw})
        assert r.status == 201, r.body
        return r.json["items"][0]

    def submit(token, key, i):
        return Client(servers[i % 2]).post(f"/api/v1/public/surveys/{token}/responses",
                                           {"submission_key": key, "lang": "th", "answers": GOOD})

    def alive():
        return all(s.proc.poll() is None for s in servers)

    def test_submission_key_burst(s):
        # The window (a copy that finds no response, then finds the first one stored) is a few microseconds wide:
        # several keys per burst and several bursts per round make it likely to be hit (it took the server down).
        for rnd in range(ROUNDS * 4):
            inv = invite(single_use=False, label=f"Ryhmä {rnd}")
            keys = [f"tupla-napautus-{rnd:04d}-{k}-abcdef" for k in range(4)]
            res = burst(32, lambda i: submit(inv["token"], keys[i % 4], i))
            st = statuses(res)
            ids = {k: {r.json.get("id") for i, r in enumerate(res) if i % 4 == n and r.status in (200, 201)}
                   for n, k in enumerate(keys)}
            created = {k: sum(1 for i, r in enumerate(res) if i % 4 == n and r.status == 201) for n, k in enumerate(keys)}
            stored = count(f"SELECT COUNT(*) FROM survey_responses WHERE invitation_id = {inv['id']}")
            invariant(alive() and 0 not in st, "both servers still answer after double-tapped submissions",
                      f"statuses {st}")
            invariant(all(c == 1 for c in created.values()) and st.get(201, 0) + st.get(200, 0) == 32
                      and all(len(v) == 1 for v in ids.values()),
                      "each submission key: one 201, its copies 200 with the same id", f"statuses {st}")
            invariant(stored == 4, "four submission keys: four responses stored", f"{stored} rows")

    def test_single_use_link(s):
        for rnd in range(ROUNDS):
            inv = invite(single_use=True, label=f"Yksi {rnd}")
            res = burst(40, lambda i: submit(inv["token"], f"yksi-{rnd:03d}-vastaaja-{i:03d}", i))
            st = statuses(res)
            iid = inv["id"]
            stored = count(f"SELECT COUNT(*) FROM survey_responses WHERE invitation_id = {iid}")
            used = count(f"SELECT used_count FROM survey_invitations WHERE id = {iid}")
            invariant(stored == 1 and used == 1, "single-use link: exactly one answer stored",
                      f"{stored} stored, used_count {used}")
            invariant(st.get(201, 0) == 1 and st.get(409, 0) == 39, "single-use link: one 201, 39 told it is used",
                      f"statuses {st}")

    def test_max_uses(s):
        for rnd in range(ROUNDS):
            inv = invite(single_use=False, max_uses=3, label=f"Kolme {rnd}")
            res = burst(40, lambda i: submit(inv["token"], f"kolme-{rnd:03d}-vastaaja-{i:03d}", i))
            st = statuses(res)
            iid = inv["id"]
            stored = count(f"SELECT COUNT(*) FROM survey_responses WHERE invitation_id = {iid}")
            used = count(f"SELECT used_count FROM survey_invitations WHERE id = {iid}")
            invariant(stored == 3 and used == 3, "max_uses 3: exactly three answers stored",
                      f"{stored} stored, used_count {used}")
            invariant(st.get(201, 0) == 3 and st.get(409, 0) == 37, "max_uses 3: three 201, 37 told it is used",
                      f"statuses {st}")

    def new_client(name):
        r = COACH[0].post("/api/v1/clients", {"first_name": name, "last_name": "Rinnakkainen", "status": "active"})
        assert r.status == 201, r.body
        return r.json["id"]

    def test_proposal_pairs(s):
        emp = COORD[0].post("/api/v1/employers", {"name": "Kajaanin Metalli Oy"}).json["id"]
        for rnd in range(ROUNDS):
            cid = new_client(f"Pari{rnd}")
            vid = COORD[0].post("/api/v1/vacancies", {"employer_id": emp, "title": f"Hitsaaja {rnd}", "status": "open",
                                                      "contract_type": "permanent"}).json["id"]
            res = burst(16, lambda i: COACH[i % 2].post("/api/v1/proposals", {"client_id": cid, "vacancy_id": vid,
                                                                              "stage": "suggested"}))
            st = statuses(res)
            rows = count(f"SELECT COUNT(*) FROM proposals WHERE client_id = {cid} AND vacancy_id = {vid}")
            invariant(rows == 1, "one client, one vacancy: one proposal", f"{rows} rows")
            invariant(st.get(201, 0) == 1 and st.get(409, 0) == 15, "proposal pair: one 201, the rest 409",
                      f"statuses {st}")

    def test_consent_withdrawals(s):
        for rnd in range(ROUNDS):
            cid = new_client(f"Suostumus{rnd}")
            r = COACH[0].post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True,
                                                   "given_on": "2026-01-01"})
            assert r.status == 201, r.body
            res = burst(16, lambda i: COACH[i % 2].post(f"/api/v1/clients/{cid}/consents/matching/withdraw", {}))
            st = statuses(res)
            withdrawn = sum(r.json.get("withdrawn", 0) for r in res if r.status == 200)
            open_rows = count(f"SELECT COUNT(*) FROM consents WHERE client_id = {cid} AND purpose = 'matching' "
                              "AND withdrawn_on IS NULL")
            audits = count(f"SELECT COUNT(*) FROM audit_log WHERE client_id = {cid} AND entity = 'consents' "
                           "AND action = 'update'")
            invariant(st == {200: 16}, "consent withdrawals at once: all answered", f"statuses {st}")
            invariant(withdrawn == 1 and open_rows == 0 and audits == 1,
                      "consent withdrawn once, recorded once", f"withdrawn {withdrawn}, open {open_rows}, "
                      f"audit entries {audits}")

    def sent_proposal(emp, name):
        cid = new_client(name)
        COACH[0].post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True,
                                           "given_on": "2026-01-01"})
        vid = COORD[0].post("/api/v1/vacancies", {"employer_id": emp, "title": f"Metsäkoneenkuljettaja {name}",
                                                  "status": "open", "contract_type": "permanent"}).json["id"]
        pid = COORD[0].post("/api/v1/proposals", {"client_id": cid, "vacancy_id": vid,
                                                  "stage": "suggested"}).json["id"]
        return cid, vid, pid

    EMPLOYER = {}

    def employer():
        if not EMPLOYER:
            emp = COORD[0].post("/api/v1/employers", {"name": "Kainuun Metsä Oy"}).json["id"]
            r = logged_in(A, "admin@kainuu.fi").post("/api/v1/users/new", {
                "email": "boss@metsa.fi", "name": "Pomo", "role": "employer", "password": PW,
                "organisation_id": int(ORG), "employer_id": emp})
            assert r.status == 201, r.body
            EMPLOYER.update(id=emp, clients=[logged_in(A, "boss@metsa.fi"), logged_in(B, "boss@metsa.fi")])
        return EMPLOYER

    def test_employer_answers_once(s):
        emp = employer()
        for rnd in range(ROUNDS):
            cid, vid, pid = sent_proposal(emp["id"], f"V{rnd}")
            slid = COORD[0].post(f"/api/v1/vacancies/{vid}/shortlists", {"proposal_ids": [pid]}).json["id"]
            res = burst(16, lambda i: emp["clients"][i % 2].post(f"/api/v1/employer/shortlists/{slid}/answers",
                                                                 {"proposal_id": pid, "answer": "not_chosen"}))
            st = statuses(res)
            answers = count(f"SELECT COUNT(*) FROM audit_log WHERE entity = 'proposals' AND entity_id = {pid} "
                            "AND action = 'answer'")
            invariant(st == {200: 16}, "a double-tapped answer: every copy answered", f"statuses {st}")
            invariant(answers == 1, "one answer recorded once", f"{answers} answer entries")

    def test_sends_race_withdrawal(s):
        emp = employer()
        for rnd in range(ROUNDS):
            cid, vid, pid = sent_proposal(emp["id"], f"L{rnd}")

            def one(i):
                if i == 6:
                    return COACH[0].post(f"/api/v1/clients/{cid}/consents/matching/withdraw", {})
                return COORD[i % 2].post(f"/api/v1/vacancies/{vid}/shortlists", {"proposal_ids": [pid]})
            res = burst(14, one)
            sends = statuses(res[:6] + res[7:])
            w = count(f"SELECT MIN(id) FROM audit_log WHERE client_id = {cid} AND entity = 'consents' "
                      "AND action = 'update'")
            late = count(f"SELECT COUNT(*) FROM audit_log a JOIN shortlist_items si ON si.shortlist_id = a.entity_id "
                         f"WHERE a.entity = 'shortlists' AND a.action = 'create' AND si.proposal_id = {pid} "
                         f"AND a.id > {w}")
            invariant(res[6].status == 200 and set(sends) <= {201, 409}, "sends racing a withdrawal: each sent or refused",
                      f"withdrawal {res[6].status}, sends {sends}")
            invariant(late == 0, "no shortlist goes out after the withdrawal", f"{late} sent after it")


    def test_erasure_races_child_writes(s):
        for rnd in range(ROUNDS):
            cid = new_client(f"Poisto{rnd}")
            COACH[0].post("/api/v1/client-languages", {"client_id": cid, "language": "fi", "level": "A2"})

            def one(i):
                if i == 0:
                    return COACH[1].post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"})
                return COACH[i % 2].post("/api/v1/work-history", {"client_id": cid, "title": f"Metsuri {i}",
                                                                  "years": 2})
            res = burst(24, one)
            erase = res[0]
            writes = statuses(res[1:])
            left = count(f"SELECT COUNT(*) FROM work_history WHERE client_id = {cid}") + \
                count(f"SELECT COUNT(*) FROM client_languages WHERE client_id = {cid}")
            invariant(erase.status == 200, "erasure amid writes answers 200", f"status {erase.status}")
            invariant(set(writes) <= {201, 400}, "each racing write either landed before the erasure or was refused",
                      f"statuses {writes}")
            invariant(left == 0, "nothing hangs on the tombstone after the erasure", f"{left} rows left")

    def test_concurrent_patches(s):
        for rnd in range(ROUNDS):
            cid = new_client(f"Versio{rnd}")
            etag = COACH[0].get(f"/api/v1/clients/{cid}").headers.get("ETag")
            res = burst(16, lambda i: COACH[i % 2].patch(f"/api/v1/clients/{cid}", {"phone": f"+358 40 000 {i:04d}"},
                                                         headers={"If-Match": etag}))
            st = statuses(res)
            winner = next((r.json.get("phone") for r in res if r.status == 200), None)
            stored = COACH[1].get(f"/api/v1/clients/{cid}").json
            invariant(st.get(200, 0) == 1 and st.get(412, 0) == 15, "16 edits from one version: one saved, 15 told of "
                      "the conflict", f"statuses {st}")
            invariant(stored.get("phone") == winner and stored.get("version") == 2,
                      "the saved edit is the one stored, version 2", f"stored {stored.get('phone')!r} v{stored.get('version')}")

    def test_erasure_twice(s):
        for rnd in range(ROUNDS):
            cid = new_client(f"Kahdesti{rnd}")
            res = burst(8, lambda i: COACH[i % 2].post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"}))
            st = statuses(res)
            audits = count(f"SELECT COUNT(*) FROM audit_log WHERE client_id = {cid} AND action = 'erase'")
            invariant(st.get(200, 0) == 1 and st.get(409, 0) == 7, "eight erasures at once: one done, seven told so",
                      f"statuses {st}")
            invariant(audits == 1, "one erasure audited once", f"{audits} entries")

    def test_attendance_once(s):
        for rnd in range(ROUNDS):
            cid = new_client(f"Tilaisuus{rnd}")
            ev = COACH[0].post("/api/v1/group-events", {"type": "info_session", "title": f"Infotilaisuus {rnd}",
                                                        "held_on": "2026-03-01"})
            assert ev.status == 201, ev.body
            eid = ev.json["id"]
            res = burst(16, lambda i: COACH[i % 2].post("/api/v1/group-attendance", {"group_event_id": eid,
                                                                                     "client_id": cid}))
            st = statuses(res)
            keys = {r.json.get("error", {}).get("key") for r in res if r.status == 400}
            rows = count(f"SELECT COUNT(*) FROM group_attendance WHERE group_event_id = {eid} AND client_id = {cid} "
                         "AND archived_at IS NULL")
            invariant(rows == 1, "one client at one event: one attendance row", f"{rows} rows")
            invariant(st.get(201, 0) == 1 and st.get(400, 0) == 15 and keys == {"attendance_twice"},
                      "attendance burst: one 201, the rest 400 'already recorded'", f"statuses {st}, keys {keys}")

    def referred_client(name):
        cid = new_client(name)
        r = COACH[0].post("/api/v1/consents", {"client_id": cid, "purpose": "share_partner", "given": True,
                                               "given_on": "2026-01-01"})
        assert r.status == 201, r.body
        return cid

    def refer(cid, i):
        return COACH[i % 2].post(f"/api/v1/clients/{cid}/partner-referrals", {
            "partner_organisation_id": int(PARTNER), "purpose": "education", "shared": ["education"]})

    def test_partner_referral_once(s):
        for rnd in range(ROUNDS):
            cid = referred_client(f"Lahete{rnd}")
            res = burst(16, lambda i: refer(cid, i))
            st = statuses(res)
            keys = {r.json.get("error", {}).get("key") for r in res if r.status == 409}
            rows = count(f"SELECT COUNT(*) FROM partner_referrals WHERE client_id = {cid}")
            events = count(f"SELECT COUNT(*) FROM partner_referral_events e JOIN partner_referrals r ON r.id = "
                           f"e.referral_id WHERE r.client_id = {cid}")
            invariant(rows == 1 and events == 1, "one client, one partner: one open referral, one 'sent' on its "
                      "timeline", f"{rows} referrals, {events} events")
            invariant(st.get(201, 0) == 1 and st.get(409, 0) == 15 and keys == {"referral_open"},
                      "referral burst: one 201, the rest 409 'already open'", f"statuses {st}, keys {keys}")

    def test_partner_answers_once(s):
        for rnd in range(ROUNDS):
            cid = referred_client(f"Vastaus{rnd}")
            r = refer(cid, 0)
            assert r.status == 201, r.body
            rid = r.json["id"]
            res = burst(16, lambda i: OPO[i % 2].post(f"/api/v1/partner-referrals/{rid}/state", {"state": "accepted"}))
            st = statuses(res)
            events = count(f"SELECT COUNT(*) FROM partner_referral_events WHERE referral_id = {rid} AND state = "
                           "'accepted'")
            audits = count(f"SELECT COUNT(*) FROM audit_log WHERE entity = 'partner-referrals' AND entity_id = {rid} "
                           "AND action = 'accepted'")
            invariant(events == 1 and audits == 2, "accepted once: one timeline row, audited once on each side",
                      f"{events} events, {audits} audit entries")
            invariant(st.get(200, 0) == 1 and st.get(409, 0) + st.get(412, 0) == 15,
                      "answer burst: one 200, the rest told it changed", f"statuses {st}")

    def test_referral_withdrawal_told_once(s):
        """A withdrawn share_partner consent is one row of the open referral's timeline, however many writes say so
        at once: the withdraw route and refusing consent rows (the entity pipeline), through both servers."""
        for rnd in range(ROUNDS):
            cid = referred_client(f"Peruutus{rnd}")
            r = refer(cid, 0)
            assert r.status == 201, r.body
            rid = r.json["id"]

            def withdraw(i):
                if i % 2:
                    return COACH[i % 2].post(f"/api/v1/clients/{cid}/consents/share_partner/withdraw", {})
                return COACH[i % 2].post("/api/v1/consents", {"client_id": cid, "purpose": "share_partner",
                                                              "given": False, "given_on": "2026-02-01"})
            res = burst(16, withdraw)
            st = statuses(res)
            rows = count(f"SELECT COUNT(*) FROM partner_referral_events WHERE referral_id = {rid} AND state = "
                         "'consent_withdrawn'")
            invariant(rows == 1, "withdrawals at once: one 'consent withdrawn' on the timeline", f"{rows} rows")
            invariant(set(st) <= {200, 201}, "every withdrawal answered", f"statuses {st}")

    def test_cohort_once(s):
        for rnd in range(ROUNDS):
            cid = new_client(f"Kohortti{rnd}")
            co = COACH[0].post("/api/v1/cohorts", {"name": f"Metsäkoneenkuljettajat {rnd}", "country": "VN"})
            assert co.status == 201, co.body
            coh = co.json["id"]
            res = burst(16, lambda i: COACH[i % 2].post("/api/v1/cohort-members", {"cohort_id": coh, "client_id": cid,
                                                                                  "name": f"Kohortti{rnd}"}))
            st = statuses(res)
            keys = {r.json.get("error", {}).get("key") for r in res if r.status == 409}
            rows = count(f"SELECT COUNT(*) FROM cohort_members WHERE client_id = {cid} AND archived_at IS NULL")
            invariant(rows == 1, "a client in one cohort: one member row", f"{rows} rows")
            invariant(st.get(201, 0) == 1 and st.get(409, 0) == 15 and keys == {"cohort_client_twice"},
                      "cohort member burst: one 201, the rest 409 'already a member'", f"statuses {st}, keys {keys}")
            mid = next(r.json["id"] for r in res if r.status == 201)
            res = burst(16, lambda i: COACH[i % 2].post(f"/api/v1/cohort-members/{mid}/move", {"step": "arrival"}))
            st = statuses(res)
            steps = sql(f"SELECT step, COUNT(*) FROM cohort_steps WHERE member_id = {mid} AND archived_at IS NULL "
                        "GROUP BY step")
            invariant(len(steps) == 5 and all(int(n) == 1 for _, n in steps),
                      "16 moves of one member at once: one row per step", f"steps {steps}, statuses {st}")
            invariant(st == {200: 16}, "every move answered (they take turns on the member)", f"statuses {st}")

    def test_client_link_once(s):
        """One person in two organisations: 16 requests linking the same pair at once (issue 15 item 5)."""
        for rnd in range(ROUNDS):
            pair = []
            for c in (COACH[0], OPO[0]):
                r = c.post("/api/v1/clients", {"first_name": f"Linkki{rnd}", "last_name": "Kahdessa", "birth_year": 1985,
                                               "status": "active"})
                assert r.status == 201, r.body
                pair.append(r.json["id"])
                r = c.post("/api/v1/consents", {"client_id": pair[-1], "purpose": "share_partner", "given": True,
                                                "given_on": "2026-01-01"})
                assert r.status == 201, r.body
            ours, theirs = pair
            res = burst(16, lambda i: (COACH[i % 2].post(f"/api/v1/clients/{ours}/links", {"client_id": theirs})
                                       if i % 4 else OPO[i % 2].post(f"/api/v1/clients/{theirs}/links",
                                                                     {"client_id": ours})))
            st = statuses(res)
            keys = {r.json.get("error", {}).get("key") for r in res if r.status == 409}
            rows = count(f"SELECT COUNT(*) FROM client_links WHERE client_a IN ({ours}, {theirs})")
            audits = count(f"SELECT COUNT(*) FROM audit_log WHERE action = 'link' AND client_id IN ({ours}, {theirs})")
            invariant(rows == 1 and audits == 2, "one pair linked once, from both sides at once: one row, audited "
                      "once in each organisation's log", f"{rows} rows, {audits} audit entries")
            invariant(st.get(201, 0) == 1 and st.get(409, 0) == 15 and keys == {"already_linked"},
                      "link burst: one 201, the rest 409 'already linked'", f"statuses {st}, keys {keys}")

    def test_audited_reads_burst(s):
        for rnd in range(ROUNDS):
            cid = new_client(f"Lukija{rnd}")
            def one(i):
                if i % 4 == 3:
                    return COACH[i % 2].patch(f"/api/v1/clients/{cid}", {"phone": f"+358 40 111 {i:04d}"})
                return COACH[i % 2].get(f"/api/v1/clients/{cid}")
            res = burst(64, one)
            reads = sum(1 for i, r in enumerate(res) if i % 4 != 3 and r.status == 200)
            logged = count(f"SELECT COUNT(*) FROM audit_log WHERE entity = 'clients' AND entity_id = {cid} "
                           f"AND action = 'read' AND detail IS NULL")
            invariant(reads == 48 and logged >= reads, "48 reads racing 16 edits through two servers: every answered "
                      "read has its audit entry", f"{reads} answered, {logged} read entries, statuses {statuses(res)}")
            r = osaaja(BIN, "audit", "verify", "--db", DB, check=False)
            invariant(r.returncode == 0, "the audit chain verifies after the burst", r.stdout.strip() or r.stderr.strip())

    S.run([test_audited_reads_burst, test_client_link_once, test_partner_referral_once, test_partner_answers_once,
           test_referral_withdrawal_told_once, test_submission_key_burst, test_single_use_link, test_max_uses, test_proposal_pairs,
           test_consent_withdrawals, test_employer_answers_once, test_sends_race_withdrawal,
           test_concurrent_patches, test_erasure_races_child_writes, test_erasure_twice, test_attendance_once,
           test_cohort_once])
    for srv in servers:
        log = srv.log_text()
        S.check("ERROR: AddressSanitizer" not in log and "runtime error:" not in log,
                f"server log free of sanitizer reports ({log[-1500:]!r})")
finally:
    codes = [srv.stop() for srv in servers]
    if pgdir:
        subprocess.run([os.path.join(HERE, "pg-stop.sh"), pgdir], capture_output=True)
S.check(all(c == 0 for c in codes) and codes, f"both servers exit cleanly ({codes})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
