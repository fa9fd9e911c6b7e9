#!/usr/bin/python3
"""Shortlists sent to employers: the employer's anonymised view and answers, identity disclosure only with the
client's share_employer consent, links that expire, and an employer who reaches nothing but their own shortlists.
Usage: test_shortlists.py OSAAJA_BINARY DB"""
import os
import sqlite3
import subprocess
import sys
import json
import re
from urllib.parse import quote, urlencode

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PW = "Lyhytlista-salasana-2026"
PG = DB.startswith("postgres")
S = Suite("shortlists" + (" (postgres)" if PG else " (sqlite)"))

osaaja(BIN, "init", "--db", DB)
osaaja(BIN, "import-taxonomy", "--db", DB, os.path.join(ROOT, "data", "taxonomy"))
o1 = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Espoo", "--kind", "municipality").stdout.strip()
o2 = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Kajaani", "--kind", "municipality").stdout.strip()
for email, role, org in [("c1@t.fi", "counsellor", o1), ("k1@t.fi", "coordinator", o1), ("a1@t.fi", "admin", o1),
                         ("c2@t.fi", "counsellor", o2)]:
    osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", email.split("@")[0].upper(), "--role", role,
           "--org", org, "--password", PW)
srv = Server(BIN, DB)

NAME_FIRST, NAME_LAST, BIRTH, EMAIL, PHONE = "Zainabu", "Wekesa-Lindqvist", 1987, "zainabu.w@example.org", "+358401234567"
W = {}


def as_(email):
    c = Client(srv)
    c.login(email, PW)
    return c


def concept(c, q, kind):
    r = c.get(f"/api/v1/taxonomy/search?q={quote(q)}&lang=en&kind={kind}&limit=1")
    assert r.status == 200 and r.json["items"], f"search {q}: {r.status} {r.body[:200]}"
    return r.json["items"][0]["uri"]


def db_exec(sql, params=()):
    """Direct change for what no API may do (time travel for expiry)."""
    if PG:
        q = sql
        for p in params:
            q = q.replace("?", "'" + str(p).replace("'", "''") + "'", 1)
        subprocess.run(["psql", "-q", "-X", DB, "-c", q], check=True, capture_output=True)
    else:
        con = sqlite3.connect(DB)
        con.execute(sql, params)
        con.commit()
        con.close()


def setup():
    cou, co, adm = as_("c1@t.fi"), as_("k1@t.fi"), as_("a1@t.fi")
    cook, dish = concept(cou, "cook", "skill"), concept(cou, "food hygiene", "skill")
    W["client"] = cou.post("/api/v1/clients", {"first_name": NAME_FIRST, "last_name": NAME_LAST, "birth_year": BIRTH,
                                                "email": EMAIL, "phone": PHONE, "gender": "female",
                                                "nationality": "KE", "status": "active",
                                                "strengths": "Tunnettu kokki Kibera-ravintolasta"}).json["id"]
    cid = W["client"]
    for uri, label in [(cook, "cooking"), (dish, "hygiene")]:
        cou.post("/api/v1/client-skills", {"client_id": cid, "esco_skill": uri, "label": label,
                                           "evidence": "counsellor_seen"})
    cou.post("/api/v1/client-languages", {"client_id": cid, "language": "fi", "level": "A2"})
    cou.post("/api/v1/work-history", {"client_id": cid, "title": "Cook", "years": 6, "employer_name": "Nairobi Grill"})
    cou.post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True, "given_on": "2026-01-01"})
    W["employer"] = co.post("/api/v1/employers", {"name": "Keittiö Oy", "business_id": "0112038-9"}).json["id"]
    W["employer2"] = co.post("/api/v1/employers", {"name": "Toinen Oy"}).json["id"]
    W["vacancy"] = co.post("/api/v1/vacancies", {"employer_id": W["employer"], "title": "Kokki", "status": "open",
                                                  "contract_type": "permanent", "municipality": "Espoo"}).json["id"]
    W["vacancy2"] = co.post("/api/v1/vacancies", {"employer_id": W["employer2"], "title": "Siivooja", "status": "open",
                                                   "contract_type": "permanent"}).json["id"]
    co.post("/api/v1/vacancy-skills", {"vacancy_id": W["vacancy"], "esco_skill": cook, "required": True})
    co.post("/api/v1/vacancy-languages", {"vacancy_id": W["vacancy"], "language": "fi", "min_level": "B1",
                                          "required": True})
    W["proposal"] = cou.post("/api/v1/proposals", {"client_id": cid, "vacancy_id": W["vacancy"],
                                                   "stage": "suggested"}).json["id"]
    W["proposal2"] = cou.post("/api/v1/proposals", {"client_id": cid, "vacancy_id": W["vacancy2"],
                                                    "stage": "suggested"}).json["id"]
    for email, emp in [("e1@keittio.fi", W["employer"]), ("e2@toinen.fi", W["employer2"])]:
        r = adm.post("/api/v1/users/new", {"email": email, "name": "Työnantaja " + email[:2], "role": "employer",
                                           "password": PW, "organisation_id": int(o1), "employer_id": emp})
        assert r.status == 201, f"employer user: {r.status} {r.body[:200]}"


