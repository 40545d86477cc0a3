"""Runs a command and prints its wall time and peak memory: `seconds S peak_mb M`.
Usage: measure.py COMMAND [ARG ...]   (the command's own output goes to stderr)"""
import resource
import subprocess
import sys
import time

start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=sys.stderr)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if done.returncode != 0:
    sys.exit(f"measure: {' '.join(sys.argv[1:3])} failed with {done.returncode}")
print(f"seconds {seconds:.3f} peak_mb {peak:.0f}")
