#!/usr/bin/python3
"""Families and settling in (issue 14 items 1-3): a child is a family member, never a client (not created as one,
never matched, never counted in served, employed, own-field or ESF+ figures, even a child's client row from before
migration 0016); the settling-in plan's steps with owner, due date and state, each change a row of the plan's
timeline (GET /api/v1/families/{id}/timeline); the settling report (steps done, families still in the region after 6 and 12 months); who may see a
family (the staff who may see its clients, never an employer); the family section of the client page.
Usage: test_families.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import datetime
import os
import sys

from harness import Client, Server, Suite, add_org, add_user, db_sql, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IS_PG = DB.startswith("postgres")
PW = "Perhe-salasana-2026"
TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def day(delta):
    return (TODAY + datetime.timedelta(days=delta)).isoformat()


def months_before(n):
    y, m = TODAY.year, TODAY.month - n
    while m < 1:
        m += 12
        y -= 1
    return datetime.date(y, m, min(TODAY.day, 28)).isoformat()


PERIOD = f"from={day(-60)}&to={day(0)}"


def sql(statement):
    """Runs one SQL statement on the test database (setup only)."""
    return db_sql(DB, statement)


osaaja(BIN, "init", "--db", DB)
osaaja(BIN, "import-taxonomy", "--db", DB, os.path.join(ROOT, "data", "taxonomy"))
ORG = add_org(BIN, DB, "Kainuun liitto")
for role in ("admin", "counsellor", "coordinator", "manager"):
    add_user(BIN, DB, f"f-{role}@t.fi", role, ORG, PW)

# A child's client row written before children became family members (an un-migrated row, as an older version wrote
# it): active, taken in this period, with consent to matching and a job in its own field. Nothing may count or match it.
NOW = TODAY.isoformat() + "T08:00:00Z"
sql(f"INSERT INTO families (organisation_id, name, created_at, updated_at) VALUES ({ORG}, 'Perhe Vanha', '{NOW}', "
    f"'{NOW}')")
OLD_FAM = int(sql("SELECT MAX(id) FROM families")[0][0])
sql(f"INSERT INTO clients (organisation_id, family_id, family_role, first_name, last_name, birth_year, status, "
    f"intake_on, created_at, updated_at) VALUES ({ORG}, {OLD_FAM}, 'child', 'Lapsi', 'Vanha', {TODAY.year - 8}, "
    f"'active', '{day(-30)}', '{NOW}', '{NOW}')")
OLD_CHILD = int(sql("SELECT MAX(id) FROM clients")[0][0])
sql(f"INSERT INTO consents (organisation_id, client_id, purpose, given, given_on, created_at, updated_at) VALUES "
    f"({ORG}, {OLD_CHILD}, 'matching', 1, '{day(-30)}', '{NOW}', '{NOW}')")
sql(f"INSERT INTO client_languages (organisation_id, client_id, language, level, created_at, updated_at) VALUES "
    f"({ORG}, {OLD_CHILD}, 'fi', 'B2', '{NOW}', '{NOW}')")
# the old child row's own event and job: rows of other tables, counted without reading the client's columns
sql(f"INSERT INTO service_events (organisation_id, client_id, type, happened_on, created_at, updated_at) VALUES "
    f"({ORG}, {OLD_CHILD}, 'meeting', '{day(-10)}', '{NOW}', '{NOW}')")
sql(f"INSERT INTO outcomes (organisation_id, client_id, type, starts_on, created_at, updated_at) VALUES "
    f"({ORG}, {OLD_CHILD}, 'employed', '{day(-9)}', '{NOW}', '{NOW}')")
SKILL = sql("SELECT c.uri FROM tax_concepts c JOIN tax_labels l ON l.concept_id = c.id WHERE c.kind = 'skill' AND "
            "l.label = 'Python' ORDER BY c.id LIMIT 1")[0][0]
sql(f"INSERT INTO client_skills (organisation_id, client_id, esco_skill, evidence, created_at, updated_at) VALUES "
    f"({ORG}, {OLD_CHILD}, '{SKILL}', 'credential', '{NOW}', '{NOW}')")
sql(f"INSERT INTO target_occupations (organisation_id, client_id, title, isco_code, created_at, updated_at) VALUES "
    f"({ORG}, {OLD_CHILD}, 'Marjanpoimija', '9211', '{NOW}', '{NOW}')")
sql(f"INSERT INTO outcomes (organisation_id, client_id, type, isco_code, starts_on, matches_competence, created_at, "
    f"updated_at) VALUES ({ORG}, {OLD_CHILD}, 'employed', '9211', '{day(-10)}', 1, '{NOW}', '{NOW}')")

srv = Server(BIN, DB)
S = Suite("families" + (" (postgres)" if IS_PG else " (sqlite)"))
W = {}


def as_(role):
    c = Client(srv)
    c.login(f"f-{role}@t.fi", PW)
    return c


def created(r, what):
    assert r.status == 201, f"{what}: {r.status} {r.body[:300]}"
    return r.json


def test_children_are_family_members(s):
    c = as_("counsellor")
    fam = created(c.post("/api/v1/families", {"name": "Perhe Srisuk", "municipality": "Kajaani"}), "family")
    W["family"] = fam["id"]
    W["worker"] = created(c.post("/api/v1/clients", {
        "first_name": "Somchai", "last_name": "Srisuk", "family_id": fam["id"], "family_role": "worker",
        "status": "active", "intake_on": day(-30), "target_groups": ["seasonal_worker"]}), "worker")["id"]
    W["spouse"] = created(c.post("/api/v1/clients", {
        "first_name": "Malee", "last_name": "Srisuk", "family_id": fam["id"], "family_role": "spouse",
        "status": "active", "intake_on": day(-20), "target_groups": ["spouse"]}), "spouse")["id"]
    # a child is not a client
    r = c.post("/api/v1/clients", {"first_name": "Nok", "last_name": "Srisuk", "family_id": fam["id"],
                                   "family_role": "child", "status": "active", "intake_on": day(-20)})
    s.expect(r, 400, "a child cannot be created as a client", "invalid", "family_role")
    r = c.post("/api/v1/family-members", {"family_id": fam["id"], "relation": "child", "first_name": "Nok",
                                          "last_name": "Srisuk", "birth_year": TODAY.year - 6, "gender": "female"})
    if s.expect(r, 201, "a child is a family member"):
        W["child"] = r.json["id"]
    r = c.get(f"/api/v1/family-members?family_id={fam['id']}")
    s.check(r.status == 200 and [m["first_name"] for m in r.json.get("items", [])] == ["Nok"],
            f"the family's members: {r.status} {r.body[:200]!r}")
    # the worker's job, in the own field by the counsellor's decision
    created(c.post("/api/v1/outcomes", {"client_id": W["worker"], "type": "employed", "isco_code": "9211",
                                        "starts_on": day(-5), "override_matches": True,
                                        "override_reason": "marjanpoiminta on hänen alaansa"}), "worker's job")


def test_figures_exclude_children(s):
    m = as_("manager")
    r = m.get("/api/v1/reports/indicators?" + PERIOD)
    if not s.expect(r, 200, "indicators"):
        return
    ind = r.json["indicators"]
    # served: the worker and the spouse (not the old child row); employed and own field: the worker only
    s.check(ind["clients_served"] == 2, f"served excludes children: {ind['clients_served']}, want 2")
    s.check(ind["new_clients"] == 2, f"new clients exclude children: {ind['new_clients']}, want 2")
    s.check(ind["employed"] == 1, f"employed excludes children: {ind['employed']}, want 1")
    s.check(ind["employment_outcomes"] == 1, f"employment outcomes exclude children: {ind['employment_outcomes']}")
    s.check(ind["employed_own_field"] == 1, f"own field excludes children: {ind['employed_own_field']}, want 1")
    s.check(ind["employed_pct_served"] == 50.0, f"employed % of served: {ind['employed_pct_served']}, want 50.0")
    s.check(ind["service_events"] == 0, f"service events exclude children's: {ind['service_events']}, want 0")
    r = m.get("/api/v1/reports/esf?" + PERIOD)
    if s.expect(r, 200, "ESF+ indicators"):
        rows = {row["key"]: row for row in r.json["rows"]}
        s.check(rows["participants"]["total"] == 2, f"ESF+ participants exclude children: {rows['participants']}")
    r = m.get("/api/v1/reports/crosstab?rows=programme&cols=month&measure=new_clients&" + PERIOD)
    if s.expect(r, 200, "crosstab of new clients"):
        s.check(r.json.get("total") == 2 or "2" in str(r.json.get("total")),
                f"the crosstab's new clients exclude children: {r.json.get('total')!r}")


def test_child_never_matched(s):
    c = as_("counsellor")
    emp = created(c.post("/api/v1/employers", {"name": "Marjatila Oy"}), "employer")["id"]
    W["employer"] = emp
    vac = created(c.post("/api/v1/vacancies", {"employer_id": emp, "title": "Marjanpoimija", "isco_code": "9211",
                                               "contract_type": "seasonal", "status": "open"}), "vacancy")["id"]
    W["vacancy"] = vac
    c.post("/api/v1/vacancy-languages", {"vacancy_id": vac, "language": "fi", "min_level": "A1", "required": False})
    created(c.post("/api/v1/vacancy-skills", {"vacancy_id": vac, "esco_skill": SKILL, "required": True}), "skill")
    for cid in (W["worker"], W["spouse"]):
        c.post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True, "given_on": day(-20)})
        c.post("/api/v1/client-languages", {"client_id": cid, "language": "fi", "level": "A2"})
        c.post("/api/v1/target-occupations", {"client_id": cid, "title": "Marjanpoimija", "isco_code": "9211"})
        created(c.post("/api/v1/client-skills", {"client_id": cid, "esco_skill": SKILL, "evidence": "credential"}),
                "client skill")
    r = c.get(f"/api/v1/vacancies/{vac}/matches?limit=50&all=true")
    if s.expect(r, 200, "the vacancy's matches"):
        got = {m["client_id"] for m in r.json["matches"]}
        s.check(OLD_CHILD not in got, f"a child is never among a vacancy's matches: {sorted(got)}")
        s.check(W["spouse"] in got, f"the spouse (a job seeker) is: {sorted(got)}")
    r = c.get(f"/api/v1/clients/{OLD_CHILD}/matches")
    s.check(r.status != 200 or not r.json.get("matches"), f"a child has no matches: {r.status} {r.body[:200]!r}")


def test_settling_steps(s):
    c = as_("counsellor")
    me = c.user["id"]
    fam = W["family"]
    # the family arrived 7 months ago; another arrived 13 months ago and left the region after 3 months (its worker's
    # service closed)
    s.expect(c.patch(f"/api/v1/families/{fam}", {"arrived_on": months_before(7)}), 200, "the family's arrival")
    old = created(c.post("/api/v1/families", {"name": "Perhe Lähtenyt", "arrived_on": months_before(13),
                                              "left_region_on": months_before(10)}), "family that left")
    W["family_left"] = old["id"]
    created(c.post("/api/v1/clients", {"first_name": "Ivan", "last_name": "Lähtenyt", "family_id": old["id"],
                                       "family_role": "worker", "status": "closed", "intake_on": months_before(13),
                                       "left_on": months_before(10)}), "worker who left")

    def step(body, what):
        return created(c.post("/api/v1/settling-steps", {"family_id": fam, **body}), what)

    housing = step({"kind": "housing", "owner_id": me, "due_on": day(10)}, "housing step")
    s.check(housing["state"] == "todo" and housing["done_on"] is None, f"a new step is to do: {housing}")
    school = step({"kind": "daycare_school", "member_id": W["child"], "owner_id": me, "state": "doing"}, "school")
    job = step({"kind": "spouse_job_search", "client_id": W["spouse"], "state": "done"}, "spouse's job search")
    s.check(job["done_on"] == TODAY.isoformat(), f"done_on is set when a step is done: {job['done_on']}")
    step({"kind": "tax_card", "client_id": W["worker"], "state": "not_needed"}, "tax card")
    r = c.post("/api/v1/settling-steps", {"family_id": fam, "kind": "custom"})
    s.check(r.status == 400 and r.json["error"].get("key") == "settling_custom_title",
            f"a custom step needs a title: {r.status} {r.body[:200]!r}")
    step({"kind": "custom", "title": "Ajokortin vaihto", "client_id": W["worker"]}, "custom step")
    other = created(c.post("/api/v1/clients", {"first_name": "Vieras", "last_name": "Muu"}), "another client")["id"]
    r = c.post("/api/v1/settling-steps", {"family_id": fam, "kind": "bank_account", "client_id": other})
    s.check(r.status == 400 and r.json["error"].get("key") == "settling_not_in_family",
            f"a step's person belongs to the family: {r.status} {r.body[:200]!r}")
    r = c.post("/api/v1/settling-steps", {"family_id": fam, "kind": "moving_to_mars"})
    s.expect(r, 400, "an unknown kind", "invalid", "kind")
    # each change of state is a row of the plan's timeline; a change of notes only is not
    v = housing["version"]
    for state in ("doing", "done"):
        r = c.patch(f"/api/v1/settling-steps/{housing['id']}", {"state": state}, headers={"If-Match": f'"{v}"'})
        if s.expect(r, 200, f"housing {state}"):
            v = r.json["version"]
    r = c.patch(f"/api/v1/settling-steps/{housing['id']}", {"notes": "vuokrasopimus allekirjoitettu"},
                headers={"If-Match": f'"{v}"'})
    s.expect(r, 200, "housing notes")
    r = c.get(f"/api/v1/families/{fam}/timeline")
    if s.expect(r, 200, "the plan's timeline"):
        rows = r.json["items"]
        states = sorted(x["state"] for x in rows if x["step_id"] == housing["id"])
        s.check(states == ["doing", "done", "todo"], f"one timeline row per change of state: {states}")
        s.check(all(x["changed_on"] == TODAY.isoformat() for x in rows), "each row has its day")
        s.check(len(rows) == 3 + 4, f"the family's timeline: {len(rows)} rows, want 7 (3 of housing, 1 of each other)")
    s.expect(c.post(f"/api/v1/families/{fam}/timeline", {"step_id": housing["id"], "state": "done"}), 405,
             "the timeline is written by the steps only")
    s.expect(c.get(f"/api/v1/families/{fam + 1000}/timeline"), 404, "no timeline of a family that is not there")
    W["school"] = school["id"]


def test_settling_report(s):
    m = as_("manager")
    r = m.get("/api/v1/reports/settling?" + PERIOD)
    if not s.expect(r, 200, "the settling report"):
        return
    j = r.json
    # the family's steps: housing done, school doing, spouse's job done, tax card not needed (not counted), custom
    # to do -> 2 of 4 done; the family that left has no steps
    s.check(j["summary"]["families"] == 2 and j["summary"]["families_with_plan"] == 1,
            f"families: {j['summary']}")
    s.check(j["summary"]["steps"] == 4 and j["summary"]["steps_done"] == 2 and j["summary"]["steps_done_pct"] == 50.0,
            f"steps done of those needed: {j['summary']}")
    per = {f["family_id"]: f for f in j["families"]}
    s.check(per.get(W["family"], {}).get("done") == 2 and per[W["family"]]["steps"] == 4, f"per family: {per}")
    kinds = {k["kind"]: k for k in j["by_kind"]}
    s.check(kinds.get("housing", {}).get("done") == 1 and "tax_card" not in kinds, f"per kind: {kinds}")
    # 6 months: the family that arrived 7 months ago, still here; 12 months: the one that left after 3 months
    s.check(j["region"]["6"] == {"families": 1, "still_in_region": 1, "still_in_region_pct": 100.0},
            f"still in the region after 6 months: {j['region']['6']}")
    s.check(j["region"]["12"] == {"families": 1, "still_in_region": 0, "still_in_region_pct": 0.0},
            f"still in the region after 12 months: {j['region']['12']}")
    s.check("name" not in r.body.decode() if isinstance(r.body, bytes) else "name" not in r.body,
            "the report names no family")
    # the figures page shows the same figures
    r = m.get("/reports?" + PERIOD)
    body = r.body.decode() if isinstance(r.body, bytes) else r.body
    s.check(r.status == 200 and 'id="table-settling"' in body, f"the figures page has the settling table: {r.status}")
    s.check('data-key="region_6">1 / 1' in body and 'data-key="region_12">0 / 1' in body and
            'data-key="steps_done">2 / 4' in body, "the figures page's settling figures are the report's")


def test_who_sees_a_family(s):
    co = as_("coordinator")
    s.expect(co.get(f"/api/v1/families/{W['family']}"), 200, "a coordinator (who reads clients) reads the family")
    s.expect(co.get(f"/api/v1/settling-steps?family_id={W['family']}"), 200, "and its plan")
    s.expect(co.get(f"/api/v1/families/{W['family']}/timeline"), 200, "and the plan's timeline")
    s.expect(co.post("/api/v1/family-members", {"family_id": W["family"], "relation": "child", "first_name": "X"}),
             403, "but does not write it")
    mg = as_("manager")
    s.expect(mg.get(f"/api/v1/families/{W['family']}"), 403, "a manager (who reads no client) does not")
    s.expect(mg.get("/api/v1/family-members"), 403, "nor its members")
    s.expect(mg.get(f"/api/v1/families/{W['family']}/timeline"), 403, "nor its plan's timeline")
    adm = as_("admin")
    r = adm.post("/api/v1/users/new", {"email": "f-employer@marjatila.fi", "name": "Työnantaja", "role": "employer",
                                       "password": PW, "organisation_id": int(ORG), "employer_id": W["employer"]})
    assert r.status == 201, f"employer user: {r.status} {r.body[:200]}"
    em = Client(srv)
    em.login("f-employer@marjatila.fi", PW)
    for path in (f"/api/v1/families/{W['family']}", "/api/v1/families", "/api/v1/family-members",
                 f"/api/v1/family-members/{W['child']}", "/api/v1/settling-steps",
                 f"/api/v1/families/{W['family']}/timeline",
                 "/api/v1/reports/settling?" + PERIOD, f"/api/v1/clients/{W['worker']}"):
        r = em.get(path)
        s.check(r.status in (403, 404), f"an employer never gets family details: {path} -> {r.status}")
        body = r.body.decode() if isinstance(r.body, bytes) else r.body
        s.check("Nok" not in body and "Srisuk" not in body, f"no family detail in the employer's answer: {path}")
    r = em.get(f"/clients/{W['worker']}")
    body = r.body.decode() if isinstance(r.body, bytes) else r.body
    s.check(r.status in (403, 404) and "Nok" not in body, f"nor the client page: {r.status}")


def test_client_page_family(s):
    c = as_("counsellor")
    r = c.get(f"/clients/{W['worker']}")
    if not s.expect(r, 200, "the worker's page"):
        return
    body = r.body.decode() if isinstance(r.body, bytes) else r.body
    s.check('id="family"' in body, "the client page has a family section")
    s.check(f'href="/clients/{W["spouse"]}"' in body, "it links to the spouse's profile")
    s.check("Nok" in body, "it lists the children")
    s.check("Ajokortin vaihto" in body, "it shows the settling-in steps")
    r = c.get(f"/clients/{W['spouse']}")
    body = r.body.decode() if isinstance(r.body, bytes) else r.body
    s.check(f'href="/clients/{W["worker"]}"' in body, "the spouse's page links back to the worker")
    co = as_("coordinator")
    r = co.get(f"/clients/{W['worker']}")
    body = r.body.decode() if isinstance(r.body, bytes) else r.body
    s.check(r.status == 200 and "Nok" in body, f"a coordinator who may see the client sees the family: {r.status}")


try:
    ok = S.run([test_children_are_family_members, test_figures_exclude_children, test_child_never_matched,
                test_settling_steps, test_settling_report, test_who_sees_a_family, test_client_page_family])
finally:
    srv.stop()
sys.exit(0 if ok else 1)