def no_personal(s, text, what):
    low = text.lower()
    for bad in [NAME_FIRST, NAME_LAST, EMAIL, PHONE, "Nairobi", "Kibera", "first_name", "last_name",
                "birth_year", "gender", "nationality", "female", '"email"', '"phone"']:
        s.check(bad.lower() not in low, f"{what}: {bad!r} is not shown")
    # the birth year as a number of its own (a random token or id may hold the same four digits)
    s.check(not re.search(r"(?<![0-9A-Za-z])%d(?![0-9A-Za-z])" % BIRTH, text), f"{what}: {BIRTH} is not shown")


def test_send(s):
    co = as_("k1@t.fi")
    r = co.post(f"/api/v1/vacancies/{W['vacancy']}/shortlists", {"proposal_ids": []})
    s.expect(r, 400, "an empty shortlist", "invalid", "proposal_ids")
    r = co.post(f"/api/v1/vacancies/{W['vacancy']}/shortlists", {"proposal_ids": [W["proposal2"]]})
    s.expect(r, 400, "a proposal of another vacancy", "invalid", "proposal_ids")
    s.expect(co.patch(f"/api/v1/proposals/{W['proposal']}", {"share_gaps": True}), 403,
             "only a counsellor chooses to share gaps with the employer", "forbidden", "share_gaps")
    s.expect(as_("c1@t.fi").patch(f"/api/v1/proposals/{W['proposal']}", {"share_gaps": True}), 200,
             "the counsellor shares this proposal's gaps with the employer")
    r = co.post(f"/api/v1/vacancies/{W['vacancy']}/shortlists", {"proposal_ids": [W["proposal"]], "link": True,
                                                                 "link_days": 7})
    if s.expect(r, 201, "send a shortlist with a link"):
        W["shortlist"], W["link"] = r.json["id"], r.json["link"]
        s.check(r.json["link"].startswith("/shortlist?t=") and len(r.json["link"]) == 13 + 64, "the link carries a 64-hex token")
        W["token"] = r.json["link"][13:]
    p = co.get(f"/api/v1/proposals/{W['proposal']}").json
    s.check(p["stage"] == "sent", f"the proposal moved to 'sent': {p['stage']}")
    r = as_("c2@t.fi").post(f"/api/v1/vacancies/{W['vacancy']}/shortlists", {"proposal_ids": [W["proposal"]]})
    s.expect(r, 404, "another organisation cannot send for this vacancy")
    r = co.post(f"/api/v1/vacancies/{W['vacancy2']}/shortlists", {"proposal_ids": [W["proposal2"]]})
    s.expect(r, 201, "a shortlist to the second employer")
    lst = co.get(f"/api/v1/vacancies/{W['vacancy']}/shortlists").json["items"]
    s.check(len(lst) == 1 and lst[0]["waiting"] == 1, f"the vacancy lists its shortlist, one waiting: {lst}")


def test_employer_view(s):
    e1 = as_("e1@keittio.fi")
    items = e1.get("/api/v1/employer/shortlists").json["items"]
    s.check([i["id"] for i in items] == [W["shortlist"]], f"the employer sees only its shortlist: {items}")
    r = e1.get(f"/api/v1/employer/shortlists/{W['shortlist']}")
    if s.expect(r, 200, "the employer reads its shortlist"):
        c = r.json["candidates"][0]
        s.check(c["identity"] is None and c["number"] == 1, "the candidate is anonymous, numbered")
        s.check(any(x.get("label") == "cooking" for x in c["profile"]["skills"]), "competence is shown")
        s.check(c["profile"]["languages"] == [{"language": "fi", "level": "A2"}], "languages are shown")
        m = c["profile"]["match"]
        s.check(m and m["matched"] and any(g["language"] == "fi" and g["required_level"] == "B1"
                                           for g in m["language_gaps"]), f"the match explanation is shown: {m}")
        s.check(c["answerable"] and c["stage"] == "sent", "the candidate waits for an answer")
        no_personal(s, r.body.decode(), "employer JSON")
    h = e1.get(f"/portal/shortlists/{W['shortlist']}")
    if s.expect(h, 200, "the employer's shortlist page"):
        no_personal(s, h.body.decode(), "employer HTML")
    e2 = as_("e2@toinen.fi")
    s.expect(e2.get(f"/api/v1/employer/shortlists/{W['shortlist']}"), 404, "another employer cannot read it")
    s.expect(e2.post(f"/api/v1/employer/shortlists/{W['shortlist']}/answers",
                     {"proposal_id": W["proposal"], "answer": "interview"}), 404, "nor answer it")
    s.expect(e2.get(f"/portal/shortlists/{W['shortlist']}"), 404, "nor open its page")
    s.check(len(e2.get("/api/v1/employer/shortlists").json["items"]) == 1, "the second employer sees its own one")
    s.expect(Client(srv).get("/api/v1/employer/shortlists"), 401, "anonymous: log in first")
    s.expect(as_("c1@t.fi").get("/api/v1/employer/shortlists"), 403, "staff do not use the employer routes")


