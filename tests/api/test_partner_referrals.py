#!/usr/bin/python3
"""Referrals across organisations (issue 15 item 2). A counsellor refers a client to a partner organisation only with
the client's share_partner consent (the newest consent row decides); the partner sees only the parts the referral
shares, field by field, and only while the referral is open and the consent holds: never before, never after it
closes, never once the consent is withdrawn, never by another route (the client, its profile parts, its export), and
a third organisation never. States move sent -> accepted/declined -> started -> ended (with an outcome the partner
records) or cancelled by the referring side; both sides read the same timeline, and each action and each read of the
client's data is audited in both organisations' logs. Bad input is a 4xx with a message, and stores nothing.
Usage: test_partner_referrals.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import json
import re
import sys

from harness import Client, Server, Suite, add_org, add_user, created, db_sql, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Kumppani-salasana-2026"

osaaja(BIN, "init", "--db", DB)
ORGS = {}
for key, name, kind in [("centre", "Espoon osaamiskeskus", "municipality"), ("school", "Omnia", "education_provider"),
                        ("third", "Kolmas yhdistys", "partner")]:
    ORGS[key] = int(add_org(BIN, DB, name, kind))
ACCOUNTS = [("centre", r) for r in ("admin", "counsellor", "coordinator", "manager", "employer")] + \
           [("school", r) for r in ("counsellor", "coordinator", "admin")] + [("third", "counsellor")]
for org, role in ACCOUNTS:
    add_user(BIN, DB, f"pr-{org}-{role}@t.fi", role, ORGS[org], PW, name=f"{org} {role}".title())

srv = Server(BIN, DB)
S = Suite("partner referrals" + (" (postgres)" if IS_PG else " (sqlite)"))
SESS = {}
W = {}


def as_(org, role):
    if (org, role) not in SESS:
        c = Client(srv)
        c.login(f"pr-{org}-{role}@t.fi", PW)
        SESS[(org, role)] = c
    return SESS[(org, role)]


def body_text(r):
    return r.body.decode() if isinstance(r.body, bytes) else r.body


def count_referrals():
    return int(db_sql(DB, "SELECT COUNT(*) FROM partner_referrals")[0][0])


def consent(cid, given, on="2026-01-05"):
    return created(as_("centre", "counsellor").post("/api/v1/consents", {
        "client_id": cid, "purpose": "share_partner", "given": given, "given_on": on}), "consent")


def setup_clients():
    c = as_("centre", "counsellor")
    me = c.user["id"]
    cl = created(c.post("/api/v1/clients", {
        "first_name": "Amal", "last_name": "Haddad", "birth_year": 1990, "email": "amal.haddad@example.org",
        "phone": "+358 40 123 4567", "mother_tongue": "ar", "municipality": "Espoo", "counsellor_id": me,
        "target_groups": ["highly_educated_immigrant", "partial_work_ability"], "permit_type": "continuous",
        "work_hours_max": 25, "accommodations": "Selkävaiva: ei raskaita nostoja", "strengths": "Analyyttinen",
        "career_goals": "Laboratorioanalyytikko"}), "client")
    W["c1"] = cl["id"]
    created(c.post("/api/v1/educations", {"client_id": cl["id"], "isced_level": 7, "isced_field": "0531",
                                          "degree_title": "MSc Chemistry", "country": "SY"}), "education")
    created(c.post("/api/v1/client-languages", {"client_id": cl["id"], "language": "fi", "level": "B1"}), "language")
    created(c.post("/api/v1/work-history", {"client_id": cl["id"], "title": "Laboratory technician",
                                            "employer_name": "Damascus Pharma"}), "work")
    created(c.post("/api/v1/client-skills", {"client_id": cl["id"], "label": "HPLC", "evidence": "self_declared"}), "skill")
    created(c.post("/api/v1/service-events", {"client_id": cl["id"], "type": "meeting", "happened_on": "2026-01-05",
                                              "notes": "Muistiinpano: kertoi terveydestään"}), "event")
    cl2 = created(c.post("/api/v1/clients", {"first_name": "Bilal", "last_name": "Nasser", "birth_year": 1985,
                                             "counsellor_id": me}), "client 2")
    W["c2"] = cl2["id"]


def test_send_needs_consent_and_valid_input(s):
    setup_clients()
    c = as_("centre", "counsellor")
    good = {"partner_organisation_id": ORGS["school"], "purpose": "education", "shared": ["contact", "education"],
            "reason": "Amal hakee laboratorioalan täydennyskoulutukseen."}
    s.expect(c.post(f"/api/v1/clients/{W['c1']}/partner-referrals", good), 409, "no consent yet: refused",
             "conflict", "consent")
    consent(W["c1"], False)
    s.expect(c.post(f"/api/v1/clients/{W['c1']}/partner-referrals", good), 409, "a refused consent: refused",
             "conflict", "consent")
    consent(W["c1"], True, "2026-01-06")
    bad = [({**good, "partner_organisation_id": ORGS["centre"]}, 400, "partner_organisation_id", "own organisation"),
           ({**good, "partner_organisation_id": 999999}, 404, "partner_organisation_id", "no such organisation"),
           ({**good, "partner_organisation_id": None}, 400, "partner_organisation_id", "no partner"),
           ({**good, "purpose": "holiday"}, 400, "purpose", "unknown purpose"),
           ({**good, "shared": ["contact", "health"]}, 400, "shared", "a part that does not exist"),
           ({**good, "shared": "contact"}, 400, "shared", "shared not a list"),
           ({**good, "reason": "x" * 2001}, 400, "reason", "a reason too long"),
           ({**good, "reason": 5}, 400, "reason", "a reason that is not text"),
           ({**good, "work_hours_max": 10}, 400, "work_hours_max", "an unknown field")]
    for body, status, field, what in bad:
        r = c.post(f"/api/v1/clients/{W['c1']}/partner-referrals", body)
        s.expect(r, status, what, None)
        s.check(r.status >= 400 and r.json.get("error", {}).get("field") == field and r.json["error"].get("message"),
                f"{what}: names {field} with a message: {r.body[:200]!r}")
    r = c.post(f"/api/v1/clients/{W['c1']}/partner-referrals", raw=b"{not json", headers={"Content-Type": "application/json"})
    s.check(r.status == 400, f"a body that is not JSON: 400, got {r.status}")
    s.check(count_referrals() == 0, "nothing stored by the refused requests")
    s.expect(c.post("/api/v1/clients/999999/partner-referrals", good), 404, "an unknown client", "not_found")
    r = c.post(f"/api/v1/clients/{W['c1']}/partner-referrals", good)
    if not s.expect(r, 201, "with consent: sent"):
        return
    W["r1"] = r.json["id"]
    s.check(r.json["state"] == "sent" and r.json["shared"] == "basic,contact,education", f"stored {r.json}")
    s.check([e["state"] for e in r.json["events"]] == ["sent"], "the timeline starts with 'sent'")
    s.expect(c.post(f"/api/v1/clients/{W['c1']}/partner-referrals", good), 409, "a second open referral to the same "
             "partner", "conflict", "partner_organisation_id")
    s.check(count_referrals() == 1, "one referral stored")
    orgs = c.get("/api/v1/partner-organisations").json["items"]
    s.check({o["name"] for o in orgs} == {"Omnia", "Kolmas yhdistys"}, f"the partners offered: {orgs}")


FORBIDDEN_WORDS = ["Selkävaiva", "partial_work_ability", "work_hours_max", "accommodations", "continuous",
                   "permit_type", "Muistiinpano", "HPLC", "Damascus", "Laboratory technician", "target_groups",
                   "Analyyttinen", "Laboratorioanalyytikko"]


def test_partner_sees_only_what_is_shared(s):
    sc = as_("school", "counsellor")
    r = sc.get(f"/api/v1/partner-referrals/{W['r1']}")
    if not s.expect(r, 200, "the partner reads the referral"):
        return
    c = r.json["client"]
    s.check(c and c["first_name"] == "Amal" and c["email"] == "amal.haddad@example.org" and c["birth_year"] == 1990,
            f"name, birth year and contact details shared: {c}")
    s.check(c and [e["degree_title"] for e in c.get("education", [])] == ["MSc Chemistry"], "the education shared")
    s.check(c and set(c) == {"first_name", "last_name", "birth_year", "mother_tongue", "email", "phone",
                             "municipality", "education"}, f"nothing else: {sorted(c or {})}")
    text = body_text(r)
    for w in FORBIDDEN_WORDS:
        s.check(w not in text, f"the partner's answer does not hold {w!r}")
    s.check(r.json["reason"].startswith("Amal hakee"), "the message to the partner")
    # nothing by any other route, for the partner or a third organisation
    for who in (("school", "counsellor"), ("school", "coordinator"), ("school", "admin"), ("third", "counsellor")):
        x = as_(*who)
        for path in (f"/api/v1/clients/{W['c1']}", f"/api/v1/clients/{W['c1']}/profile",
                     f"/api/v1/educations?client_id={W['c1']}", f"/api/v1/clients/{W['c1']}/export",
                     f"/api/v1/clients/{W['c1']}/partner-referrals", f"/clients/{W['c1']}"):
            r = x.get(path)
            empty_list = r.status == 200 and "?" in path and r.json.get("items") == []
            s.check((r.status in (403, 404) or empty_list) and "Haddad" not in body_text(r) and "MSc" not in
                    body_text(r), f"{who} {path}: {r.status}")
    r = as_("third", "counsellor").get(f"/api/v1/partner-referrals/{W['r1']}")
    s.expect(r, 404, "a third organisation does not find the referral", "not_found")
    r = as_("third", "counsellor").get("/api/v1/partner-referrals")
    s.check(r.status == 200 and r.json["items"] == [], "nor in its list")
    # before: a client never referred is not reachable at all
    r = sc.get("/api/v1/partner-referrals?direction=incoming")
    s.check([x["client_id"] for x in r.json["items"]] == [W["c1"]] and "Nasser" not in body_text(r),
            "the partner's list holds the referred client only")
    s.check(r.json["items"][0]["first_name"] == "Amal", "with the name while it is open")


def test_roles(s):
    for who, path, status in [(("centre", "manager"), "/api/v1/partner-referrals", 403),
                              (("centre", "employer"), "/api/v1/partner-referrals", 403),
                              (("centre", "admin"), "/api/v1/partner-referrals", 403),
                              (("centre", "employer"), f"/api/v1/partner-referrals/{W['r1']}", 403)]:
        s.expect(as_(*who).get(path), status, f"{who} {path}")
    s.expect(as_("school", "coordinator").post(f"/api/v1/partner-referrals/{W['r1']}/state", {"state": "accepted"}),
             403, "a coordinator reads but does not act", "forbidden")
    s.expect(as_("centre", "coordinator").post(f"/api/v1/clients/{W['c1']}/partner-referrals", {
        "partner_organisation_id": ORGS["third"], "purpose": "other"}), 403, "nor refers", "forbidden")
    r = as_("school", "coordinator").get(f"/api/v1/partner-referrals/{W['r1']}")
    s.check(r.status == 200 and r.json["client"]["first_name"] == "Amal", "the partner's coordinator reads it")


def test_states_and_timeline(s):
    sc, cc = as_("school", "counsellor"), as_("centre", "counsellor")
    path = f"/api/v1/partner-referrals/{W['r1']}/state"
    s.expect(cc.post(path, {"state": "accepted"}), 403, "the referring side does not accept", "forbidden", "state")
    s.expect(sc.post(path, {"state": "cancelled"}), 403, "the partner does not cancel", "forbidden", "state")
    s.expect(sc.post(path, {"state": "started"}), 409, "not started before accepted", "conflict", "state")
    s.expect(sc.post(path, {"state": "flying"}), 400, "an unknown state", "invalid", "state")
    s.expect(sc.post(path, {"state": "accepted", "outcome": "employed"}), 400, "no outcome before the end",
             "invalid", "outcome")
    s.expect(sc.post(path, {"state": "accepted", "colour": "red"}), 400, "an unknown field", "invalid", "colour")
    r = sc.post(path, {"state": "accepted", "version": 99})
    s.check(r.status == 412, f"a stale version: 412, got {r.status}")
    s.expect(sc.post(path, {"state": "accepted"}), 200, "the partner accepts")
    s.expect(sc.post(path, {"state": "started"}), 200, "and starts")
    s.expect(sc.post(path, {"state": "ended"}), 400, "ending needs an outcome", "invalid", "outcome")
    s.expect(sc.post(path, {"state": "ended", "outcome": "graduated"}), 400, "a known outcome", "invalid", "outcome")
    r = sc.post(path, {"state": "ended", "outcome": "studying", "note": "Aloitti laboratorioalan opinnot."})
    if not s.expect(r, 200, "the partner ends it with an outcome"):
        return
    s.expect(sc.post(path, {"state": "started"}), 409, "closed: no more moves", "conflict", "state")
    s.check(r.json["client"] is None and r.json["withheld"] == "closed" and "reason" not in r.json,
            f"once closed the partner no longer sees the client: {r.json}")
    s.check("Amal" not in body_text(sc.get(f"/api/v1/partner-referrals/{W['r1']}")), "nor on reading it again")
    r = sc.get("/api/v1/partner-referrals")
    s.check("first_name" not in r.json["items"][0] and r.json["items"][0]["withheld"] == "closed",
            "nor in its list")
    r = cc.get(f"/api/v1/clients/{W['c1']}/partner-referrals")
    item = r.json["items"][0]
    s.check(item["state"] == "ended" and item["outcome"] == "studying" and item["outcome_note"].startswith("Aloitti"),
            f"the referring side sees the outcome: {item}")
    r = cc.get(f"/api/v1/partner-referrals/{W['r1']}")
    ev = r.json["events"]
    s.check([e["state"] for e in ev] == ["sent", "accepted", "started", "ended"], f"the timeline: {ev}")
    s.check([e["organisation_name"] for e in ev] == ["Espoon osaamiskeskus", "Omnia", "Omnia", "Omnia"],
            "each step names who made it")
    s.check(ev[-1]["outcome"] == "studying", "the end names the outcome")
    s.check(sc.get(f"/api/v1/partner-referrals/{W['r1']}").json["events"] == ev, "both sides read the same timeline")


def test_consent_withdrawal_ends_access(s):
    cc, sc = as_("centre", "counsellor"), as_("school", "counsellor")
    r = cc.post(f"/api/v1/clients/{W['c1']}/partner-referrals", {
        "partner_organisation_id": ORGS["school"], "purpose": "language_training", "shared": ["languages"]})
    if not s.expect(r, 201, "a new referral after the first ended"):
        return
    W["r2"] = r.json["id"]
    r = sc.get(f"/api/v1/partner-referrals/{W['r2']}")
    s.check(r.json["client"]["languages"] == [{"language": "fi", "level": "B1", "assessed_on": None}],
            f"the languages shared: {r.json['client']}")
    s.check("email" not in r.json["client"], "contact details not shared this time")
    s.expect(cc.post(f"/api/v1/clients/{W['c1']}/consents/share_partner/withdraw"), 200, "the client withdraws")
    r = sc.get(f"/api/v1/partner-referrals/{W['r2']}")
    s.check(r.status == 200 and r.json["client"] is None and r.json["withheld"] == "consent",
            f"at once the partner sees nothing of the client: {r.json.get('client')}")
    s.check("Amal" not in body_text(r) and "Amal" not in body_text(sc.get("/api/v1/partner-referrals")),
            "not in the referral, not in the list")
    s.check("Amal" not in body_text(sc.get(f"/partner-referrals/{W['r2']}")), "nor on the page")
    # both sides read why: the withdrawal is the newest row of the referral's timeline (once, by the centre)
    for side in (cc, sc):
        ev = side.get(f"/api/v1/partner-referrals/{W['r2']}").json["events"]
        s.check(ev[-1]["state"] == "consent_withdrawn" and ev[-1]["organisation_id"] == ORGS["centre"],
                f"the timeline says the consent was withdrawn: {ev[-1]}")
    page = re.sub(r"<[^>]+>", " ", body_text(sc.get(f"/partner-referrals/{W['r2']}")))
    s.check("consent_withdrawn" not in page and "suostumus peruttu" in page.lower(),
            f"the page says it in words: {page[page.find('Tapahtumat'):][:600]}")
    # a refusal written as a consent row (the entity pipeline) adds no second row while it still does not hold
    consent(W["c1"], False, "2026-01-20")
    ev = sc.get(f"/api/v1/partner-referrals/{W['r2']}").json["events"]
    s.check(sum(1 for x in ev if x["state"] == "consent_withdrawn") == 1, f"told once: {[x['state'] for x in ev]}")
    s.expect(cc.post(f"/api/v1/clients/{W['c1']}/partner-referrals", {
        "partner_organisation_id": ORGS["third"], "purpose": "peer_support"}), 409,
        "no new referral without the consent", "conflict", "consent")
    consent(W["c1"], True, "2026-02-01")
    r = sc.get(f"/api/v1/partner-referrals/{W['r2']}")
    s.check(r.json["client"] and r.json["client"]["first_name"] == "Amal", "a new consent row: visible again")


def test_audited_on_both_sides(s):
    rows = db_sql(DB, f"SELECT organisation_id, action, user_id FROM audit_log WHERE entity = 'partner-referrals' "
                      f"AND entity_id = {W['r1']} ORDER BY id")
    orgs_of = {}
    for org, action, _ in rows:
        orgs_of.setdefault(action, set()).add(int(org))
    both = {ORGS["centre"], ORGS["school"]}
    for action in ("create", "read", "accepted", "started", "ended"):
        s.check(orgs_of.get(action) == both, f"{action} audited in both organisations' logs: {orgs_of.get(action)}")
    s.check(not any(int(o) == ORGS["third"] for o, _, _ in rows), "nothing in the third organisation's log")
    sc_user = as_("school", "counsellor").user["id"]
    r = as_("centre", "admin").get(f"/api/v1/audit?client_id={W['c1']}")
    s.check(r.status == 200 and any(e.get("user_id") == sc_user and e.get("action") == "read"
                                    for e in r.json.get("items", [])),
            f"the client's audit trail in the centre names the partner's reader: {r.status}")


def test_pages(s):
    cc, sc = as_("centre", "counsellor"), as_("school", "counsellor")
    page = body_text(cc.get(f"/clients/{W['c1']}"))
    s.check('id="partners"' in page and "Omnia" in page, "the client page lists the referrals")
    s.check('action="/clients/%d/partner-referrals"' % W["c1"] in page, "and offers the form (consent given)")
    page = body_text(cc.get(f"/clients/{W['c2']}"))
    s.check('id="pr-no-consent"' in page and "partner-referrals\"" not in page.split('id="partners"')[1][:2000]
            .replace('/partner-referrals"', ''), "without consent it says why and offers no form")
    page = body_text(sc.get("/partner-referrals"))
    s.check("Amal" in page and "Espoon osaamiskeskus" in page, "the partner's list page")
    page = body_text(sc.get(f"/partner-referrals/{W['r2']}"))
    s.check("Amal" in page and 'id="pr-shared"' in page, "the partner's referral page shows what is shared")
    for w in FORBIDDEN_WORDS:
        s.check(w not in page, f"the partner's page does not hold {w!r}")
    s.check(as_("third", "counsellor").get(f"/partner-referrals/{W['r2']}").status == 404, "a third org: 404 page")


def test_erasure_reaches_the_referral(s):
    cc, sc = as_("centre", "counsellor"), as_("school", "counsellor")
    r = cc.get(f"/api/v1/clients/{W['c1']}/export")
    refs = r.json.get("partner-referrals", [])
    s.check(len(refs) == 2 and refs[0]["partner_name"] == "Omnia", f"the export lists the referrals: {refs}")
    s.expect(cc.post(f"/api/v1/clients/{W['c1']}/erase", {"reason": "client_request"}), 200, "erase the client")
    r = sc.get(f"/api/v1/partner-referrals/{W['r2']}")
    s.check(r.json["state"] == "cancelled" and r.json["client"] is None, f"the open referral closes: {r.json}")
    left = db_sql(DB, f"SELECT COUNT(*) FROM partner_referrals WHERE client_id = {W['c1']} AND "
                      f"(reason IS NOT NULL OR outcome_note IS NOT NULL)")[0][0]
    s.check(left == "0", "no words about the person stay in the referrals")
    s.check("Amal" not in body_text(sc.get("/api/v1/partner-referrals")), "the partner's list holds no name")


try:
    ok = S.run([test_send_needs_consent_and_valid_input, test_partner_sees_only_what_is_shared, test_roles,
                test_states_and_timeline, test_consent_withdrawal_ends_access, test_audited_on_both_sides, test_pages,
                test_erasure_reaches_the_referral])
finally:
    srv.stop()
sys.exit(0 if ok else 1)
