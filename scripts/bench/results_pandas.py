"""Per-school ВПР figures from a ФИС ОКО export, computed with pandas.

Usage: results_pandas.py FILE OUT.json

The same figures as results_duckdb.py and `opora` (see compare_results.py): participants,
absent, marks 2..5, mean primary score, solve rate per task, and test mark vs journal mark.
Prints one line: `pandas seconds S rows N peak_mb M` (S = read + compute, not the JSON write).
"""
import json
import math
import re
import resource
import sys
import time

import pandas as pd

# «1 (2б)», «9.1 (1б)», «9.1(1 б.)» -> label, task maximum.
TASK = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)\s*\(\s*(\d{1,2})\s*б\.?\s*\)\s*$")
# «X» (Latin), «Х» (Cyrillic), «не пройд.» or an empty cell: the task was not taken;
# «нет отметки»: no journal mark.
NULLS = ["", "X", "Х", "x", "х", "не пройд.", "нет отметки"]


def main(path, out):
    start = time.perf_counter()
    # Four title/metadata lines and the Б/П levels row come before the header; utf-8-sig drops
    # the BOM, the C parser takes \r\n and \n alike. First the header alone, to find the task
    # columns by name.
    read = dict(sep=";", skiprows=5, header=0, encoding="utf-8-sig")
    names = list(pd.read_csv(path, nrows=0, **read).columns)
    tasks = [(c, *TASK.match(c).groups()) for c in names if TASK.match(c)]
    by_key = {c.strip().lower(): c for c in names}
    missing = [k for k in ("оо", "вариант", "первичный балл", "отметка", "отметка по журналу") if k not in by_key]
    if missing or not tasks:
        sys.exit(f"{path}: line 6 is not a ФИС ОКО header (missing: {', '.join(missing) or 'task columns'})")
    login, variant, primary, mark, journal = (by_key[k] for k in ("оо", "вариант", "первичный балл", "отметка", "отметка по журналу"))
    # Then the data with explicit types: tasks and marks as numbers, so a cell that is neither
    # a number nor «X»/«Х»/empty fails the read instead of vanishing; everything else as text
    # (codes keep leading zeros; «Первичный балл» holds «отсутствовал» for an absent participant).
    # Only these cells are missing: no "NA"/"null" guessing.
    dtype = {c: str for c in names} | {c: "float64" for c, _, _ in tasks} | {mark: "float64", journal: "float64"}
    df = pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=NULLS, **read)
    school = df[login].str.strip()
    keep = school.fillna("") != ""  # blank lines / separator-only lines
    # Absent: «отсутствовал» in the total, «вариант» 0, or neither a total nor any task score.
    no_scores = df[[c for c, _, _ in tasks]].isna().all(axis=1)
    absent = (df[primary].str.lower().str.contains("отсутствовал", regex=False, na=False)
              | (df[variant].fillna("").str.strip() == "0")
              | (df[primary].isna() & no_scores))
    present = keep & ~absent
    # An absent participant's test values are masked out here, so every aggregate below only
    # ever sees present participants; the journal mark is kept but needs a test mark to count.
    mark_v, journal_v = df[mark].where(present), df[journal]
    t = pd.DataFrame({"school": school, "participants": present, "absent": keep & absent,
                      "primary": pd.to_numeric(df[primary].where(present)),
                      **{f"m{m}": mark_v == m for m in (2, 3, 4, 5)},
                      # NaN compares False, so rows lacking either mark drop out by themselves.
                      "lower": mark_v < journal_v, "confirmed": mark_v == journal_v, "higher": mark_v > journal_v,
                      **{f"s{i}": df[c].where(present) for i, (c, _, _) in enumerate(tasks)}})[keep]
    g = t.groupby("school", sort=True)
    sums, counts, mean = g.sum(numeric_only=True), g.count(), g["primary"].mean()
    # Solve rate: points scored over points possible, among those who took the task (0/0 -> NaN).
    solve = pd.DataFrame({i: sums[f"s{i}"] / (int(m) * counts[f"s{i}"]) for i, (_, _, m) in enumerate(tasks)},
                         index=sums.index)

    def val(x):  # NaN/inf (nobody took the task, no primary score) -> JSON null
        return float(x) if math.isfinite(x) else None

    schools = {}
    for school, row in sums.iterrows():  # one iteration per school, not per participant
        schools[school] = {"participants": int(row["participants"]), "absent": int(row["absent"]),
                           "marks": [int(row[f"m{m}"]) for m in (2, 3, 4, 5)], "mean_primary": val(mean[school]),
                           "solve": [val(x) for x in solve.loc[school]] if tasks else [],
                           "lower": int(row["lower"]), "confirmed": int(row["confirmed"]), "higher": int(row["higher"])}
    seconds = time.perf_counter() - start

    with open(out, "w", encoding="utf-8") as f:
        json.dump({"engine": "pandas", "tasks": [label for _, label, _ in tasks], "schools": schools}, f, ensure_ascii=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pandas seconds {seconds:.3f} rows {int(keep.sum())} peak_mb {peak:.1f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: results_pandas.py FILE OUT.json")
    main(sys.argv[1], sys.argv[2])
