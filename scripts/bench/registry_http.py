"""Times the registry import as an administrator does it in the browser: upload the file and get
the preview page, then apply; and the same file a second time (nothing to change). Also, beside
it, what a user might do instead of Opora — the same CSV loaded into a table by Python's csv and
sqlite3 — as a floor. Prints one line per step: «step seconds».
Usage: registry_http.py <base-url> <admin-login> <one-time-password> <registry.csv>"""
import csv
import io
import pathlib
import sqlite3
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "lib"))
from opora_http import Client  # noqa: E402

base, login, password, path = sys.argv[1:5]
data = open(path, "rb").read()
client = Client(base)
client.sign_in(login, password, new_password="Bench-Registry-2026")
call, csrf = client.call, Client.csrf


def import_once(label):
    _, _, page = call("/registry/import")
    t = time.perf_counter()
    status, headers, _ = call("/registry/import", {"_csrf": csrf(page), "createMunicipalities": "on"}, file=("registry.csv", data))
    assert status == 303, status
    draft = headers["Location"]
    status, _, page = call(draft)
    preview = time.perf_counter() - t
    assert status == 200, (status, page[:500])
    if "Применить" not in page:
        print(f"{label}_preview {preview:.3f}")
        print(f"{label}_apply 0")
        return
    t = time.perf_counter()
    status, _, done = call(draft + "/apply", {"_csrf": csrf(page)})
    apply = time.perf_counter() - t
    assert status == 200 and "Реестр обновлён" in done, status
    print(f"{label}_preview {preview:.3f}")
    print(f"{label}_apply {apply:.3f}")


import_once("first")
import_once("again")

# The floor: read the same CSV and insert its rows into a table, nothing checked.
t = time.perf_counter()
text = data.decode("cp1251", errors="replace")
rows = [r for r in csv.reader(io.StringIO(text), delimiter=";")][2:]
db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE schools (n, municipality, short, full, login, inn, code, address, locality, small, head)")
with db:
    db.executemany("INSERT INTO schools VALUES (?,?,?,?,?,?,?,?,?,?,?)", [r[:11] for r in rows])
print(f"python_sqlite {time.perf_counter() - t:.3f}")
