"""A school head's first login over HTTP, as the CLI check needs it: sign in with the one-time
password from the heads' XLSX, be sent to the password change, change it, see only the school.
Usage: first_login.py <base-url> <heads.xlsx> <foreign-school-id>"""
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import zipfile

base, xlsx, foreign = sys.argv[1], sys.argv[2], sys.argv[3]

# The first data row of the sheet: shared strings in order (the writer shares each new text once).
z = zipfile.ZipFile(xlsx)
strings = [re.sub(r"<[^>]+>", "", s) for s in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode())]
sheet = z.read("xl/worksheets/sheet1.xml").decode()
row4 = re.search(r'<row r="4">(.*?)</row>', sheet).group(1)
cells = {ref: strings[int(v)] for ref, v in re.findall(r'<c r="([A-Z]+)4" t="s"[^>]*><v>(\d+)</v>', row4)}
school, login, password = cells["B"], cells["D"], cells["E"]

jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def call(path, form=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        r = opener.open(base + path, data)
        return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def csrf(html):
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


def fail(message):
    print("first login failed: " + message, file=sys.stderr)
    sys.exit(1)


_, _, page = call("/login")
status, headers, _ = call("/login", {"_csrf": csrf(page), "login": login, "password": password, "next": "/"})
if status != 303:
    fail(f"login answered {status}")
status, headers, _ = call("/")
if headers.get("Location") != "/profile/password":
    fail("a one-time password did not lead to the password change")
_, _, page = call("/profile/password")
new = "Shkola-Nasha-2026"
status, headers, page = call("/profile/password", {"_csrf": csrf(page), "current": password, "new": new, "repeated": new})
if status != 303:
    fail(f"password change answered {status}")
status, _, page = call("/")
if status != 200 or school.replace('"', "&quot;") not in page:
    fail(f"the head's start page does not name its school ({status})")
status, _, _ = call(f"/schools/{foreign}")
if status != 404:
    fail(f"another municipality's school answered {status}")
print(f"first login: {login} changed the one-time password and sees only {school}")
