#!/usr/bin/python3
"""The staff pages' message catalogues (i18n/fi.json, sv.json, en.json), checked as a translator's reviewer would:
- the three have the same keys, and no value is empty;
- a value's placeholders ({n}, {name}, ...) are the same in every language, so no page shows a raw "{n}";
- every key a page names literally (T(pg, "key") in src/web) is in the catalogues, so no page shows a key;
- the service's words: Swedish says "klient", never "kund" (one word for one thing on every page), and the product's
  name never stands lower-case inside a sentence ("in osaaja", "osaajassa": a reader takes it for the common noun).
Prints each failure and ends with "N passed, N failed"; non-zero on any failure."""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LANGS = ("fi", "sv", "en")
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"  FAIL: {what}")


cat = {}
for lang in LANGS:
    with open(os.path.join(ROOT, "i18n", f"{lang}.json"), encoding="utf-8") as f:
        cat[lang] = json.load(f)

keys = {lang: set(c) for lang, c in cat.items()}
for lang in LANGS:
    for other in LANGS:
        if lang != other:
            missing = sorted(keys[other] - keys[lang])
            check(not missing, f"{lang}.json lacks {len(missing)} keys of {other}.json: {missing[:8]}")
for lang in LANGS:
    empty = sorted(k for k, v in cat[lang].items() if not isinstance(v, str) or not v.strip())
    check(not empty, f"{lang}.json: empty values: {empty[:8]}")

PH = re.compile(r"\{[a-z_]+\}")
bad = []
for k in keys["en"] & keys["fi"] & keys["sv"]:
    want = sorted(set(PH.findall(cat["en"][k])))
    for lang in ("fi", "sv"):
        if sorted(set(PH.findall(cat[lang][k]))) != want:
            bad.append(f"{lang}:{k}")
check(not bad, f"placeholders differ from English: {sorted(bad)[:8]}")

used = set()
for dirpath, _, files in os.walk(os.path.join(ROOT, "src", "web")):
    for name in files:
        if name.endswith(".c"):
            with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                used.update(re.findall(r'\bT\(pg, "([^"]+)"\)', f.read()))
check(len(used) > 300, f"the pages' literal keys were found ({len(used)})")
for lang in LANGS:
    missing = sorted(used - keys[lang])
    check(not missing, f"keys the pages use that {lang}.json lacks: {missing[:8]}")

kund = sorted(k for k, v in cat["sv"].items() if re.search(r"\b[Kk]und(en|ens|er|erna|ernas|respons)?\b", v))
check(not kund, f"Swedish says klient, not kund: {kund[:8]}")
name = sorted(f"{lang}:{k}" for lang in LANGS for k, v in cat[lang].items()
              if re.search(r"\b(in|i) osaaja\b|\bosaaja(ssa|an|sta|lla|lle)\b", v))
check(not name, f"the product's name lower-case inside a sentence: {name[:8]}")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
