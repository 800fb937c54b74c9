"""Run a command and print the peak resident memory (KB) of its process tree.

Used by the benchmarks as a small intermediate process: Linux keeps a process's peak
RSS across exec, so a command forked straight from a large benchmark process would
report the benchmark's memory, not its own.
"""

import resource
import subprocess
import sys

code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
