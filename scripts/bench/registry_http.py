"""Times the registry import as an administrator does it in the browser: upload the file and get
the preview page, then apply; and the same file a second time (nothing to change). Also, beside
it, what a user might do instead of Opora — the same CSV loaded into a table by Python's csv and
sqlite3 — as a floor. Prints one line per step: «step seconds».
Usage: registry_http.py <base-url> <admin-login> <one-time-password> <registry.csv>"""
import csv
import http.cookiejar
import io
import re
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

base, login, password, path = sys.argv[1:5]
data = open(path, "rb").read()
jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def call(p, form=None, files=None):
    headers = {}
    body = None
    if files is not None:
        boundary = uuid.uuid4().hex
        parts = []
        for k, v in (form or {}).items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
        name, content = files
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\nContent-Type: text/csv\r\n\r\n'.encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        body = b"".join(parts)
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    elif form is not None:
        body = urllib.parse.urlencode(form).encode()
    try:
        r = opener.open(urllib.request.Request(base + p, data=body, headers=headers))
        return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def csrf(html):
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


_, _, page = call("/login")
call("/login", {"_csrf": csrf(page), "login": login, "password": password, "next": "/"})
_, _, page = call("/profile/password")
new = "Bench-Registry-2026"
status, _, _ = call("/profile/password", {"_csrf": csrf(page), "current": password, "new": new, "repeated": new})
assert status == 303, status


def import_once(label):
    _, _, page = call("/registry/import")
    t = time.perf_counter()
    status, headers, _ = call("/registry/import", {"_csrf": csrf(page), "createMunicipalities": "on"}, ("registry.csv", data))
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