def test_reads_in_access_log(s):
    """A shortlist read shows each candidate's profile: its audit entry names the clients it showed, so the read is
    in each one's access log and data export, on every surface (the employer's API and page, the link's API and
    page, staff opening the link). A withdrawn candidate, of whom nothing is shown, is not named. Fresh clients per
    surface: a client's log keeps the first entry of the day per reader that named them."""
    cou, co, adm, e1 = as_("c1@t.fi"), as_("k1@t.fi"), as_("a1@t.fi"), as_("e1@keittio.fi")

    def shortlist_of(tag, n):
        cids, pids = [], []
        for i in range(n):
            cid = cou.post("/api/v1/clients", {"first_name": tag, "last_name": f"Lokitesti{i}",
                                               "status": "active"}).json["id"]
            cou.post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True,
                                          "given_on": "2026-01-01"})
            cids.append(cid)
            pids.append(co.post("/api/v1/proposals", {"client_id": cid, "vacancy_id": W["vacancy"],
                                                      "stage": "suggested"}).json["id"])
        r = co.post(f"/api/v1/vacancies/{W['vacancy']}/shortlists", {"proposal_ids": pids, "link": True})
        s.expect(r, 201, f"a shortlist for {tag}")
        return r.json["id"], r.json["link"][13:], cids

    def reads(cid, slid):
        r = adm.get(f"/api/v1/audit?client_id={cid}&limit=500")
        return [e for e in r.json["items"] if e["action"] == "read" and e["entity"] == "shortlists"
                and e["entity_id"] == slid] if r.status == 200 else []

    slid, tok, (shown, gone) = shortlist_of("Lokitettu", 2)
    s.expect(cou.post(f"/api/v1/clients/{gone}/consents/matching/withdraw", {}), 200, "one candidate withdraws")
    r = e1.get(f"/api/v1/employer/shortlists/{slid}")
    s.expect(r, 200, "the employer reads the shortlist")
    s.check([c["withdrawn"] for c in r.json["candidates"]] == [False, True], "one candidate shown, one withdrawn")
    got = reads(shown, slid)
    s.check(len(got) == 1 and got[0]["role"] == "employer" and got[0]["user_id"] == e1.user["id"],
            f"the employer's read is in the shown candidate's access log: {got}")
    s.check(not reads(gone, slid), "the withdrawn candidate, of whom nothing was shown, is not named")
    x = cou.get(f"/api/v1/clients/{shown}/export")
    if s.expect(x, 200, "the shown candidate's export"):
        s.check(any(e["action"] == "read" and e["entity"] == "shortlists" and e["entity_id"] == slid
                    for e in x.json["audit"]), "the export's audit section holds the employer's read")
    for surface, read, role in [("employer page", lambda sl, t: e1.get(f"/portal/shortlists/{sl}"), "employer"),
                                ("link API", lambda sl, t: Client(srv).get(f"/api/v1/shortlist-link?token={t}"),
                                 "employer"),
                                ("link page", lambda sl, t: Client(srv).get(f"/shortlist?t={t}"), "employer"),
                                ("staff through the link", lambda sl, t: co.get(f"/api/v1/shortlist-link?token={t}"),
                                 "coordinator")]:
        slid, tok, (cid,) = shortlist_of("Lokitettu", 1)
        s.expect(read(slid, tok), 200, f"{surface}: the shortlist is read")
        got = reads(cid, slid)
        s.check(len(got) == 1 and got[0]["role"] == role, f"{surface}: the read is in the candidate's access log {got}")


