"""Times pages as a signed-in user opens them: signs in (changing a one-time password when asked),
then requests each page N times. Prints `page URL median_ms M p95_ms P bytes B` per page.
Usage: page_timing.py BASE LOGIN PASSWORD N URL [URL ...]"""
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "lib"))
from opora_http import Client  # noqa: E402

base, login, password, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
client = Client(base)
client.sign_in(login, password, new_password="Bench-Pages-2026")
for url in sys.argv[5:]:
    times, size = [], 0
    for _ in range(n):
        t = time.perf_counter()
        status, _, body = client.call(url)
        times.append((time.perf_counter() - t) * 1000)
        if status != 200:
            sys.exit(f"page_timing: {url} answered {status}")
        size = len(body.encode())
    times.sort()
    print(f"page {url} median_ms {statistics.median(times):.1f} p95_ms {times[max(0, int(len(times) * 0.95) - 1)]:.1f} bytes {size}")
