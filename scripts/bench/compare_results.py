"""Checks that several engines computed the same per-school ВПР figures.

Usage: compare_results.py A.json B.json [C.json ...]

Each file is {"engine": ..., "tasks": [...], "schools": {login: {figure: value}}} as written by
results_duckdb.py, results_pandas.py or `opora`. Engine names are only labels shown beside each
file's path. Counts must be equal exactly; floats within 1e-9 (relative or absolute); null
only equals null; list figures (marks, solve) are compared element by element, and M counts
each scalar figure of each school once. Task labels are compared among the files that have them.
Exit 0 and `agree: N schools, M figures compared`, or the first 20 disagreements and exit 1.
"""
import json
import math
import sys

FIGURES = ["participants", "absent", "marks", "mean_primary", "solve", "lower", "confirmed", "higher"]
FLOATS = {"mean_primary", "solve"}  # everything else is a count
MISSING = "<missing>"


def same(a, b, exact):
    if exact or a is None or b is None or isinstance(a, str) or isinstance(b, str):
        return a == b  # counts exactly (12 == 12.0 though); null or a missing figure only equals itself
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def scalars(figure, value):
    """A figure as (name, value) pairs: lists are compared element by element."""
    if isinstance(value, list):
        return [(f"{figure}[{i}]", v) for i, v in enumerate(value)]
    return [(figure, value)]


def main(paths):
    # Keyed by position, so the same path given twice is still two files.
    files = {}
    for n, p in enumerate(paths):
        with open(p, encoding="utf-8") as f:
            files[n] = json.load(f)
    label = {n: f"{p} ({files[n].get('engine', '?')})" for n, p in enumerate(paths)}
    problems, compared = [], 0

    tasks = {p: d["tasks"] for p, d in files.items() if "tasks" in d}
    if len({json.dumps(t, ensure_ascii=False) for t in tasks.values()}) > 1:
        problems.append(("*", "tasks", tasks))

    schools = sorted(set().union(*(d["schools"] for d in files.values())))
    for school in schools:
        rows = {p: d["schools"].get(school) for p, d in files.items()}
        if any(r is None for r in rows.values()):
            problems.append((school, "school", {p: "present" if r is not None else MISSING for p, r in rows.items()}))
            continue
        for figure in FIGURES:
            # Per file: name -> value; a list of another length shows up as missing elements.
            values = {p: dict(scalars(figure, r.get(figure, MISSING))) for p, r in rows.items()}
            for name in sorted(set().union(*values.values()), key=lambda n: (len(n), n)):
                got = {p: v.get(name, MISSING) for p, v in values.items()}
                first = next(iter(got.values()))
                compared += 1
                if not all(same(first, v, figure not in FLOATS) for v in got.values()):
                    problems.append((school, name, got))

    if not problems:
        print(f"agree: {len(schools)} schools, {compared} figures compared")
        return 0
    print(f"disagree: {len(problems)} difference(s) in {len(schools)} schools, {compared} figures compared; first 20:")
    for school, name, got in problems[:20]:
        print(f"  {school} {name}: " + "; ".join(f"{label[p]}={v}" for p, v in got.items()))
    return 1


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: compare_results.py A.json B.json [C.json ...]")
    sys.exit(main(sys.argv[1:]))