# Every key an employer may meet in a shortlist answer (the JSON API, the link JSON): a field-level allow-list.
# Anything else (hours, physical_load, accommodations, permit, nationality, family, filters...) fails the test.
EMPLOYER_KEYS = {
    "id", "sent_at", "link_expires_at", "vacancy", "title", "municipality", "hours_per_week", "contract_type",
    "employer", "name", "candidates", "proposal_id", "number", "stage", "profile", "answerable", "identity", "reason",
    "skills", "label", "esco_skill", "level", "evidence", "languages", "language", "education", "isced_level",
    "isced_field", "recognition", "experience", "esco_occupation", "isco_code", "years", "targets", "certificates",
    "kind", "expires_on", "match", "score", "matched", "missing", "courses", "language_gaps", "required_level",
    "client_level", "required", "hard_failed", "items", "waiting", "answered", "first_name", "last_name", "email",
    "phone", "vacancy_id", "vacancy_title", "employer_id", "employer_name", "withdrawn",
    "matched_skills", "uri",  # the ESCO concept of a matched or missing skill, to name it in the reader's language
}
# Values that would tell an employer about work capacity or residence status, in any surface.
CAPACITY_WORDS = ["physical_load", "work_hours_max", "accommodations", "availability", "permit", '"hours"',
                  "Fyysinen kuormitus", "Työaika ylittää", "Oleskelulupa", "Ei käytettävissä", "Selkävaiva"]


def keys_of(x, out):
    if isinstance(x, dict):
        for k, v in x.items():
            out.add(k)
            keys_of(v, out)
    elif isinstance(x, list):
        for v in x:
            keys_of(v, out)
    return out


def test_capacity_never_reaches_employer(s):
    """Issue 13 item 1 / issue 19 item 1: a client whose weekly hours and physical load rule out a vacancy. The
    assigned counsellor reads why; a coordinator reads only "not available"; the employer reads nothing of it."""
    cou, co = as_("c1@t.fi"), as_("k1@t.fi")
    cook = concept(cou, "cook", "skill")
    cid = cou.post("/api/v1/clients", {"first_name": "Kapasiteetti", "last_name": "Testi", "status": "active",
                                       "nationality": "SE", "work_hours_max": 20, "physical_load": "seated",
                                       "accommodations": "Selkävaiva: istuma-työ"}).json["id"]
    cou.post("/api/v1/client-skills", {"client_id": cid, "esco_skill": cook, "label": "cooking",
                                       "evidence": "counsellor_seen"})
    cou.post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True, "given_on": "2026-01-01"})
    vid = co.post("/api/v1/vacancies", {"employer_id": W["employer"], "title": "Raskas kokki", "status": "open",
                                        "contract_type": "permanent", "hours_per_week": 37, "physical_load": "moderate",
                                        "permit_required": True}).json["id"]
    co.post("/api/v1/vacancy-skills", {"vacancy_id": vid, "esco_skill": cook, "required": True})

    def item_for(c, path, key, want):
        r = c.get(path)
        return next((i for i in r.json.get("matches", []) if i.get(key) == want), None) if r.status == 200 else None

    mine = item_for(cou, f"/api/v1/clients/{cid}/matches", "vacancy_id", vid)
    names = {f["name"]: f["passed"] for f in (mine or {}).get("filters", [])}
    s.check(names.get("hours") is False and names.get("physical_load") is False,
            f"the assigned counsellor reads which limits fail: {names}")
    s.check(names.get("permit") is True, f"a Swedish citizen needs no residence permit: {names}")
    for c, who in [(co, "coordinator")]:
        for path, key, want in [(f"/api/v1/clients/{cid}/matches", "vacancy_id", vid),
                                (f"/api/v1/vacancies/{vid}/matches", "client_id", cid)]:
            it = item_for(c, path, key, want)
            fl = {f["name"]: f["passed"] for f in (it or {}).get("filters", [])}
            s.check(it is not None and fl.get("availability") is False and "hours" not in fl
                    and "physical_load" not in fl, f"{who} {path}: only 'not available' ({fl})")
    page = co.get(f"/clients/{cid}/matches")
    if page.status == 200:
        body = page.body.decode()
        s.check("Fyysinen kuormitus" not in body and "Physical load" not in body and "Työaika ylittää" not in body,
                "the coordinator's match page names no limit")
    pid = co.post("/api/v1/proposals", {"client_id": cid, "vacancy_id": vid, "stage": "suggested"}).json["id"]
    for share in (False, True):
        if share:
            cou.patch(f"/api/v1/proposals/{pid}", {"share_gaps": True})
        r = co.post(f"/api/v1/vacancies/{vid}/shortlists", {"proposal_ids": [pid], "link": True})
        if not s.expect(r, 201, f"send the shortlist (gaps shared: {share})"):
            continue
        slid, tok = r.json["id"], r.json["link"][13:]
        e1 = as_("e1@keittio.fi")
        for surface, resp in [("employer API", e1.get(f"/api/v1/employer/shortlists/{slid}")),
                              ("link API", Client(srv).get(f"/api/v1/shortlist-link?token={tok}")),
                              ("employer page", e1.get(f"/portal/shortlists/{slid}")),
                              ("link page", Client(srv).get(f"/shortlist?t={tok}")),
                              ("employer list", e1.get("/api/v1/employer/shortlists"))]:
            text = resp.body.decode()
            s.check(resp.status == 200, f"{surface} answers ({resp.status})")
            for w in CAPACITY_WORDS:
                s.check(w not in text, f"{surface} (gaps shared: {share}) says nothing of {w!r}")
            if "API" in surface or "list" in surface:
                extra = keys_of(resp.json, set()) - EMPLOYER_KEYS
                s.check(not extra, f"{surface}: only allow-listed fields reach the employer, extra: {extra}")
        m = e1.get(f"/api/v1/employer/shortlists/{slid}").json["candidates"][0]["profile"]["match"]
        s.check(bool(m["matched"]), "matched skills are shown")
        if not share:
            s.check(not m["missing"] and not m["language_gaps"] and not m["hard_failed"],
                    f"without the counsellor's choice no gap is shown: {m}")
    # A snapshot stored before the rule (it carried the limits) is cleaned when an employer reads it.
    db_exec("UPDATE shortlist_items SET profile = ? WHERE shortlist_id = ?",
            ('{"skills":[],"match":{"score":50,"matched":[],"missing":[],"language_gaps":[],'
             '"hard_failed":["physical_load","hours","permit","licence"]}}', slid))
    m = as_("e1@keittio.fi").get(f"/api/v1/employer/shortlists/{slid}").json["candidates"][0]["profile"]["match"]
    s.check(m["hard_failed"] == ["licence"], f"an old snapshot loses its limits when read: {m['hard_failed']}")


