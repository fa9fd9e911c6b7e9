-- Tables for the SQL baselines (SQLite and PostgreSQL read the same text). idf and inv_norm are osaaja's frozen
-- values, written by bench_match gen, so every engine scores with identical numbers.
CREATE TABLE idf (skill INTEGER PRIMARY KEY, idf DOUBLE PRECISION NOT NULL);
CREATE TABLE clients (id INTEGER PRIMARY KEY, org INTEGER, consent INTEGER, isced INTEGER, fi INTEGER, sv INTEGER,
  en INTEGER, inv_norm DOUBLE PRECISION);
CREATE TABLE client_skills (client INTEGER NOT NULL, skill INTEGER NOT NULL, w DOUBLE PRECISION NOT NULL);
CREATE TABLE client_isco (client INTEGER NOT NULL, isco INTEGER NOT NULL);
CREATE TABLE vacancies (id INTEGER PRIMARY KEY, org INTEGER, isco INTEGER, isced_min INTEGER,
  inv_norm DOUBLE PRECISION, l1 TEXT, l1lvl INTEGER, l1req INTEGER, l2 TEXT, l2lvl INTEGER, l2req INTEGER);
CREATE TABLE vacancy_skills (vacancy INTEGER NOT NULL, skill INTEGER NOT NULL, w DOUBLE PRECISION NOT NULL);
