#!/usr/bin/python3
"""International recruitment cohorts (issue 15 item 7): a cohort (employer, school, staffing agency, country,
occupation, planned arrival), its members (a client or only a name) and each member's steps with their state and days;
who may do what (counsellors and coordinators write, managers read, employers and other organisations nothing); the
once rules (a client in one cohort; a step once per member) as clear 409s, also when the unique index decides;
validation 400s naming the field; a member's move (POST /api/v1/cohort-members/{id}/move) and the member's timeline;
the board JSON (GET /api/v1/cohorts/{id}/board) with exact counts and figures; the pages /cohorts and /cohorts/{id}.
Usage: test_cohorts.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import datetime
import sys
from urllib.parse import urlencode

from harness import Client, Org, Suite, db_sql, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Kohortti-salasana-2026"
TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def day(delta):
    return (TODAY + datetime.timedelta(days=delta)).isoformat()


W = Org(BIN, DB, "Kainuun työllisyysalue", ("admin", "counsellor", "coordinator", "manager", "employer"), "k", PW)
OTHER = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Toinen kunta", "--kind", "municipality").stdout.strip()
osaaja(BIN, "user", "add", "--db", DB, "--email", "other-counsellor@t.fi", "--name", "Muu", "--role", "counsellor",
       "--org", OTHER, "--password", PW)
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
S = Suite("cohorts" + (" (postgres)" if IS_PG else " (sqlite)"))
V = {}


def created(r, what):
    assert r.status == 201, f"{what}: {r.status} {r.body[:300]}"
    return r.json


def err_key(r):
    try:
        return r.json.get("error", {}).get("key")
    except ValueError:
        return None


def test_cohort_and_validation(s):
    c = W.as_("counsellor")
    V["employer"] = created(c.post("/api/v1/employers", {"name": "Kainuun Metsäkone Oy", "sector": "forestry"}),
                            "employer")["id"]
    r = c.post("/api/v1/cohorts", {"name": "Metsäkoneenkuljettajat 2026", "employer_id": V["employer"],
                                   "school": "Kainuun ammattiopisto KAO", "staffing_agency": "Pohjolan Henkilöstö Oy",
                                   "country": "VN", "isco_code": "8341", "occupation_title": "Metsäkoneenkuljettaja",
                                   "planned_arrival_on": day(60)})
    if s.expect(r, 201, "a counsellor creates a cohort"):
        V["cohort"] = r.json["id"]
    s.expect(c.post("/api/v1/cohorts", {"school": "KAO"}), 400, "a cohort needs a name", "invalid", "name")
    s.expect(c.post("/api/v1/cohorts", {"name": "X", "country": "Vietnam"}), 400, "the country is an ISO code",
             "invalid", "country")
    s.expect(c.post("/api/v1/cohorts", {"name": "X", "planned_arrival_on": "1.5.2026"}), 400,
             "the planned arrival is a date", "invalid", "planned_arrival_on")
    s.expect(c.post("/api/v1/cohort-members", {"cohort_id": V["cohort"]}), 400, "a member needs a name",
             "invalid", "name")
    r = c.post("/api/v1/cohort-members", {"cohort_id": V["cohort"], "name": "Tran V."})
    if s.expect(r, 201, "a member before arrival is only a name"):
        V["m1"] = r.json["id"]
    s.expect(c.post("/api/v1/cohort-steps", {"member_id": V["m1"], "step": "visa"}), 400,
             "an unknown step", "invalid", "step")
    s.expect(c.post("/api/v1/cohort-steps", {"member_id": V["m1"], "step": "permit", "state": "waiting"}), 400,
             "an unknown state", "invalid", "state")
    r = c.post("/api/v1/cohort-steps", {"member_id": V["m1"], "step": "selection", "state": "done",
                                        "done_on": day(3)})
    s.expect(r, 400, "a done day in the future", "invalid", "done_on")
    s.check(err_key(r) == "cohort_done_future", f"its key: {err_key(r)}")
    r = c.post("/api/v1/cohort-steps", {"member_id": V["m1"], "step": "selection", "state": "in_progress",
                                        "done_on": day(-3)})
    s.expect(r, 400, "a done day on a step in progress", "invalid", "done_on")
    s.check(err_key(r) == "cohort_done_day_state", f"its key: {err_key(r)}")
    r = c.post("/api/v1/cohort-steps", {"member_id": V["m1"], "step": "selection", "state": "done",
                                        "done_on": day(-40)})
    if s.expect(r, 201, "a done step with its day"):
        V["m1_sel"] = r.json["id"]
        s.check(r.json.get("done_on") == day(-40), f"the day given is kept: {r.json.get('done_on')}")
    r = c.post("/api/v1/cohort-steps", {"member_id": V["m1"], "step": "selection", "state": "in_progress"})
    s.expect(r, 409, "a step once per member", "conflict", "step")
    s.check(err_key(r) == "cohort_step_twice", f"its key: {err_key(r)}")
    r = c.post("/api/v1/cohort-steps", {"member_id": V["m1"], "step": "training_abroad", "state": "done"})
    if s.expect(r, 201, "a step done without a day"):
        s.check(r.json.get("done_on") == TODAY.isoformat(), f"the done day is today: {r.json.get('done_on')}")
    # a client is recruited in one cohort
    V["client"] = created(c.post("/api/v1/clients", {"first_name": "Minh", "last_name": "Tran", "status": "active"}),
                          "client")["id"]
    r = c.post("/api/v1/cohort-members", {"cohort_id": V["cohort"], "name": "Minh Tran", "client_id": V["client"]})
    if s.expect(r, 201, "a member linked to a client"):
        V["m_client"] = r.json["id"]
    other = created(c.post("/api/v1/cohorts", {"name": "Hitsaajat 2027"}), "second cohort")["id"]
    V["cohort2"] = other
    r = c.post("/api/v1/cohort-members", {"cohort_id": other, "name": "Minh Tran", "client_id": V["client"]})
    s.expect(r, 409, "a client in a second cohort", "conflict", "client_id")
    s.check(err_key(r) == "cohort_client_twice", f"its key: {err_key(r)}")


def test_once_rules_in_the_index(s):
    """The unique indexes back the once rules: a row written past the check (as a request at the same moment would)
    is refused by the store, and the API tells the same rule."""
    now = TODAY.isoformat() + "T08:00:00Z"
    db_sql(DB, f"INSERT INTO cohort_members (organisation_id, cohort_id, client_id, name, created_at, updated_at) "
               f"SELECT organisation_id, {V['cohort2']}, NULL, 'Toinen', '{now}', '{now}' FROM cohorts "
               f"WHERE id = {V['cohort2']}")
    try:
        db_sql(DB, f"INSERT INTO cohort_members (organisation_id, cohort_id, client_id, name, created_at, updated_at) "
                   f"SELECT organisation_id, {V['cohort2']}, {V['client']}, 'Kaksoiskappale', '{now}', '{now}' FROM "
                   f"cohorts WHERE id = {V['cohort2']}")
        s.check(False, "the store refuses a client's second cohort")
    except Exception:
        s.check(True, "the store refuses a client's second cohort")
    try:
        db_sql(DB, f"INSERT INTO cohort_steps (organisation_id, member_id, step, state, created_at, updated_at) "
                   f"SELECT organisation_id, member_id, step, 'done', '{now}', '{now}' FROM cohort_steps "
                   f"WHERE id = {V['m1_sel']}")
        s.check(False, "the store refuses a step twice")
    except Exception:
        s.check(True, "the store refuses a step twice")


def test_access(s):
    cid = V["cohort"]
    co = W.as_("coordinator")
    r = co.post("/api/v1/cohort-members", {"cohort_id": cid, "name": "Le T."})
    if s.expect(r, 201, "a coordinator adds a member"):
        V["m_co"] = r.json["id"]
    s.expect(co.patch(f"/api/v1/cohorts/{cid}", {"notes": "Toinen ryhmä keväällä"}), 200,
             "a coordinator changes the cohort")
    m = W.as_("manager")
    s.expect(m.get(f"/api/v1/cohorts/{cid}"), 200, "a manager reads the cohort")
    s.expect(m.get(f"/api/v1/cohorts/{cid}/board"), 200, "a manager reads the board")
    s.expect(m.get(f"/api/v1/cohort-members/{V['m1']}/timeline"), 200, "a manager reads a member's timeline")
    s.expect(m.post("/api/v1/cohorts", {"name": "Y"}), 403, "a manager does not create cohorts", "forbidden")
    s.expect(m.post("/api/v1/cohort-members", {"cohort_id": cid, "name": "Y"}), 403, "nor members", "forbidden")
    s.expect(m.post(f"/api/v1/cohort-members/{V['m1']}/move", {"step": "permit"}), 403, "nor moves them",
             "forbidden")
    e = W.as_("employer")
    for path in ("/api/v1/cohorts", f"/api/v1/cohorts/{cid}", f"/api/v1/cohorts/{cid}/board",
                 "/api/v1/cohort-members", "/api/v1/cohort-steps", f"/api/v1/cohort-members/{V['m1']}/timeline"):
        s.expect(e.get(path), 403, f"an employer: {path}", "forbidden")
    s.check(e.get("/cohorts").status == 403 and e.get(f"/cohorts/{cid}").status == 403, "an employer: no pages")
    a = W.as_("admin")
    s.expect(a.get(f"/api/v1/cohorts/{cid}/board"), 403, "an admin does not read people's steps", "forbidden")
    o = Client(W.server)
    o.login("other-counsellor@t.fi", PW)
    s.expect(o.get(f"/api/v1/cohorts/{cid}"), 404, "another organisation: no cohort", "not_found")
    s.expect(o.get(f"/api/v1/cohorts/{cid}/board"), 404, "another organisation: no board", "not_found")
    s.expect(o.post(f"/api/v1/cohort-members/{V['m1']}/move", {"step": "permit"}), 404,
             "another organisation: no move", "not_found")
    s.expect(o.post("/api/v1/cohort-members", {"cohort_id": cid, "name": "Z"}), 400,
             "another organisation: no member in this cohort")
    # the member's notes are a counsellor's (FF_COUNSELLOR_ONLY)
    c = W.as_("counsellor")
    s.expect(c.patch(f"/api/v1/cohort-members/{V['m1']}", {"notes": "Toive: asunto Sotkamosta"}), 200,
             "a counsellor writes a member's notes")
    r = m.get(f"/api/v1/cohort-members/{V['m1']}")
    s.check(r.status == 200 and "notes" not in r.json, f"a manager does not see a member's notes: {r.body[:200]!r}")


def test_move_and_timeline(s):
    c = W.as_("counsellor")
    mid = created(c.post("/api/v1/cohort-members", {"cohort_id": V["cohort"], "name": "Pham D."}), "member")["id"]
    V["m_move"] = mid
    r = c.post(f"/api/v1/cohort-members/{mid}/move", {"step": "permit", "on": day(-10)})
    if s.expect(r, 200, "move to permit"):
        by = {x["step"]: x for x in r.json["items"]}
        s.check(by.get("selection", {}).get("state") == "done" and by["selection"].get("done_on") == day(-10),
                f"selection done on the day of the move: {by.get('selection')}")
        s.check(by.get("training_abroad", {}).get("state") == "done", "training abroad done")
        s.check(by.get("permit", {}).get("state") == "in_progress", f"permit in progress: {by.get('permit')}")
        s.check(set(by) == {"selection", "training_abroad", "permit"}, f"no later steps: {sorted(by)}")
    r = c.post(f"/api/v1/cohort-members/{mid}/move", {"step": "arrival", "on": day(-2)})
    if s.expect(r, 200, "move to arrival"):
        by = {x["step"]: x for x in r.json["items"]}
        s.check(by["permit"]["state"] == "done" and by["permit"]["done_on"] == day(-2), f"permit done: {by['permit']}")
        s.check(by["selection"]["done_on"] == day(-10), "an earlier done day stays")
        s.check(by["travel"]["state"] == "done" and by["arrival"]["state"] == "in_progress", "travel done, arrival on")
    # back to permit: permit reopened, arrival back to not started
    r = c.post(f"/api/v1/cohort-members/{mid}/move", {"step": "permit"})
    if s.expect(r, 200, "move back to permit"):
        by = {x["step"]: x for x in r.json["items"]}
        s.check(by["permit"]["state"] == "in_progress" and by["permit"].get("done_on") is None,
                f"permit reopened, its done day cleared: {by['permit']}")
        s.check(by["arrival"]["state"] == "not_started", f"arrival not started: {by['arrival']}")
    s.expect(c.post(f"/api/v1/cohort-members/{mid}/move", {"step": "visa"}), 400, "move to an unknown step",
             "invalid", "step")
    s.expect(c.post(f"/api/v1/cohort-members/{mid}/move", {}), 400, "a move names its step", "invalid", "step")
    s.expect(c.post(f"/api/v1/cohort-members/{mid}/move", {"step": "travel", "on": day(5)}), 400,
             "a move in the future", "invalid", "on")
    s.expect(c.post(f"/api/v1/cohort-members/{mid}/move", {"step": "travel", "on": "eilen"}), 400,
             "a move's day is a date", "invalid", "on")
    s.expect(c.post(f"/api/v1/cohort-members/{mid}/move", {"step": "travel", "by": "me"}), 400,
             "a move takes step and on only", "invalid", "by")
    s.expect(c.post("/api/v1/cohort-members/999999/move", {"step": "travel"}), 404, "no such member", "not_found")
    r = c.get(f"/api/v1/cohort-members/{mid}/timeline")
    if s.expect(r, 200, "the member's timeline"):
        items = r.json["items"]
        permit = [x["state"] for x in items if x["step"] == "permit"]
        # newest first: in progress (reopened), done, in progress (the first move)
        s.check(permit == ["in_progress", "done", "in_progress"], f"permit's history: {permit}")
        arrival = [x["state"] for x in items if x["step"] == "arrival"]
        s.check(arrival == ["not_started", "in_progress"], f"arrival's history: {arrival}")
        # the moves wrote 3 + 3 + 2 changes (a step created in its state is one change)
        s.check(len(items) == 8, f"every change is a row: {len(items)}")
    # an interrupted way is reopened before a move
    sel = [x for x in c.get(f"/api/v1/cohort-steps?member_id={mid}&step=permit").json["items"]][0]
    s.expect(c.patch(f"/api/v1/cohort-steps/{sel['id']}", {"state": "interrupted"}), 200, "the permit is refused")
    r = c.post(f"/api/v1/cohort-members/{mid}/move", {"step": "travel"})
    s.expect(r, 409, "an interrupted member is not moved", "conflict", "step")
    s.check(err_key(r) == "cohort_interrupted", f"its key: {err_key(r)}")


def test_board(s):
    """A cohort built here: exact columns, counts and figures."""
    c = W.as_("counsellor")
    cid = created(c.post("/api/v1/cohorts", {"name": "Taulutesti", "employer_id": V["employer"], "country": "PH"}),
                  "cohort")["id"]
    steps = ["selection", "training_abroad", "permit", "travel", "arrival", "housing", "induction", "first_6_months"]

    def member(name, plan):
        mid = created(c.post("/api/v1/cohort-members", {"cohort_id": cid, "name": name}), name)["id"]
        for step, state in plan:
            body = {"member_id": mid, "step": step, "state": state}
            if state == "in_progress":
                body["planned_on"] = day(20)
            created(c.post("/api/v1/cohort-steps", body), f"{name} {step}")
        return mid

    done_to = lambda k: [(st, "done") for st in steps[:k]]
    member("A selection", [])                                            # no rows: selection
    member("B selection", [("selection", "in_progress")])                # selection
    member("C permit", done_to(2) + [("permit", "in_progress")])         # permit
    member("D permit", [("selection", "done"), ("training_abroad", "not_needed")])  # permit (not needed skipped)
    member("E housing", done_to(5) + [("housing", "in_progress")])       # housing; arrived
    member("F first6", done_to(7) + [("first_6_months", "in_progress")])  # first 6 months; arrived
    member("G done", done_to(8))                                         # completed; arrived; employed 6 months
    member("H done", done_to(4) + [("arrival", "done"), ("housing", "not_needed")] +
           [(st, "done") for st in steps[6:]])                           # completed; arrived; employed
    member("I gone", done_to(5) + [("housing", "interrupted")])          # interrupted; arrived
    r = c.get(f"/api/v1/cohorts/{cid}/board")
    if not s.expect(r, 200, "the board"):
        return
    b = r.json
    want = {"selection": 2, "training_abroad": 0, "permit": 2, "travel": 0, "arrival": 0, "housing": 1,
            "induction": 0, "first_6_months": 1, "completed": 2, "interrupted": 1}
    s.check(b["counts"] == want, f"members per column: {b['counts']}")
    s.check([col["column"] for col in b["columns"]] == list(want), f"the columns in order: {b['columns']}")
    s.check(b["figures"] == {"members": 9, "reached_arrival": 5, "employed_6_months": 2},
            f"the figures: {b['figures']}")
    s.check(b["cohort"]["employer_name"] == "Kainuun Metsäkone Oy", f"the employer's name: {b['cohort']}")
    cols = {col["column"]: col for col in b["columns"]}
    s.check([m["name"] for m in cols["selection"]["members"]] == ["A selection", "B selection"],
            f"cards by name: {cols['selection']['members']}")
    card = cols["permit"]["members"][0]
    s.check(card["name"] == "C permit" and card["state"] == "in_progress" and card["planned_on"] == day(20),
            f"a card carries its current step's state and days: {card}")
    s.check(cols["selection"]["members"][0]["state"] == "not_started", "a member without rows is not started")
    s.check(cols["interrupted"]["members"][0]["state"] == "interrupted", "the interrupted card")
    s.check(all(len(col["members"]) == col["count"] for col in b["columns"]), "each count is its cards")
    # another cohort's members are not on it
    s.check(all(m["name"] not in ("Tran V.", "Pham D.") for col in b["columns"] for m in col["members"]),
            "only this cohort's members")


def audits():
    return int(db_sql(DB, "SELECT COUNT(*) FROM audit_log WHERE entity = 'cohorts' AND action = 'read'")[0][0])


def test_pages(s):
    c = W.as_("counsellor")
    before = audits()
    s.check(c.get("/cohorts").status == 200 and audits() == before, "the list (counts only) is not audited")
    s.check(c.get(f"/api/v1/cohorts/{V['cohort']}/board").status == 200 and audits() == before + 1,
            "a board read (it names people) is audited")
    r = c.get("/cohorts")
    body = r.body.decode()
    s.check(r.status == 200 and "Taulutesti" in body and f'href="/cohorts/{V["cohort"]}"' in body,
            f"the list of cohorts: {r.status}")
    s.check('href="/cohorts"' in body, "the navigation links the cohorts")
    r = c.get(f"/cohorts/{V['cohort']}")
    body = r.body.decode()
    s.check(r.status == 200 and 'data-column="permit"' in body and "Pham D." in body, f"the board page: {r.status}")
    s.check("Oleskelulupa" in body and "Vietnam" in body, "the board in Finnish: steps and the country in words")
    s.check(f'href="/clients/{V["client"]}"' in body, "a member with a client record links to it")
    m = W.as_("manager")
    r = m.get(f"/cohorts/{V['cohort']}")
    body = r.body.decode()
    s.check(r.status == 200 and "Pham D." in body and "/clients/" not in body,
            f"a manager sees the board without links to client records: {r.status}")
    s.check(c.get("/cohorts/999999").status == 404, "no such cohort: 404")
    # the board's move form: a writer moves a member; a reader has no form and may not post it
    r = c.get(f"/cohorts/{V['cohort']}")
    body = r.body.decode()
    action = f'action="/cohorts/{V["cohort"]}/members/{V["m_co"]}/move"'
    s.check(action in body, "a counsellor's card has the move form")
    r = c.request("POST", f"/cohorts/{V['cohort']}/members/{V['m_co']}/move",
                  raw=urlencode({"csrf": c.csrf, "step": "travel"}).encode(), headers=FORM)
    # (the redirect is followed: the board again, with the notice)
    s.check(r.status == 200 and 'class="notice"' in r.body.decode() and 'data-column="travel"' in r.body.decode(),
            f"the form moves the member and shows the board again: {r.status}")
    by = {x["step"]: x["state"] for x in c.get(f"/api/v1/cohort-steps?member_id={V['m_co']}").json["items"]}
    s.check(by.get("travel") == "in_progress" and by.get("permit") == "done", f"the member's steps after it: {by}")
    r = c.request("POST", f"/cohorts/{V['cohort2']}/members/{V['m_co']}/move",
                  raw=urlencode({"csrf": c.csrf, "step": "travel"}).encode(), headers=FORM)
    s.check(r.status == 404, f"a member moved through another cohort's board: {r.status}")
    r = c.request("POST", f"/cohorts/{V['cohort']}/members/{V['m_co']}/move",
                  raw=urlencode({"csrf": c.csrf, "step": "visa"}).encode(), headers=FORM)
    s.check(r.status == 400 and any(t in r.body.decode() for t in ("Tuntematon vaihe", "Unknown step")),
            f"an unknown step: the catalogue's message: {r.status}")
    s.check("<form" not in m.get(f"/cohorts/{V['cohort']}").body.decode().split('class="board cohort"')[1],
            "a manager's board has no forms")
    r = m.request("POST", f"/cohorts/{V['cohort']}/members/{V['m_co']}/move",
                  raw=urlencode({"csrf": m.csrf, "step": "arrival"}).encode(), headers=FORM)
    s.check(r.status == 403, f"a manager may not post the move form: {r.status}")


def test_erasure(s):
    """A client's erasure takes the member's name and notes; the member and its steps stay in the cohort's figures."""
    c = W.as_("counsellor")
    cid = created(c.post("/api/v1/clients", {"first_name": "Duc", "last_name": "Vo", "status": "active"}), "client")["id"]
    coh = created(c.post("/api/v1/cohorts", {"name": "Poistotesti"}), "cohort")["id"]
    mid = created(c.post("/api/v1/cohort-members", {"cohort_id": coh, "client_id": cid, "name": "Vo Duc"}),
                  "member")["id"]
    s.expect(c.patch(f"/api/v1/cohort-members/{mid}", {"notes": "Asunto Kuhmosta"}), 200, "the member's notes")
    s.expect(c.post(f"/api/v1/cohort-members/{mid}/move", {"step": "arrival"}), 200, "moved to arrival")
    r = c.get(f"/api/v1/clients/{cid}/export")
    s.check(r.status == 200 and "Vo Duc" in r.body.decode(), f"the client's export has the membership: {r.status}")
    s.expect(c.post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"}), 200, "the client is erased")
    rows = db_sql(DB, f"SELECT name, notes FROM cohort_members WHERE id = {mid}")
    s.check(rows and rows[0][0] in ("None", "") and rows[0][1] in ("None", ""), f"name and notes are gone: {rows}")
    r = c.get(f"/api/v1/cohorts/{coh}/board")
    if s.expect(r, 200, "the board after the erasure"):
        s.check(r.json["counts"]["arrival"] == 1 and r.json["figures"]["members"] == 1,
                f"the member still counts: {r.json['counts']}")
    body = c.get(f"/cohorts/{coh}").body.decode()
    s.check("Vo Duc" not in body and "Asunto" not in body, "the board page shows no name")


try:
    ok = S.run([test_cohort_and_validation, test_once_rules_in_the_index, test_access, test_move_and_timeline,
                test_board, test_pages, test_erasure])
finally:
    W.server.stop()
sys.exit(0 if ok else 1)