def test_employer_reaches_nothing_else(s):
    e1 = as_("e1@keittio.fi")
    cid, vid, pid = W["client"], W["vacancy"], W["proposal"]
    for path in ["/api/v1/clients", f"/api/v1/clients/{cid}", f"/api/v1/clients/{cid}/profile",
                 f"/api/v1/clients/{cid}/matches", "/api/v1/proposals", f"/api/v1/proposals/{pid}", "/api/v1/vacancies",
                 f"/api/v1/vacancies/{vid}", f"/api/v1/vacancies/{vid}/matches", f"/api/v1/vacancies/{vid}/shortlists",
                 "/api/v1/employers", f"/api/v1/employers/{W['employer']}", "/api/v1/client-skills",
                 "/api/v1/consents", "/api/v1/service-events", "/api/v1/audit", f"/api/v1/clients/{cid}/export"]:
        r = e1.get(path)
        s.check(r.status in (403, 404), f"employer GET {path}: {r.status}")
    for path, body in [("/api/v1/proposals", {"client_id": cid, "vacancy_id": vid}),
                       (f"/api/v1/vacancies/{vid}/shortlists", {"proposal_ids": [pid]}),
                       (f"/api/v1/proposals/{pid}/reveal", {"reveal": True})]:
        r = e1.post(path, body)
        s.check(r.status in (403, 404), f"employer POST {path}: {r.status}")
    s.check(e1.patch(f"/api/v1/proposals/{pid}", {"stage": "hired"}).status in (403, 404), "employer PATCH proposal")
    for path in ["/caseload", f"/clients/{cid}", f"/clients/{cid}/matches", f"/vacancies/{vid}", "/vacancies",
                 "/employers", f"/vacancies/{vid}/shortlists", "/import"]:
        r = e1.get(path)
        s.check(r.status == 403, f"employer page {path}: {r.status}")


def test_answers(s):
    e1, co = as_("e1@keittio.fi"), as_("k1@t.fi")
    url = f"/api/v1/employer/shortlists/{W['shortlist']}/answers"
    s.expect(e1.post(url, {"proposal_id": W["proposal"], "answer": "hired"}), 400, "an unknown answer", "invalid",
             "answer")
    s.expect(e1.post(url, {"proposal_id": W["proposal2"], "answer": "interview"}), 404,
             "a candidate not on this shortlist")
    r = e1.post(url, {"proposal_id": W["proposal"], "answer": "interview"})
    s.expect(r, 200, "invite to interview")
    s.check(co.get(f"/api/v1/proposals/{W['proposal']}").json["stage"] == "interview", "the stage is interview")
    s.expect(e1.post(url, {"proposal_id": W["proposal"], "answer": "interview"}), 200, "the same answer twice is fine")
    r = as_("a1@t.fi").get(f"/api/v1/audit?client_id={W['client']}")
    if r.status == 200:
        s.check(any(e["action"] == "answer" and e["role"] == "employer" for e in r.json["items"]),
                "the answer is audited with the employer's role")


