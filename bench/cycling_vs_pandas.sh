#!/usr/bin/env bash
# cycling summary of a 10-million-row Arbin-style CSV (about 1 GB) against pandas read_csv + a group-by per cycle
# of the same quantities (charge and discharge capacity and energy by the trapezoid rule, coulombic efficiency),
# same file, one run, whole process each, A B A B five times (medians); SolidScope with a 256 MB heap; then the warm figure.
# Needs Debian's python3-pandas (run by /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
D=bench/data/cycling
mkdir -p "$D"
F=$D/life-10M.csv
./solidscope --version >/dev/null
[ -f "$F" ] || ./solidscope cycling simulate --preset seed004-life --rows 10000000 --out "$F"
ls -l "$F"
/usr/bin/python3 -c "import pandas, numpy, sys; print('Python', sys.version.split()[0], 'pandas', pandas.__version__, 'NumPy', numpy.__version__)"
cat > "$D/pandas_summary.py" <<'PY'
import sys, time
import numpy as np, pandas as pd
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1], usecols=["Test_Time(s)", "Cycle_Index", "Current(A)", "Voltage(V)"])
t, c, i, v = (df[k].to_numpy() for k in ["Test_Time(s)", "Cycle_Index", "Current(A)", "Voltage(V)"])
dt = np.diff(t)
im = 0.5 * (i[1:] + i[:-1])
pm = 0.5 * (v[1:] * i[1:] + v[:-1] * i[:-1])
g = pd.DataFrame({"cycle": c[1:], "qc": np.where(im > 0, im * dt, 0), "qd": np.where(im < 0, -im * dt, 0),
                  "ec": np.where(im > 0, pm * dt, 0), "ed": np.where(im < 0, -pm * dt, 0)}).groupby("cycle").sum() / 3.6
g["ce"] = g.qd / g.qc
g.to_csv(sys.argv[2])
print("pandas: %d rows, %d cycles in %.2f s (in-process)" % (len(df), len(g), time.perf_counter() - t0))
PY
for i in 1 2 3 4 5; do
  SOLIDSCOPE_JAVA_OPTS=-Xmx256m /usr/bin/time -f "%e %M" -o "$D/a$i.time" ./solidscope cycling summary "$F" --csv "$D/solidscope.csv" >/dev/null 2>&1
  /usr/bin/time -f "%e %M" -o "$D/b$i.time" /usr/bin/python3 "$D/pandas_summary.py" "$F" "$D/pandas.csv" >/dev/null
  echo "  run $i: SolidScope $(cut -d' ' -f1 "$D/a$i.time") s ($(( $(cut -d' ' -f2 "$D/a$i.time") / 1024 )) MB RSS), pandas $(cut -d' ' -f1 "$D/b$i.time") s ($(( $(cut -d' ' -f2 "$D/b$i.time") / 1024 )) MB RSS)"
done
SOLIDSCOPE_JAVA_OPTS=-Xmx256m ./solidscope bench --cycling "$F" --iterations 4 2>/dev/null | sed 's/^/  /'
/usr/bin/python3 - "$D" <<'PY'
import statistics, sys
d = sys.argv[1]
a = statistics.median(float(open(f"{d}/a{i}.time").read().split()[0]) for i in (1, 2, 3, 4, 5))
b = statistics.median(float(open(f"{d}/b{i}.time").read().split()[0]) for i in (1, 2, 3, 4, 5))
ours = [l.split(",") for l in open(d + "/solidscope.csv").read().splitlines()[1:]]
theirs = [l.split(",") for l in open(d + "/pandas.csv").read().splitlines()[1:]]
worst = max(abs(float(o[2]) - float(p[2])) / float(p[2]) for o, p in zip(ours, theirs))
print(f"  medians: SolidScope {a:.2f} s, pandas {b:.2f} s: {b / a:.1f}x; {len(ours)} cycles, discharge capacities agree within {worst:.1e} (relative)")
PY
