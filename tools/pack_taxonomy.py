#!/usr/bin/env python3
"""Builds data/taxonomy/ (the shipped reference data) from the reference folder shared/data.

Usage: tools/pack_taxonomy.py [SRC] [DEST]   (defaults: ../shared/data and data/taxonomy)

Keeps only the columns osaaja imports, writes UTF-8 CSV (LF records, RFC 4180 quoting) compressed with gzip at a fixed
mtime so that repacking the same input gives the same bytes. The occupation-skill relations, by far the biggest ESCO
file, refer to occupations and skills by their 0-based data-row number in occupations_en / skills_en instead of by URI
(7x smaller). data/taxonomy/fi/ is written by hand elsewhere and is never touched here. Standard library only.
"""
import csv
import gzip
import io
import os
import sys

ESCO_VERSION = "v1.1.1"


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(dest, name, header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    path = os.path.join(dest, name + ".gz")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as raw:
        # mtime=0 and no file name: reproducible bytes.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(out.getvalue().encode("utf-8"))
    print(f"{path}: {len(rows)} rows, {os.path.getsize(path)} bytes")


def missing_occupations(src, esco, occ, relations):
    """Occupations that ESCO v1.1.1's relations name but its occupations_en.csv lacks (one: "therapeutic radiographer",
    a9e54177..., with 67 relations, 55 essential). Each is added after the official rows (so their row numbers stay)
    with the unit group of its nearest broader occupation or ISCO group (broaderRelationsOccPillar.csv) and the ESCO
    English labels that MELO collected for its usa_q_en_c_en corpus (element _000 is the preferredLabel, the others
    altLabels; shared/data/SOURCES.md). Without a label there the URI is left out, as before."""
    known = {r["conceptUri"]: r for r in occ}
    wanted = sorted({r["occupationUri"] for r in relations} - set(known))
    if not wanted:
        return []
    broader = {}
    for r in read(os.path.join(esco, "broaderRelationsOccPillar.csv")):
        broader.setdefault(r["conceptUri"], r["broaderUri"])
    melo = os.path.join(src, "eval", "melo", "usa_q_en_c_en")
    labels = {}
    try:
        with open(os.path.join(melo, "corpus_elements.tsv"), encoding="utf-8") as f:
            text = dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)
        with open(os.path.join(melo, "concept_mapping.tsv"), encoding="utf-8") as f:
            for line in f:
                el, _, uri = line.rstrip("\n").partition("\t")
                if uri in wanted and el in text:
                    labels.setdefault(uri, []).append((el, text[el]))
    except FileNotFoundError:
        pass
    out = []
    for uri in wanted:
        isco, b = "", broader.get(uri)
        while b and not isco:
            if b in known:
                isco = known[b]["iscoGroup"]
            elif "/isco/C" in b and len(b.rsplit("/C", 1)[1]) == 4:
                isco = b.rsplit("/C", 1)[1]
            b = broader.get(b)
        names = [t for _, t in sorted(labels.get(uri, []))]
        if not isco or not names:
            continue
        out.append({"conceptUri": uri, "iscoGroup": isco, "code": isco, "preferredLabel": names[0],
                    "altLabels": "\n".join(names[1:]), "hiddenLabels": "", "status": "released"})
        print(f"  added {uri} ({names[0]}, {isco}): named by the relations, absent from occupations_en.csv")
    return out


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    dest = sys.argv[2] if len(sys.argv) > 2 else os.path.join("data", "taxonomy")
    esco = os.path.join(src, "esco", ESCO_VERSION)

    occ = read(os.path.join(esco, "occupations_en.csv"))
    relations = read(os.path.join(esco, "occupationSkillRelations.csv"))
    occ += missing_occupations(src, esco, occ, relations)
    cols = ["conceptUri", "iscoGroup", "code", "preferredLabel", "altLabels", "hiddenLabels", "status"]
    write(dest, "esco/occupations_en.csv", cols, [[r[c] for c in cols] for r in occ])

    skills = read(os.path.join(esco, "skills_en.csv"))
    cols = ["conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels", "status"]
    write(dest, "esco/skills_en.csv", cols, [[r[c] for c in cols] for r in skills])

    groups = read(os.path.join(esco, "skillGroups_en.csv"))
    cols = ["conceptUri", "code", "preferredLabel", "altLabels", "hiddenLabels", "status"]
    write(dest, "esco/skillGroups_en.csv", cols, [[r[c] for c in cols] for r in groups])

    isco = read(os.path.join(esco, "ISCOGroups_en.csv"))
    cols = ["conceptUri", "code", "preferredLabel", "altLabels", "status"]
    write(dest, "esco/ISCOGroups_en.csv", cols, [[r[c] for c in cols] for r in isco])

    occ_row = {r["conceptUri"]: i for i, r in enumerate(occ)}
    skill_row = {r["conceptUri"]: i for i, r in enumerate(skills)}
    rel, dropped = [], 0
    for r in relations:
        o, s = occ_row.get(r["occupationUri"]), skill_row.get(r["skillUri"])
        if o is None or s is None:
            dropped += 1  # a URI the v1.1.1 concept files lack: the importer could not attach it either
            continue
        rel.append((o, s, r["relationType"]))
    rel.sort()
    write(dest, "esco/occupationSkillRelations_rows.csv", ["occupationRow", "relationType", "skillRow"],
          [[o, t, s] for o, s, t in rel])
    print(f"  ({dropped} relation rows name an occupation or skill missing from the concept files; left out)")

    for name in ["broaderRelationsOccPillar.csv", "broaderRelationsSkillPillar.csv"]:
        rows = read(os.path.join(esco, name))
        write(dest, "esco/" + name, ["conceptUri", "broaderUri"], [[r["conceptUri"], r["broaderUri"]] for r in rows])

    sv = read(os.path.join(src, "esco", "derived", "esco_v1.1.1_occupation_labels_sv.csv"))
    write(dest, "esco/occupation_labels_sv.csv", ["conceptUri", "labelType", "label_sv"],
          [[r["conceptUri"], r["labelType"], r["label_sv"]] for r in sv])

    st = read(os.path.join(src, "isco", "isco08_structure_esco_v1.1.1.csv"))
    cols = ["code", "level", "parent_code", "conceptUri", "title_en", "title_sv"]
    write(dest, "isco/isco08_structure.csv", cols, [[r[c] for c in cols] for r in st])

    ic = read(os.path.join(src, "isced", "iscedf2013_fields.csv"))
    cols = ["code", "level", "label_en", "label_fi", "label_sv", "label_uk"]
    write(dest, "isced/iscedf2013_fields.csv", cols, [[r[c] for c in cols] for r in ic])

    with open(os.path.join(dest, "MANIFEST"), "w", encoding="utf-8") as f:
        # the source's relation counts, which the import must keep (tests/unit/taxonomy/test_import.c counts them)
        ess = sum(1 for r in relations if r["relationType"] == "essential")
        f.write("osaaja-taxonomy 1\nesco " + ESCO_VERSION + "\n")
        f.write(f"relations {len(relations)} essential {ess}\n")


if __name__ == "__main__":
    main()