def test_reveal(s):
    cou, e1 = as_("c1@t.fi"), as_("e1@keittio.fi")
    url = f"/api/v1/proposals/{W['proposal']}/reveal"
    s.expect(cou.post(url, {"reveal": True}), 409, "no reveal without share_employer consent", "conflict", "consent")
    s.expect(as_("k1@t.fi").post(url, {"reveal": True}), 403, "a coordinator does not reveal")
    con = cou.post("/api/v1/consents", {"client_id": W["client"], "purpose": "share_employer", "given": True,
                                        "given_on": "2026-01-01"}).json["id"]
    s.expect(cou.post(url, {"reveal": True}), 200, "reveal with consent")
    c = e1.get(f"/api/v1/employer/shortlists/{W['shortlist']}").json["candidates"][0]
    s.check(c["identity"] and c["identity"]["first_name"] == NAME_FIRST, "the employer now sees the name")
    cou.patch(f"/api/v1/consents/{con}", {"withdrawn_on": "2026-02-01"})
    r = e1.get(f"/api/v1/employer/shortlists/{W['shortlist']}")
    s.check(r.json["candidates"][0]["identity"] is None, "a withdrawn consent hides the name again")
    no_personal(s, r.body.decode(), "after withdrawal")
    s.check(r.json["candidates"][0]["withdrawn"] and not r.json["candidates"][0]["answerable"]
            and not r.json["candidates"][0]["profile"], "a withdrawn share_employer consent withdraws the candidate")
    s.expect(cou.post(url, {"reveal": False}), 200, "hide")
    # Issue 19 item 2: the newest row decides. Consent given again, then a newer refusal: no reveal, no name.
    cou.post("/api/v1/consents", {"client_id": W["client"], "purpose": "share_employer", "given": True,
                                  "given_on": "2026-02-02"})
    s.expect(cou.post(url, {"reveal": True}), 200, "reveal with the consent given again")
    cou.post("/api/v1/consents", {"client_id": W["client"], "purpose": "share_employer", "given": False,
                                  "given_on": "2026-02-03"})
    s.expect(cou.post(url, {"reveal": True}), 409, "a newer refusal stops a reveal, whatever older row said",
             "conflict", "consent")
    r = e1.get(f"/api/v1/employer/shortlists/{W['shortlist']}")
    s.check(r.json["candidates"][0]["identity"] is None and r.json["candidates"][0]["withdrawn"],
            "after the newer refusal the employer sees neither name nor profile")
    no_personal(s, r.body.decode(), "after a newer refusal")
    s.expect(cou.post(url, {"reveal": False}), 200, "hide")
    cou.post("/api/v1/consents", {"client_id": W["client"], "purpose": "share_employer", "given": True,
                                  "given_on": "2026-02-04"})


def test_identity_only_through_reveal(s):
    """Issue 19 item 7: identity_revealed is not writable through the generic create or update, by any role."""
    for who in ["k1@t.fi", "c1@t.fi"]:
        c = as_(who)
        r = c.patch(f"/api/v1/proposals/{W['proposal2']}", {"identity_revealed": True})
        s.expect(r, 400, f"{who}: PATCH identity_revealed is refused", "invalid", "identity_revealed")
        s.check(r.json["error"].get("key") == "verb_only", f"{who}: the key says it has its own action")
        r = c.post("/api/v1/proposals", {"client_id": W["client"], "vacancy_id": W["vacancy2"], "identity_revealed": True})
        s.expect(r, 400, f"{who}: POST with identity_revealed is refused", "invalid", "identity_revealed")
    s.check(as_("c1@t.fi").get(f"/api/v1/proposals/{W['proposal2']}").json["identity_revealed"] is False,
            "the identity stays hidden")


def test_withdrawal_stops_shortlists(s):
    """Issue 19 item 3: after 'matching' is withdrawn, no shortlist goes out for the client, the employer sees the
    candidate as withdrawn with nothing of the profile, and cannot answer."""
    cou, co, e1 = as_("c1@t.fi"), as_("k1@t.fi"), as_("e1@keittio.fi")
    cid = cou.post("/api/v1/clients", {"first_name": "Peruva", "last_name": "Asiakas", "status": "active"}).json["id"]
    cou.post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True, "given_on": "2026-01-01"})
    pid = co.post("/api/v1/proposals", {"client_id": cid, "vacancy_id": W["vacancy"], "stage": "suggested"}).json["id"]
    r = co.post(f"/api/v1/vacancies/{W['vacancy']}/shortlists", {"proposal_ids": [pid]})
    if not s.expect(r, 201, "a shortlist while consent holds"):
        return
    slid = r.json["id"]
    s.expect(cou.post(f"/api/v1/clients/{cid}/consents/matching/withdraw", {}), 200, "the client withdraws matching")
    s.expect(co.post(f"/api/v1/vacancies/{W['vacancy']}/shortlists", {"proposal_ids": [pid]}), 409,
             "no shortlist after the withdrawal", "conflict", "consent")
    c = e1.get(f"/api/v1/employer/shortlists/{slid}").json["candidates"][0]
    s.check(c["withdrawn"] and c["profile"] == {} and not c["answerable"] and c["identity"] is None,
            f"the sent snapshot shows 'withdrawn' and nothing else: {c}")
    s.expect(e1.post(f"/api/v1/employer/shortlists/{slid}/answers", {"proposal_id": pid, "answer": "interview"}),
             409, "a withdrawn candidate cannot be answered", "conflict", "answer")
    h = e1.get(f"/portal/shortlists/{slid}")
    s.check(h.status == 200 and "Peruttu".encode() in h.body or b"Withdrawn" in h.body, "the portal says withdrawn")


