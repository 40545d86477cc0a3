"""A school head's first login over HTTP, as the CLI check needs it: sign in with the one-time
password from the heads' XLSX, be sent to the password change, change it, see only the school.
Usage: first_login.py <base-url> <heads.xlsx> <foreign-school-id>"""
import pathlib
import re
import sys
import zipfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "lib"))
from opora_http import Client  # noqa: E402

base, xlsx, foreign = sys.argv[1], sys.argv[2], sys.argv[3]

# The first data row of the sheet: shared strings in order (the writer shares each new text once).
z = zipfile.ZipFile(xlsx)
strings = [re.sub(r"<[^>]+>", "", s) for s in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode())]
sheet = z.read("xl/worksheets/sheet1.xml").decode()
row4 = re.search(r'<row r="4">(.*?)</row>', sheet).group(1)
cells = {ref: strings[int(v)] for ref, v in re.findall(r'<c r="([A-Z]+)4" t="s"[^>]*><v>(\d+)</v>', row4)}
school, login, password = cells["B"], cells["D"], cells["E"]


def fail(message):
    print("first login failed: " + message, file=sys.stderr)
    sys.exit(1)


client = Client(base)
try:
    if not client.sign_in(login, password, new_password="Shkola-Nasha-2026"):
        fail("a one-time password did not lead to the password change")
except RuntimeError as e:
    fail(str(e))
status, _, page = client.call("/")
if status != 200 or school.replace('"', "&quot;") not in page:
    fail(f"the head's start page does not name its school ({status})")
status, _, _ = client.call(f"/schools/{foreign}")
if status != 404:
    fail(f"another municipality's school answered {status}")
print(f"first login: {login} changed the one-time password and sees only {school}")
