-- ESCO / ISCO-08 / ISCED-F concepts, their labels per language and their relations (see src/taxonomy/).
CREATE TABLE tax_concepts (
  id {{PK}},
  uri TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  code TEXT,
  skill_type TEXT,
  reuse_level TEXT,
  status TEXT,
  version TEXT
);
CREATE INDEX tax_concepts_kind_code ON tax_concepts(kind, code);

CREATE TABLE tax_labels (
  concept_id INTEGER NOT NULL REFERENCES tax_concepts(id),
  lang TEXT NOT NULL,
  label_type TEXT NOT NULL,
  label TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (concept_id, lang, label_type, label)
);

CREATE TABLE tax_relations (
  occupation_id INTEGER NOT NULL REFERENCES tax_concepts(id),
  skill_id INTEGER NOT NULL REFERENCES tax_concepts(id),
  relation TEXT NOT NULL,
  PRIMARY KEY (occupation_id, skill_id)
);
CREATE INDEX tax_relations_skill ON tax_relations(skill_id);

CREATE TABLE tax_broader (
  concept_id INTEGER NOT NULL REFERENCES tax_concepts(id),
  broader_id INTEGER NOT NULL REFERENCES tax_concepts(id),
  PRIMARY KEY (concept_id, broader_id)
);