FORM_HDR = {"Content-Type": "application/x-www-form-urlencoded"}
FI = json.load(open(os.path.join(ROOT, "i18n", "fi.json"), encoding="utf-8"))


def form_post(c, path, fields):
    """A page's form as a browser posts it (the session's CSRF token as a field)."""
    return c.request("POST", path, raw=urlencode({"csrf": c.csrf, **fields}).encode(), headers=FORM_HDR)


def test_pages_call_the_verbs(s):
    """Issue 12: the pages call the shortlist verbs themselves. A refused send or answer shows the verb's message
    beside its form (the page again, with the refusal's status); the API's errors carry stable keys."""
    cou, co, e1 = as_("c1@t.fi"), as_("k1@t.fi"), as_("e1@keittio.fi")
    vid = W["vacancy"]

    def candidate(name):
        cid = cou.post("/api/v1/clients", {"first_name": name, "last_name": "Sivutesti", "status": "active"}).json["id"]
        cou.post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True, "given_on": "2026-01-01"})
        pid = co.post("/api/v1/proposals", {"client_id": cid, "vacancy_id": vid, "stage": "suggested"}).json["id"]
        return cid, pid

    gone_cid, gone = candidate("Poistuva")
    _, stays = candidate("Pysyvä")
    r = co.post(f"/api/v1/vacancies/{vid}/shortlists", {"proposal_ids": [gone, stays], "link": True, "link_days": 3})
    if not s.expect(r, 201, "a shortlist of two candidates, with a link"):
        return
    slid, tok = r.json["id"], r.json["link"][13:]
    cou.post(f"/api/v1/clients/{gone_cid}/consents/matching/withdraw", {})
    r = co.post(f"/api/v1/vacancies/{vid}/shortlists", {"proposal_ids": [gone]})
    s.check(r.status == 409 and r.json["error"].get("key") == "consent", f"a send without consent: key consent {r.body[:200]}")
    url = f"/api/v1/employer/shortlists/{slid}/answers"
    r = e1.post(url, {"proposal_id": gone, "answer": "interview"})
    s.check(r.status == 409 and r.json["error"].get("key") == "withdrawn", f"a withdrawn candidate: key withdrawn {r.body[:200]}")
    r = co.post(f"/api/v1/vacancies/{vid}/shortlists", {"proposal_ids": [stays], "link": True, "link_days": 91})
    s.check(r.status == 400 and r.json["error"].get("field") == "link_days" and r.json["error"].get("key") == "range",
            f"link_days out of range: field link_days, key range {r.body[:200]}")

    page = f"/vacancies/{vid}/shortlists"
    h = form_post(co, page, {})
    body = h.body.decode()
    s.check(h.status == 400 and FI["shortlist.choose_one"] in body and 'id="sl-proposal_ids-err"' in body,
            f"the send page, nothing chosen: the form says so beside the candidates ({h.status})")
    h = form_post(co, page, {"proposal_id": str(gone)})
    body = h.body.decode()
    s.check(h.status == 400 and 'id="sl-consent-err"' in body and FI["err.consent"] in body,
            f"the send page, a withdrawn client: the verb's message beside the candidates ({h.status})")
    h = form_post(co, page, {"proposal_id": str(stays), "link": "1", "link_days": "120"})
    body = h.body.decode()
    s.check(h.status == 400 and 'id="sl-link_days-err"' in body and FI["err.range"] + " 1–90" in body
            and 'aria-describedby="sl-link_days-err"' in body,
            f"the send page, link days out of range: the message beside the field, in Finnish ({h.status})")

    h = form_post(cou, f"/proposals/{stays}/reveal", {"reveal": "1"})
    s.check(h.status == 200 and FI["done.no_share_consent"] in h.body.decode(),
            f"reveal without share_employer consent: the page says why ({h.status})")

    portal = f"/portal/shortlists/{slid}/answer"
    h = form_post(e1, portal, {"proposal_id": str(gone), "answer": "interview"})
    body = h.body.decode()
    s.check(h.status == 409 and 'class="err" role="alert"' in body and 'id="cand-1"' in body,
            f"the portal, a withdrawn candidate: the shortlist again with the message ({h.status})")
    no_personal(s, body, "a refused answer's page")
    h = form_post(e1, portal, {"proposal_id": str(stays), "answer": "hired"})
    body = h.body.decode()
    s.check(h.status == 400 and 'id="reason-2-err"' in body and 'aria-invalid="true"' in body,
            f"the portal, an answer that is not a choice: the message in the candidate's form ({h.status})")
    h = form_post(e1, portal, {"proposal_id": str(stays), "answer": "not_chosen", "reason": "Ei kokemusta"})
    s.check(h.status == 200 and FI["done.answered"] in h.body.decode(), f"the portal answers ({h.status})")
    r = e1.post(url, {"proposal_id": stays, "answer": "interview"})
    s.check(r.status == 409 and r.json["error"].get("key") == "stage", f"not chosen, then interview: key stage {r.body[:200]}")

    anon = Client(srv)
    h = anon.request("POST", f"/shortlist/answer?t={tok}", raw=urlencode({"proposal_id": gone, "answer": "interview"}).encode(),
                     headers=FORM_HDR)
    s.check(h.status == 409 and 'class="err" role="alert"' in h.body.decode(),
            f"the link page, a withdrawn candidate: the shortlist again with the message ({h.status})")
    db_exec("UPDATE shortlists SET link_expires_at = ? WHERE id = ?", ("2020-01-01T00:00:00Z", slid))
    r = anon.get(f"/api/v1/shortlist-link?token={tok}")
    s.check(r.status == 403 and r.json["error"].get("key") == "expired", f"an expired link: key expired {r.body[:200]}")
    h = anon.request("POST", f"/shortlist/answer?t={tok}", raw=urlencode({"proposal_id": stays, "answer": "interview"}).encode(),
                     headers=FORM_HDR)
    s.check(h.status == 410, f"answering through an expired link: the expired page ({h.status})")


