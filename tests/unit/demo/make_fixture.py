#!/usr/bin/env python3
"""Development tool (not run by the build): writes the ESCO subset the demo test loads (esco_fixture.tsv) and prints
the C occupation table for src/demo/tables.c. Reads ESCO v1.1.1 English CSVs (shared/data/esco/v1.1.1) and the
project's Finnish labels (data/taxonomy/fi). Usage: make_fixture.py ESCO_DIR FI_OCC_CSV OUT_TSV > table.inc"""
import csv, sys

# label, sectors, ISCED-F field, typical ISCED level, flags (r = regulated profession, e = entry level)
OCCS = [
    ("software developer", "ict", "0613", 6, ""), ("ICT system analyst", "ict", "0613", 6, ""),
    ("web developer", "ict", "0613", 6, ""), ("data analyst", "ict", "0613", 6, ""),
    ("ICT test analyst", "ict", "0613", 6, ""), ("database administrator", "ict", "0612", 6, ""),
    ("ICT network engineer", "ict", "0612", 6, ""), ("ICT help desk agent", "ict", "0611", 4, "e"),
    ("embedded systems software developer", "ict", "0714", 6, ""), ("mobile application developer", "ict", "0613", 6, ""),
    ("mechanical engineer", "eng", "0715", 6, ""), ("civil engineer", "eng", "0732", 6, ""),
    ("electrical engineer", "eng", "0713", 6, ""), ("chemical engineer", "eng", "0711", 6, ""),
    ("welding engineer", "eng", "0715", 6, ""), ("mechanical engineering technician", "eng", "0715", 5, ""),
    ("civil engineering technician", "eng", "0732", 5, ""), ("electrical engineering technician", "eng", "0713", 5, ""),
    ("nurse responsible for general care", "health", "0913", 6, "r"), ("general practitioner", "health", "0912", 7, "r"),
    ("pharmacist", "health", "0916", 7, "r"), ("physiotherapist", "health", "0915", 6, "r"),
    ("medical laboratory assistant", "health", "0914", 5, ""), ("dental practitioner", "health", "0911", 7, "r"),
    ("accountant", "business", "0411", 6, ""), ("financial analyst", "business", "0412", 6, ""),
    ("business analyst", "business", "0413", 6, ""), ("human resources officer", "business", "0413", 6, ""),
    ("marketing assistant", "business", "0414", 6, ""), ("logistics analyst", "business", "0413", 6, ""),
    ("customer service representative", "business retail", "0416", 4, "e"), ("project manager", "business", "0413", 7, ""),
    ("healthcare assistant", "care health", "0921", 3, ""), ("nurse assistant", "care", "0921", 3, ""),
    ("home care aide", "care", "0921", 3, "e"), ("residential home older adult care worker", "care", "0921", 3, ""),
    ("child day care worker", "care", "0922", 3, ""), ("hospital porter", "care", "0921", 2, "e"),
    ("care at home worker", "care", "0921", 3, ""),
    ("building cleaner", "cleaning tourism", "1011", 2, "e"), ("domestic cleaner", "cleaning", "1011", 2, "e"),
    ("window cleaner", "cleaning", "1011", 2, "e"), ("vehicle cleaner", "cleaning", "1011", 2, "e"),
    ("laundry worker", "cleaning", "1011", 2, "e"), ("room attendant", "cleaning tourism", "1013", 2, "e"),
    ("warehouse worker", "logistics", "1041", 2, "e"), ("warehouse order picker", "logistics", "1041", 2, "e"),
    ("forklift operator", "logistics", "1041", 3, ""), ("car and van delivery driver", "logistics", "1041", 3, ""),
    ("bus driver", "logistics", "1041", 3, ""), ("cargo vehicle driver", "logistics", "1041", 3, ""),
    ("hand packer", "logistics berries", "1041", 1, "e"),
    ("cook", "restaurant tourism", "1013", 3, ""), ("kitchen assistant", "restaurant", "1013", 2, "e"),
    ("kitchen porter", "restaurant", "1013", 1, "e"), ("waiter/waitress", "restaurant tourism", "1013", 3, ""),
    ("barista", "restaurant", "1013", 3, "e"), ("quick service restaurant crew member", "restaurant", "1013", 2, "e"),
    ("baker", "restaurant", "0721", 3, ""),
    ("shop assistant", "retail", "0416", 3, "e"), ("cashier", "retail", "0416", 2, "e"),
    ("shelf filler", "retail", "0416", 2, "e"), ("sales processor", "retail", "0416", 3, ""),
    ("welder", "metal", "0715", 3, ""), ("pipe welder", "metal", "0715", 3, ""),
    ("sheet metal worker", "metal", "0715", 3, ""), ("industrial machinery mechanic", "metal", "0715", 3, ""),
    ("metal products assembler", "metal", "0715", 2, "e"), ("metal sawing machine operator", "metal", "0715", 3, ""),
    ("forest worker", "forestry", "0821", 2, "e"), ("forestry equipment operator", "forestry", "0821", 3, ""),
    ("sawmill operator", "forestry", "0821", 3, ""), ("forestry technician", "forestry", "0821", 5, ""),
    ("hospitality establishment receptionist", "tourism", "1015", 3, ""), ("tourist guide", "tourism", "1015", 3, ""),
    ("outdoor animator", "tourism", "1015", 3, ""), ("ski instructor", "tourism", "1014", 3, ""),
    ("housekeeping supervisor", "tourism", "1013", 3, ""),
    ("fruit and vegetable picker", "berries", "0811", 1, "e"), ("crop production worker", "berries", "0811", 2, "e"),
    ("horticulture worker", "berries", "0812", 2, "e"), ("fruit and vegetable preserver", "berries", "0721", 2, ""),
    ("food production operator", "berries", "0721", 2, "e"),
]
EXTRA_SKILLS = ["28cb374e-6261-4133-8371-f9a5470145da", "0ff99f51-40d9-42f1-a1ec-377b2bb5e15f",
                "198b614d-a9af-46f5-b3fd-2672b401dd8e", "2a82241a-216e-44d8-bb50-6b9a0ef82084",
                "1d21f6ad-340f-45da-a0a3-4e83867f47a6", "7bd84008-afc2-4f72-8b49-a1dc4723d479",
                "3048bf6d-27c7-4dc6-ae4b-e55094cec090", "049de1f6-34ec-46f9-a0b1-8fc6f0199413",
                "3a0814b1-5851-43f9-b886-1e496fefcf9c", "6d3edede-8951-4621-a835-e04323300fa0"]
