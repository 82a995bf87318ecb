#!/usr/bin/env bash
# Gating a 1 GiB int16 A-scan volume (270 × 700 × 2840) with SolidScope and with NumPy, same file, same run.
# Needs python3 with numpy. The volume is written once to bench/data/ (1.07 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
VOL=bench/data/gate-volume.npy
mkdir -p bench/data
[ -f "$VOL" ] || ./solidscope bench --make-volume "$VOL"
# gate 25:20 µs at 50 MHz = samples [1250, 2250)
./solidscope bench --gate-volume "$VOL" --gate-us 25:20 --iterations 5 | tee bench/data/java.txt
python3 bench/numpy_gate.py "$VOL" 1250 2250 3 | tee bench/data/numpy.txt
python3 - <<'PY'
import re
j = float(re.search(r"best (\d+) ms", open("bench/data/java.txt").read()).group(1))
n = float(re.search(r"best (\d+) ms", open("bench/data/numpy.txt").read()).group(1))
print(f"SolidScope / NumPy throughput ratio: {n / j:.1f}x")
PY
