"""Loads a ФИС ОКО export into a DuckDB table on disk, as a user would with DuckDB instead of
Opora: the floor for Opora's import (which also checks every row and stores per-school figures).
Usage: results_duckdb_load.py FILE DB   Prints `duckdb_load seconds S rows N peak_mb M`."""
import resource
import sys
import time

import duckdb

path, db = sys.argv[1], sys.argv[2]
start = time.perf_counter()
con = duckdb.connect(db)
con.execute(f"""CREATE TABLE results AS SELECT * FROM read_csv('{path.replace("'", "''")}', delim=';', quote='"', skip=5, header=true,
                null_padding=true, strict_mode=false, new_line='\\r\\n', all_varchar=true)""")
rows = con.execute("SELECT count(*) FROM results").fetchone()[0]
con.close()
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"duckdb_load seconds {seconds:.3f} rows {rows} peak_mb {peak:.0f}")
