"""Times pages as a signed-in user opens them: signs in (changing a one-time password when asked),
then requests each page N times. Prints `page URL median_ms M p95_ms P bytes B` per page.
Usage: page_timing.py BASE LOGIN PASSWORD N URL [URL ...]"""
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

base, login, password, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
urls = sys.argv[5:]
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


_, _, page = call("/login")
call("/login", {"_csrf": csrf(page), "login": login, "password": password, "next": "/"})
status, headers, _ = call("/")
if headers.get("Location") == "/profile/password":
    _, _, page = call("/profile/password")
    new = "Bench-Pages-2026"
    call("/profile/password", {"_csrf": csrf(page), "current": password, "new": new, "repeated": new})
for url in urls:
    times = []
    size = 0
    for _ in range(n):
        t = time.perf_counter()
        status, _, body = call(url)
        times.append((time.perf_counter() - t) * 1000)
        if status != 200:
            sys.exit(f"page_timing: {url} answered {status}")
        size = len(body.encode())
    times.sort()
    print(f"page {url} median_ms {statistics.median(times):.1f} p95_ms {times[max(0, int(len(times) * 0.95) - 1)]:.1f} bytes {size}")
