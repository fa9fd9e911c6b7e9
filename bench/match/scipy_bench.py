#!/usr/bin/python3
"""scipy baseline: the same scoring (docs/matching.md) with sparse matrices, for the same queries on the same data.
Usage: /usr/bin/python3 scipy_bench.py DIR   (reads DIR/*.csv written by bench_match gen; writes scipy_times.csv and
scipy_topk.csv). One thread: OMP/BLAS threads are pinned to 1 so the comparison with osaaja's one core is fair."""
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
import scipy.sparse as sp

d = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 200
TOPK = 20


def load(name, dtype=None):
    return np.genfromtxt(os.path.join(d, name), delimiter=",", names=True, dtype=dtype, encoding="utf-8")


idf_t = load("idf.csv")
nskill = int(idf_t["skill"].max()) + 1
idf = np.zeros(nskill)
idf[idf_t["skill"].astype(int)] = idf_t["idf"]
cl = np.loadtxt(os.path.join(d, "clients.csv"), delimiter=",", skiprows=1, dtype=np.float64)
ncli = cl.shape[0]
vac = np.genfromtxt(os.path.join(d, "vacancies.csv"), delimiter=",", names=True, dtype=None, encoding="utf-8")
nvac = vac.shape[0]
cs = np.loadtxt(os.path.join(d, "client_skills.csv"), delimiter=",", skiprows=1)
vs = np.loadtxt(os.path.join(d, "vacancy_skills.csv"), delimiter=",", skiprows=1)
ci = np.loadtxt(os.path.join(d, "client_isco.csv"), delimiter=",", skiprows=1, dtype=np.int64).reshape(-1, 2)

t0 = time.perf_counter()
inv = vac["inv_norm"].astype(np.float64)
c_inv = cl[:, 7]
crow = cs[:, 0].astype(int) - 1
C = sp.csr_matrix((cs[:, 2] * idf[cs[:, 1].astype(int)] * c_inv[crow], (crow, cs[:, 1].astype(int))),
                  shape=(ncli, nskill))
# rows carry idf * weight / |record| on both sides, so C[c] @ V.T is the skill part (the cosine) directly
vrow = vs[:, 0].astype(int) - 1
V = sp.csr_matrix((vs[:, 2] * idf[vs[:, 1].astype(int)] * inv[vrow], (vrow, vs[:, 1].astype(int))), shape=(nvac, nskill))
VT = V.T.tocsr()
CT = C.T.tocsr()
prep_s = time.perf_counter() - t0

consent = cl[:, 2] == 1
c_isced = cl[:, 3].astype(np.float64)
c_lv = cl[:, 4:7]  # fi, sv, en
v_isco = vac["isco"].astype(np.int64)
v_isced = vac["isced_min"].astype(np.float64)
code = {"fi": 0, "sv": 1, "en": 2}
l1 = np.array([code.get(x, -1) for x in vac["l1"]])
l2 = np.array([code.get(x, -1) for x in vac["l2"]])
l1lvl, l1req = vac["l1lvl"].astype(np.float64), vac["l1req"]
l2lvl, l2req = vac["l2lvl"].astype(np.float64), vac["l2req"]
# client ISCO codes as a padded matrix (up to 4 per client), -1 = none
iscos = np.full((ncli, 4), -1, dtype=np.int64)
cnt = np.zeros(ncli, dtype=np.int64)
for c, code_ in ci:
    iscos[c - 1, cnt[c - 1]] = code_
    cnt[c - 1] += 1


