#!/usr/bin/python3
"""The public survey form /s/{token} as a phone sees it: the language comes from Accept-Language with its q-values
(a Thai phone gets a Thai page, and the form carries "th" on), and the attributes written after a validation error are
real attributes, not escaped text inside the tag (issues 13.2, 20.5).
Usage: test_survey_form.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import html
import json
import re
import sys
import urllib.parse

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Lomake-testi-2026"
THAI_PHONE = "th-TH,th;q=0.9,en;q=0.8"

osaaja(BIN, "init", "--db", DB)
org = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Suonenjoki", "--kind", "municipality").stdout.strip()
osaaja(BIN, "user", "add", "--db", DB, "--email", "c@form.fi", "--name", "C", "--role", "counsellor", "--org", org,
       "--password", PW)
osaaja(BIN, "user", "add", "--db", DB, "--email", "a@form.fi", "--name", "A", "--role", "admin", "--org", org,
       "--password", PW)
srv = Server(BIN, DB)
S = Suite("survey form" + (" (postgres)" if IS_PG else " (sqlite)"))
C = Client(srv)
C.login("c@form.fi", PW)
SID = next(s["id"] for s in C.get("/api/v1/surveys").json["items"] if s["slug"] == "seasonal-worker")
FORM_HDR = {"Content-Type": "application/x-www-form-urlencoded"}


def token():
    r = C.post("/api/v1/survey-invitations", {"survey_id": SID})
    assert r.status == 201, r.body
    return r.json["items"][0]["token"]


def hidden(page, name):
    return re.findall(rf'name="{name}" value="([^"]*)"', page)


def visible_text(page):
    """The text a reader sees, without the parts marked as another language on purpose: the Finnish text beside
    each question (lang="fi") and the language list (each name in its own language)."""
    t = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    t = re.sub(r'<nav class="langs-start".*?</nav>', "", t, flags=re.S)
    t = re.sub(r'<details class="langs">.*?</details>', "", t, flags=re.S)
    t = re.sub(r'<span class="beside" lang="[a-z]+"[^>]*>.*?</span>', "", t, flags=re.S)
    t = re.sub(r"<[^>]+>", " ", t)
    # a name the link fills in (the organisation, the region) is shown as written, set apart by U+2068 ... U+2069
    return re.sub("\u2068[^\u2069]*\u2069", " ", html.unescape(t))


def tags_are_clean(s, page, what):
    """No attribute written as escaped text inside a tag (aria-invalid=&quot;true&quot;, aria-current&#61;...)."""
    bad = [m for m in re.findall(r"<[a-z][^>]*>", page) if "&quot;" in m or "&#61;" in m]
    s.check(not bad, f"{what}: no escaped attribute inside a tag: {bad[:3]}")
    s.check("aria-invalid=&" not in page and "aria-invalid&#61;" not in page, f"{what}: no aria-invalid as text")


def test_thai_phone_gets_thai(s):
    tok = token()
    c = Client(srv)
    r = c.get(f"/s/{tok}", headers={"Accept-Language": THAI_PHONE})
    page = r.body.decode("utf-8", "replace")
    s.check(r.status == 200, f"the form opens ({r.status})")
    s.check('<html lang="th"' in page, f"the page is in Thai: {re.findall(r'<html[^>]*>', page)}")
    s.check(hidden(page, "lang") and all(v == "th" for v in hidden(page, "lang")),
            f"the form carries lang=th on (not stack garbage): {hidden(page, 'lang')!r}")
    text = visible_text(page)
    s.check("ความยินยอม" in text and "เริ่ม" in text, "Thai UI strings (consent title, start button)")
    latin = re.findall(r"[A-Za-zÀ-ÿ]{4,}", text)
    s.check(not latin, f"no Finnish or English text outside the marked Finnish helper texts: {latin[:8]}")
    tags_are_clean(s, page, "start page")
    # the next step keeps the language without any ?lang=
    csrf = hidden(page, "csrf")[0]
    r = c.request("POST", f"/s/{tok}", headers={**FORM_HDR, "Accept-Language": THAI_PHONE},
                  raw=urllib.parse.urlencode({"csrf": csrf, "lang": "th", "action": "start", "consent": "yes"}).encode())
    page = r.body.decode("utf-8", "replace")
    s.check(r.status == 200 and '<html lang="th"' in page, f"the first step is in Thai too ({r.status})")
    latin = re.findall(r"[A-Za-zÀ-ÿ]{4,}", visible_text(page))
    s.check(not latin, f"first step: no Finnish or English outside the helper texts: {latin[:8]}")
    tags_are_clean(s, page, "first step")


def test_accept_language_q_values(s):
    tok = token()
    for header, want in [("en;q=0.5, th", "th"), ("fr, th;q=0.1, en;q=0.9", "en"), ("th;q=0, en", "en"),
                         ("TH-th", "th"), ("de-DE,de;q=0.9", "fi"), ("*", "fi"), ("sv;q=0.7,ru;q=0.7", "sv"),
                         ("uk;q=1.0, ar;q=0.999", "uk"), ("x" * 300 + ",so", "so"), (",,;q=,th;q=0.3", "th")]:
        page = Client(srv).get(f"/s/{tok}", headers={"Accept-Language": header}).body.decode("utf-8", "replace")
        s.check(f'<html lang="{want}"' in page and hidden(page, "lang") and hidden(page, "lang")[0] == want,
                f"Accept-Language {header[:40]!r} -> {want}: {re.findall(r'<html[^>]*>', page)} {hidden(page, 'lang')}")
    page = Client(srv).get(f"/s/{tok}?lang=ru", headers={"Accept-Language": THAI_PHONE}).body.decode()
    s.check('<html lang="ru"' in page, "a language chosen on the page wins over the phone's")
    # the staff pages (fi, sv, en) follow the same rule
    for header, want in [("en;q=0.5, sv", "sv"), ("th-TH,th;q=0.9,en;q=0.8", "en"), ("sv;q=0, en;q=0.1", "en")]:
        page = Client(srv).get("/login", headers={"Accept-Language": header}).body.decode()
        s.check(f'<html lang="{want}"' in page, f"login page, Accept-Language {header!r} -> {want}")


def test_error_attributes_are_markup(s):
    tok = token()
    c = Client(srv)
    page = c.get(f"/s/{tok}?lang=en").body.decode()
    form = lambda d: urllib.parse.urlencode(d).encode()
    r = c.request("POST", f"/s/{tok}", raw=form({"csrf": hidden(page, "csrf")[0], "lang": "en", "action": "start",
                                                  "consent": "yes"}), headers=FORM_HDR)
    steps = [{"q.first_name": "Somchai", "q.last_name": "Wongsakul", "q.mother_tongue": "th"},
             {"q.sector": "agriculture", "q.current_job": "Picker", "q.employment_type": "agency"}]
    for answers in steps:
        page = r.body.decode()
        base = {k: hidden(page, k)[0] for k in ("csrf", "resume", "lang", "step")}
        r = c.request("POST", f"/s/{tok}", raw=form({**base, "action": "next", **answers}), headers=FORM_HDR)
        s.check(r.status == 200, f"step {base['step']} accepted ({r.status})")
    page = r.body.decode()
    s.check('name="q.work_history.0.job_occupation.t"' in page, "the work history step has an ESCO search field")
    base = {k: hidden(page, k)[0] for k in ("csrf", "resume", "lang", "step")}
    r = c.request("POST", f"/s/{tok}", raw=form({**base, "action": "next", "work_history.n": "1", "q.work_history.0.job_title": "",
                                                  "q.work_history.0.job_country": "TH",
                                                  "q.work_history.0.job_occupation.t": "poimija"}), headers=FORM_HDR)
    page = r.body.decode()
    s.check(r.status == 400, f"a missing required answer is a 400 page ({r.status})")
    title = re.search(r'<input[^>]*id="q-work_history-0-job_title"[^>]*>', page)
    s.check(title and 'aria-invalid="true"' in title.group(0)
            and 'aria-describedby="q-work_history-0-job_title-help q-work_history-0-job_title-err"' in title.group(0),
            f"the field with the error has real aria-invalid and aria-describedby: {title and title.group(0)}")
    esco = re.search(r'<input[^>]*name="q.work_history.0.job_occupation.t"[^>]*>', page)
    s.check(esco and 'aria-describedby="q-work_history-0-job_occupation-help"' in esco.group(0),
            f"the ESCO search field's aria-describedby is an attribute: {esco and esco.group(0)}")
    s.check(re.search(r'<button[^>]*value="lang:en"[^>]* aria-current="true"', page) is not None,
            "the current language button is marked with a real aria-current")
    s.check("&quot;" not in page.split("<main", 1)[1], "no &quot; anywhere in the form")
    tags_are_clean(s, page, "step with an error")


def test_staff_error_attributes_are_markup(s):
    a = Client(srv)
    a.login("a@form.fi", PW)
    page = a.get("/admin/audit?client_id=abc").body.decode()
    field = re.search(r'<input id="audit-client"[^>]*>', page)
    s.check(field and 'aria-invalid="true"' in field.group(0) and 'aria-describedby="audit-client-err"' in field.group(0),
            f"audit page: the client id field's error attributes are markup: {field and field.group(0)}")
    tags_are_clean(s, page, "audit page with an error")
    page = a.get("/admin/surveys").body.decode()
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    r = a.request("POST", "/admin/surveys", headers=FORM_HDR,
                  raw=urllib.parse.urlencode({"csrf": csrf, "definition": "{not json"}).encode())
    page = r.body.decode()
    area = re.search(r'<textarea id="survey-def"[^>]*>', page)
    s.check(area and 'aria-invalid="true"' in area.group(0),
            f"survey upload: the definition's error attributes are markup ({r.status}): {area and area.group(0)}")
    tags_are_clean(s, page, "survey upload with an error")


CHAIN = {
    "slug": "chain-visibility", "version": 1, "languages": ["en"], "title": {"en": "Chain"},
    "intro": {"en": "Intro"}, "consent": {"en": "I agree"},
    "groups": [{"id": "g1", "title": {"en": "Questions"}, "questions": [
        {"id": "q1", "type": "yesno", "text": {"en": "First question"}},
        {"id": "q2", "type": "yesno", "text": {"en": "Second question"}, "when": {"question": "q1", "equals": "yes"}},
        {"id": "q3", "type": "text", "text": {"en": "Third question"}, "when": {"question": "q2", "equals": "yes"}}]}],
}


def test_chained_condition_hides_the_whole_chain(s):
    """q3 is shown when q2 is "yes"; q2 is shown when q1 is "yes". With q1 "no", q2 is hidden and so is q3, even when
    the draft still holds q2 = "yes": the form must not ask (or list on the check page) what pruning then drops
    (issue 12.1: one visibility rule for the form, validation and pruning)."""
    a = Client(srv)
    a.login("a@form.fi", PW)
    r = a.post("/api/v1/surveys", raw=json.dumps(CHAIN).encode())
    s.expect(r, 201, "a survey with a chained condition")
    r = C.post("/api/v1/survey-invitations", {"survey_id": r.json["id"]})
    tok = r.json["items"][0]["token"]
    c = Client(srv)
    page = c.get(f"/s/{tok}?lang=en").body.decode()
    form = lambda d: urllib.parse.urlencode(d).encode()
    r = c.request("POST", f"/s/{tok}", raw=form({"csrf": hidden(page, "csrf")[0], "lang": "en", "action": "start",
                                                  "consent": "yes"}), headers=FORM_HDR)
    page = r.body.decode()
    base = {k: hidden(page, k)[0] for k in ("csrf", "resume", "lang", "step")}
    r = c.request("POST", f"/s/{tok}", raw=form({**base, "action": "next", "q.q1": "no", "q.q2": "yes",
                                                  "q.q3": "Kolmas vastaus"}), headers=FORM_HDR)
    page = r.body.decode()
    s.check(r.status == 200 and 'value="submit"' in page, f"the check page ({r.status})")
    s.check("Third question" not in page and "Kolmas vastaus" not in page,
            "the check page does not show q3, hidden through q2 hidden by q1")
    base = {k: hidden(page, k)[0] for k in ("csrf", "resume", "lang", "step")}
    r = c.request("POST", f"/s/{tok}", raw=form({**base, "action": "goto:1"}), headers=FORM_HDR)
    page = r.body.decode()
    box = re.search(r'<div class="q[^"]*" id="q-q3-box"[^>]*>', page)
    s.check(box and "data-hidden" in box.group(0), f"the step marks q3 hidden: {box and box.group(0)}")


def test_native_digits_are_numbers(s):
    """Issue 13.9: a number typed in Arabic-Indic, Extended Arabic-Indic or Thai digits is the number (the form and
    its validation read it through one helper): the step is taken."""
    for digits in ["\u0666", "\u06f1\u06f2", "\u0e52\u0e55", "\u0661\u066b\u0665"]:
        tok = token()
        c = Client(srv)
        page = c.get(f"/s/{tok}?lang=ar").body.decode()
        form = lambda d: urllib.parse.urlencode(d).encode()
        r = c.request("POST", f"/s/{tok}", raw=form({"csrf": hidden(page, "csrf")[0], "lang": "ar", "action": "start",
                                                      "consent": "yes"}), headers=FORM_HDR)
        steps = [{"q.first_name": "Layla", "q.last_name": "Haddad", "q.mother_tongue": "ar"},
                 {"q.sector": "agriculture", "q.current_job": "Picker", "q.employment_type": "agency"},
                 {"work_history.n": "1", "q.work_history.0.job_title": "Farmer", "q.work_history.0.job_years": digits}]
        for answers in steps:
            page = r.body.decode()
            base = {k: hidden(page, k)[0] for k in ("csrf", "resume", "lang", "step")}
            r = c.request("POST", f"/s/{tok}", raw=form({**base, "action": "next", **answers}), headers=FORM_HDR)
        page = r.body.decode()
        s.check(r.status == 200 and "q.work_history.0.job_years" not in page,
                f"years {digits!r} taken as a number, the form moves on ({r.status})")


# The required answers of the seasonal survey's later steps; a step reads its own fields only.
ANYSTEP = {"q.sector": "agriculture", "q.current_job": "Picker", "q.employment_type": "agency", "q.isced_level": "3",
           "q.long_term_interest": "yes", "q.has_spouse": "no"}


def test_vietnamese_phone_region_and_controller(s):
    """Issue 14 items 4, 7, 8: a Vietnamese phone gets the form in Vietnamese (UI strings, consent, the language list
    with Tiếng Việt and Tagalog); the consent names the data controller, the organisation that made the link; someone
    still abroad skips the current work in Finland; the region of the link's programme fills the question about
    staying in the region (and a link without a programme says "this region")."""
    a = Client(srv)
    a.login("a@form.fi", PW)
    r = a.post("/api/v1/programmes", {"name": "Kausityöstä kotiin", "region": "Kainuu"})
    s.expect(r, 201, "a programme in Kainuu")
    r = C.post("/api/v1/survey-invitations", {"survey_id": SID, "programme_id": r.json["id"]})
    s.expect(r, 201, "a link for the programme")
    tok = r.json["items"][0]["token"]
    c = Client(srv)
    vi_phone = {"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.8"}
    r = c.get(f"/s/{tok}", headers=vi_phone)
    page = r.body.decode("utf-8", "replace")
    s.check(r.status == 200 and '<html lang="vi"' in page, f"the page is in Vietnamese: {re.findall(r'<html[^>]*>', page)}")
    text = visible_text(page)
    s.check("Sự đồng ý của bạn" in text and "Bắt đầu" in text, "Vietnamese UI strings (consent title, start button)")
    s.check("Your consent" not in text and "Start" not in text and "Aloita" not in text, "no English or Finnish UI")
    s.check("Bên kiểm soát dữ liệu cá nhân của bạn là \u2068Suonenjoki\u2069" in page,
            "the consent names the data controller: the organisation that made the link")
    s.check("{organisation}" not in page and "{region}" not in page, "no placeholder reaches the respondent")
    s.check("Tiếng Việt" in page and "Tagalog" in page, "the language list offers Tiếng Việt and Tagalog")
    tl = c.get(f"/s/{tok}?lang=tl").body.decode()
    s.check('<html lang="tl"' in tl and "Magsimula" in tl and "Ang iyong pahintulot" in tl, "the form in Tagalog")
    tags_are_clean(s, page, "Vietnamese start page")
    form = lambda d: urllib.parse.urlencode(d).encode()
    r = c.request("POST", f"/s/{tok}", raw=form({"csrf": hidden(page, "csrf")[0], "lang": "vi", "action": "start",
                                                  "consent": "yes"}), headers={**FORM_HDR, **vi_phone})
    page = r.body.decode()
    s.check('id="q-in_finland-box"' in page and "Hiện bạn có đang ở Phần Lan không?" in page,
            "the first step asks whether the respondent is in Finland now")
    base = {k: hidden(page, k)[0] for k in ("csrf", "resume", "lang", "step")}
    r = c.request("POST", f"/s/{tok}", raw=form({**base, "action": "next", "q.first_name": "Lan", "q.last_name": "Nguyễn",
                                                  "q.mother_tongue": "vi", "q.in_finland": "no"}), headers=FORM_HDR)
    page = r.body.decode()
    s.check(r.status == 200 and "Công việc hiện tại của bạn ở Phần Lan" not in page and
            "Kinh nghiệm làm việc trước đây" in page,
            f"abroad: the current work in Finland is skipped, earlier work comes next ({r.status})")
    for _ in range(8):
        if 'id="q-long_term_region-box"' in page or 'value="submit"' in page:
            break
        base = {k: hidden(page, k)[0] for k in ("csrf", "resume", "lang", "step")}
        page = c.request("POST", f"/s/{tok}", raw=form({**base, "action": "next", **ANYSTEP}),
                         headers=FORM_HDR).body.decode()
    s.check("Bạn có muốn sống và làm việc lâu dài tại \u2068Kainuu\u2069 không?" in page,
            "the programme's region fills the question about staying in the region")
    # a link without a programme: the neutral wording
    tok2 = token()
    c2 = Client(srv)
    page = c2.get(f"/s/{tok2}?lang=en").body.decode()
    r = c2.request("POST", f"/s/{tok2}", raw=form({"csrf": hidden(page, "csrf")[0], "lang": "en", "action": "start",
                                                    "consent": "yes"}), headers=FORM_HDR)
    page = r.body.decode()
    for answers in [{"q.first_name": "Ana", "q.last_name": "Reyes", "q.mother_tongue": "tl", "q.in_finland": "yes"}]:
        base = {k: hidden(page, k)[0] for k in ("csrf", "resume", "lang", "step")}
        page = c2.request("POST", f"/s/{tok2}", raw=form({**base, "action": "next", **answers}),
                          headers=FORM_HDR).body.decode()
    s.check("Your current work in Finland" in page, "in Finland: the current work in Finland is asked")
    for _ in range(8):
        if 'id="q-long_term_region-box"' in page or 'value="submit"' in page:
            break
        base = {k: hidden(page, k)[0] for k in ("csrf", "resume", "lang", "step")}
        page = c2.request("POST", f"/s/{tok2}", raw=form({**base, "action": "next", **ANYSTEP}),
                          headers=FORM_HDR).body.decode()
    s.check("Would you like to live and work in this region in the longer term?" in page,
            "a link without a programme: the neutral wording")


ok = S.run([test_thai_phone_gets_thai, test_accept_language_q_values, test_error_attributes_are_markup,
            test_staff_error_attributes_are_markup, test_chained_condition_hides_the_whole_chain,
            test_native_digits_are_numbers, test_vietnamese_phone_region_and_controller])
if not ok:
    print(srv.log_text()[-3000:])
srv.stop()
sys.exit(0 if ok else 1)
