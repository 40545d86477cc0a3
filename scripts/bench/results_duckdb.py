"""Per-school ВПР figures from a ФИС ОКО export, computed with DuckDB SQL.

Usage: results_duckdb.py FILE OUT.json

The same figures as results_pandas.py and `opora` (see compare_results.py): participants,
absent, marks 2..5, mean primary score, solve rate per task, and test mark vs journal mark.
Prints one line: `duckdb seconds S rows N peak_mb M` (S = read + compute, not the JSON write).
"""
import json
import re
import resource
import sys
import time

import duckdb

# «1 (2б)», «9.1 (1б)», «9.1(1 б.)» -> label, task maximum.
TASK = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)\s*\(\s*(\d{1,2})\s*б\.?\s*\)\s*$")
# «X» (Latin), «Х» (Cyrillic), «не пройд.» or an empty cell: the task was not taken;
# «нет отметки»: no journal mark.
NULLS = "['', 'X', 'Х', 'x', 'х', 'не пройд.', 'нет отметки']"


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def ident(s):
    return '"' + s.replace('"', '""') + '"'


def main(path, out):
    start = time.perf_counter()
    con = duckdb.connect()
    # Four title/metadata lines and the Б/П levels row come before the header: skip them rather
    # than let the sniffer guess (the BOM sits on a skipped line). new_line='\r\n' with
    # strict_mode=false accepts \r\n, \n, and a mix of both as line ends; strict mode with
    # auto-detection fails on a mix.
    csv = f"read_csv({sql_str(path)}, delim=';', quote='\"', skip=5, header=true, null_padding=true, " \
          f"strict_mode=false, new_line='\\r\\n'"
    # First the header alone, to find the task columns by name (DuckDB trims the names).
    names = [d[0] for d in con.execute(f"SELECT * FROM {csv}, all_varchar=true) LIMIT 0").description]
    tasks = [(c, *TASK.match(c).groups()) for c in names if TASK.match(c)]
    by_key = {c.strip().lower(): c for c in names}
    missing = [k for k in ("оо", "вариант", "первичный балл", "отметка", "отметка по журналу") if k not in by_key]
    if missing or not tasks:
        sys.exit(f"{path}: line 6 is not a ФИС ОКО header (missing: {', '.join(missing) or 'task columns'})")
    login, variant, primary, mark, journal = (by_key[k] for k in ("оо", "вариант", "первичный балл", "отметка", "отметка по журналу"))

    # Then the data with explicit types: tasks DOUBLE and marks INTEGER, so a cell that is
    # neither a number nor «X»/empty fails the read with its line instead of vanishing.
    # «Первичный балл» stays text: it holds «отсутствовал» for an absent participant.
    types = {c: "VARCHAR" for c in names} | {c: "DOUBLE" for c, _, _ in tasks} | {mark: "INTEGER", journal: "INTEGER"}
    columns = "{" + ", ".join(f"{sql_str(c)}: '{t}'" for c, t in types.items()) + "}"
    con.execute(f"CREATE VIEW raw AS SELECT * FROM {csv}, columns={columns}, nullstr={NULLS})")

    # One row per participant; an absent participant's test values are nulled here so every
    # aggregate below only ever sees present participants. Absent: «отсутствовал» in the total,
    # «вариант» 0, or neither a total nor any task score.
    scores = "".join(f", CASE WHEN NOT absent THEN {ident(c)} END AS s{i}" for i, (c, _, _) in enumerate(tasks))
    con.execute(f"""CREATE VIEW p AS
        SELECT school, absent,
               CASE WHEN NOT absent THEN CAST({ident(primary)} AS DOUBLE) END AS primary_score,
               CASE WHEN NOT absent THEN {ident(mark)} END AS mark,
               {ident(journal)} AS journal{scores}
        FROM (SELECT *, trim({ident(login)}) AS school,
                     coalesce(lower({ident(primary)}) LIKE '%отсутствовал%', false)
                       OR coalesce(trim({ident(variant)}) = '0', false)
                       OR ({ident(primary)} IS NULL AND {" AND ".join(f"{ident(c)} IS NULL" for c, _, _ in tasks)}) AS absent FROM raw)
        WHERE school IS NOT NULL AND school <> ''""")  # blank lines / separator-only lines

    marks = ", ".join(f"count(*) FILTER (WHERE mark = {m})" for m in (2, 3, 4, 5))
    # Solve rate: points scored over points possible, among those who took the task
    # (count 0 -> sum NULL -> NULL).
    solve = ", ".join(f"sum(s{i}) / ({int(m)} * count(s{i}))" for i, (_, _, m) in enumerate(tasks))
    rows = con.execute(f"""
        SELECT school,
               count(*) FILTER (WHERE NOT absent), count(*) FILTER (WHERE absent),
               [{marks}],
               avg(primary_score),
               [{solve}]::DOUBLE[],
               count(*) FILTER (WHERE mark < journal), count(*) FILTER (WHERE mark = journal),
               count(*) FILTER (WHERE mark > journal),
               count(*)
        FROM p GROUP BY school ORDER BY school""").fetchall()
    schools = {r[0]: {"participants": r[1], "absent": r[2], "marks": r[3], "mean_primary": r[4], "solve": r[5],
                      "lower": r[6], "confirmed": r[7], "higher": r[8]} for r in rows}
    seconds = time.perf_counter() - start

    with open(out, "w", encoding="utf-8") as f:
        json.dump({"engine": "duckdb", "tasks": [label for _, label, _ in tasks], "schools": schools}, f, ensure_ascii=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"duckdb seconds {seconds:.3f} rows {sum(r[9] for r in rows)} peak_mb {peak:.1f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: results_duckdb.py FILE OUT.json")
    main(sys.argv[1], sys.argv[2])