def closeness(a, b):
    """a, b arrays of 4-digit codes (broadcast); -1 = none"""
    r = np.where(a == b, 0.05, np.where(a // 10 == b // 10, 0.02, 0.0))  # src/match/score.c mi_occ_grade
    return np.where((a < 0) | (b < 0), 0.0, r)


def lang_factor(lvl_have1, lvl_have2, lv1, rq1, lv2, rq2):
    f1 = np.where(lv1 > lvl_have1, 1.0 - np.where(rq1 == 1, 0.10, 0.05) * (lv1 - lvl_have1), 1.0)
    f2 = np.where(lv2 > lvl_have2, 1.0 - np.where(rq2 == 1, 0.10, 0.05) * (lv2 - lvl_have2), 1.0)
    return np.maximum(f1 * f2, 0.3)


def have(levels, lang):
    """levels: (n, 3) client levels, lang: (n,) code or -1"""
    out = np.zeros(len(lang))
    ok = lang >= 0
    out[ok] = levels[ok, lang[ok]] if levels.ndim == 2 else levels[lang[ok]]
    return out


def for_client(c):
    raw = (C[c] @ VT).tocsr()  # 1 x nvac sparse
    idx = raw.indices
    skill = np.minimum(raw.data, 1.0)
    occ = closeness(iscos[c][None, :], v_isco[idx][:, None]).max(axis=1) if cnt[c] else np.zeros(len(idx))
    edu = np.where(v_isced[idx] > c_isced[c], np.maximum(1 - 0.15 * (v_isced[idx] - c_isced[c]), 0.4), 1.0)
    lv = c_lv[c].astype(np.float64)
    h1 = np.where(l1[idx] >= 0, lv[np.maximum(l1[idx], 0)], 0)
    h2 = np.where(l2[idx] >= 0, lv[np.maximum(l2[idx], 0)], 0)
    lf = lang_factor(h1, h2, l1lvl[idx], l1req[idx], l2lvl[idx], l2req[idx])
    score = 100.0 * (0.8 * skill + 0.2 * occ) * edu * lf
    return top(idx + 1, score)


def for_vacancy(v):
    raw = (V[v] @ CT).tocsr()
    idx = raw.indices
    keep = consent[idx]
    idx, data = idx[keep], raw.data[keep]
    skill = np.minimum(data, 1.0)
    occ = closeness(iscos[idx], v_isco[v]).max(axis=1)
    edu = np.where(v_isced[v] > c_isced[idx], np.maximum(1 - 0.15 * (v_isced[v] - c_isced[idx]), 0.4), 1.0)
    lv = c_lv[idx].astype(np.float64)
    h1 = lv[:, l1[v]] if l1[v] >= 0 else np.zeros(len(idx))
    h2 = lv[:, l2[v]] if l2[v] >= 0 else np.zeros(len(idx))
    lf = lang_factor(h1, h2, l1lvl[v], l1req[v], l2lvl[v], l2req[v])
    score = 100.0 * (0.8 * skill + 0.2 * occ) * edu * lf
    return top(idx + 1, score)


def top(ids, score):
    if len(ids) > TOPK:
        part = np.argpartition(-score, TOPK)[:TOPK * 2 if len(ids) > TOPK * 2 else len(ids)]
        # argpartition keeps the top TOPK; widen a little so ties at the border sort by id as elsewhere
        thr = np.sort(score[part])[::-1][TOPK - 1]
        part = np.nonzero(score >= thr - 1e-9)[0]
    else:
        part = np.arange(len(ids))
    order = np.lexsort((ids[part], -score[part]))[:TOPK]
    return ids[part][order], score[part][order]


qs = np.genfromtxt(os.path.join(d, "queries.csv"), delimiter=",", names=True, dtype=None, encoding="utf-8")
done = {"client": 0, "vacancy": 0}
with open(os.path.join(d, "scipy_times.csv"), "w") as ft, open(os.path.join(d, "scipy_topk.csv"), "w") as fk:
    ft.write("direction,id,ms\n")
    fk.write("direction,id,rank,other,score\n")
    for dirn, qid in zip(qs["direction"], qs["id"]):
        if done[dirn] >= limit:
            continue
        done[dirn] += 1
        t = time.perf_counter()
        ids, sc = for_client(qid - 1) if dirn == "client" else for_vacancy(qid - 1)
        ms = (time.perf_counter() - t) * 1e3
        ft.write(f"{dirn},{qid},{ms:.4f}\n")
        for k, (o, s) in enumerate(zip(ids, sc)):
            fk.write(f"{dirn},{qid},{k + 1},{o},{s:.6f}\n")
print(f"scipy.prep_s={prep_s:.3f}")