def test_link(s):
    anon = Client(srv)
    r = anon.get("/api/v1/shortlist-link?token=" + W["token"])
    if s.expect(r, 200, "the link works without login"):
        no_personal(s, r.body.decode(), "link JSON")
    h = anon.get("/shortlist?t=" + W["token"])
    if s.expect(h, 200, "the link page"):
        no_personal(s, h.body.decode(), "link HTML")
    s.expect(anon.get("/api/v1/shortlist-link?token=" + "0" * 64), 404, "an unknown token")
    s.expect(anon.get("/shortlist?t=" + "0" * 64), 404, "an unknown token page")
    r = anon.post("/api/v1/shortlist-link/answers?token=" + W["token"],
                  {"proposal_id": W["proposal"], "answer": "not_chosen", "reason": "Ei suomen kieltä riittävästi"})
    s.expect(r, 200, "answer through the link")
    s.check(as_("k1@t.fi").get(f"/api/v1/proposals/{W['proposal']}").json["stage"] == "not_chosen",
            "the link's answer moved the stage")
    s.expect(anon.post("/api/v1/shortlist-link/answers?token=" + W["token"],
                       {"proposal_id": W["proposal2"], "answer": "interview"}), 404,
             "the link answers only its own shortlist")
    db_exec("UPDATE shortlists SET link_expires_at = ? WHERE id = ?", ("2020-01-01T00:00:00Z", W["shortlist"]))
    s.expect(anon.get("/api/v1/shortlist-link?token=" + W["token"]), 403, "an expired link", "forbidden",
             "expires_at")
    s.expect(anon.post("/api/v1/shortlist-link/answers?token=" + W["token"],
                       {"proposal_id": W["proposal"], "answer": "interview"}), 403, "no answers through it")
    h = anon.get("/shortlist?t=" + W["token"])
    s.check(h.status == 410 and b"expired" in h.body.lower() or b"vanhentunut" in h.body, f"the page says it expired: "
                                                                                        f"{h.status}")


def test_logs(s):
    log = srv.log_text()
    s.check(W["token"] not in log, "the link token never reaches the log")
    s.check("AddressSanitizer" not in log and "runtime error:" not in log, "no sanitizer report in the server log")


try:
    setup()
    ok = S.run([test_send, test_employer_view, test_reads_in_access_log, test_capacity_never_reaches_employer, test_employer_reaches_nothing_else, test_answers, test_reveal, test_identity_only_through_reveal, test_withdrawal_stops_shortlists,
                test_pages_call_the_verbs, test_link, test_logs])
finally:
    srv.stop()
sys.exit(0 if ok else 1)