P_OCC, P_SKILL = "http://data.europa.eu/esco/occupation/", "http://data.europa.eu/esco/skill/"

esco, fi_csv, out = sys.argv[1:4]
occ = {r["preferredLabel"]: r for r in csv.DictReader(open(f"{esco}/occupations_en.csv", newline=""))}
skills = {r["conceptUri"]: r for r in csv.DictReader(open(f"{esco}/skills_en.csv", newline=""))}
fi = {r["conceptUri"]: r["preferredLabel"] for r in csv.DictReader(open(fi_csv, newline=""))}
rel = {}
for r in csv.DictReader(open(f"{esco}/occupationSkillRelations.csv", newline="")):
    rel.setdefault(r["occupationUri"], []).append((r["relationType"], r["skillUri"]))

def c(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

used = set(P_SKILL + u for u in EXTRA_SKILLS)
with open(out, "w", newline="\n") as f:
    f.write("# ESCO v1.1.1 subset for tests/unit/demo (c) European Union, CC BY 4.0; made by make_fixture.py\n")
    for label, sectors, field, level, flags in OCCS:
        r = occ[label]
        uri = r["conceptUri"]
        f.write(f"o\t{uri[len(P_OCC):]}\t{r['code']}\t{label}\n")
        rs = sorted(rel.get(uri, []), key=lambda x: (x[0] != "essential", x[1]))
        ess = [x for x in rs if x[0] == "essential"][:14]
        opt = [x for x in rs if x[0] == "optional"][:5]
        for kind, su in ess + opt:
            used.add(su)
            f.write(f"r\t{uri[len(P_OCC):]}\t{su[len(P_SKILL):]}\t{kind}\n")
        secs = " | ".join("DEMO_SEC_" + s.upper() for s in sectors.split())
        print(f"\t{{{c(uri[len(P_OCC):])}, {c(r['iscoGroup'])}, {c(label)}, {c(fi.get(uri, label))}, {secs}, "
              f"{c(field)}, {level}, {str('r' in flags).lower()}, {str('e' in flags).lower()}}},")
    for su in sorted(used):
        s = skills[su]
        f.write(f"s\t{su[len(P_SKILL):]}\t{s['skillType']}\t{s['preferredLabel']}\n")
