#!/usr/bin/env bash
# cycling summary of real files' layouts at 1 GB — cellpy's Maccor text export (maccor_002.txt, minutes, unsigned current
# with Md, per-step Cap. [Ah]) and BEEP's Arbin MITS CSV (no units in the header) — each a real file's rows repeated in its
# own layout (bench/repeat_real_file.py), against pandas (bench/pandas_real_layouts.py: read_csv and the same per-cycle
# quantities). The Python readers users have (navani through galvani and NewareNDA) refuse both layouts
# (bench/readers_vs_python.sh), and cellpy and BEEP need packages Debian does not have, so pandas as a user would write it is
# the fastest Python that runs here. Whole process each (/usr/bin/time, file in to CSV out), A B alternated RUNS times
# (default 3), medians; SolidScope with a 256 MB heap. Needs Debian's python3-pandas.
set -euo pipefail
cd "$(dirname "$0")/.."
R=${REALDATA:-../shared/realdata}
D=bench/data/cycling
RUNS=${RUNS:-3}
mkdir -p "$D"
./solidscope --version >/dev/null
/usr/bin/python3 -c "import pandas, numpy, sys; print('Python', sys.version.split()[0], 'pandas', pandas.__version__, 'NumPy', numpy.__version__)"
[ -f "$D/maccor-1G.txt" ] || /usr/bin/python3 bench/repeat_real_file.py maccor "$R/cellpy/maccor_002.txt" "$D/maccor-1G.txt" 1000000000
[ -f "$D/arbin-1G.csv" ] || /usr/bin/python3 bench/repeat_real_file.py arbin "$R/beep/2017-05-09_test-TC-contact_CH33.csv" "$D/arbin-1G.csv" 1000000000
for k in maccor arbin; do
  F=$(ls "$D/$k"-1G.*)
  echo "== $F ($(du -h "$F" | cut -f1))"
  for i in $(seq 1 "$RUNS"); do
    SOLIDSCOPE_JAVA_OPTS=-Xmx256m /usr/bin/time -f "%e %M" -o "$D/$k-a$i.time" ./solidscope cycling summary "$F" --csv "$D/$k-solidscope.csv" >/dev/null 2>&1
    /usr/bin/time -f "%e %M" -o "$D/$k-b$i.time" /usr/bin/python3 bench/pandas_real_layouts.py "$k" "$F" "$D/$k-pandas.csv" >/dev/null
    echo "  run $i: SolidScope $(cut -d' ' -f1 "$D/$k-a$i.time") s ($(( $(cut -d' ' -f2 "$D/$k-a$i.time") / 1024 )) MB RSS)," \
         "pandas $(cut -d' ' -f1 "$D/$k-b$i.time") s ($(( $(cut -d' ' -f2 "$D/$k-b$i.time") / 1024 )) MB RSS)"
  done
  /usr/bin/python3 - "$D" "$k" "$RUNS" <<'PY'
import csv, statistics, sys
d, k, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
a = [float(open(f"{d}/{k}-a{i}.time").read().split()[0]) for i in range(1, n + 1)]
b = [float(open(f"{d}/{k}-b{i}.time").read().split()[0]) for i in range(1, n + 1)]
ours = list(csv.DictReader(open(f"{d}/{k}-solidscope.csv")))
theirs = list(csv.DictReader(open(f"{d}/{k}-pandas.csv")))
worst = max(abs(float(o["discharge_capacity_mah"]) - float(t["qd"])) / max(float(t["qd"]), 1e-300) for o, t in zip(ours, theirs)) if len(ours) == len(theirs) else float("nan")
wc = max(abs(float(o["charge_capacity_mah"]) - float(t["qc"])) / max(float(t["qc"]), 1e-300) for o, t in zip(ours, theirs)) if len(ours) == len(theirs) else float("nan")
print(f"  {k}: SolidScope median {statistics.median(a):.2f} s, pandas median {statistics.median(b):.2f} s: {statistics.median(b) / statistics.median(a):.1f}x;"
      f" {len(ours)} cycles both: {len(ours) == len(theirs)}, largest relative difference charge {wc:.1e}, discharge {worst:.1e}")
PY
done
