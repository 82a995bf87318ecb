#!/usr/bin/env bash
# XCS raw frames → calibrated per-pixel spectra (offset from 1000 dark frames, 3 keV threshold through each pixel's
# calibration, discrimination, gain, 0.2 keV histogram) of a simulated 80 × 80 HEXITEC frame file of GB gigabytes
# (default 4), against bench/numpy_xcs_frames.py doing the same chain; same file, one run, whole process each,
# A B A B RUNS times (default 3), medians; the two cubes compared bin for bin; then the warm figures (bench --xcs-frames).
# Needs Debian's python3-numpy (run by /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
GB=${GB:-4}
RUNS=${RUNS:-3}
D=bench/data/xcs-$GB
mkdir -p "$D"
F=$D/frames.bin
./solidscope --version >/dev/null
[ -f "$F" ] || ./solidscope xcs simulate --kind frames --size-gb "$GB" --out "$D" >/dev/null
ls -l "$F"
/usr/bin/python3 -c "import numpy, sys; print('Python', sys.version.split()[0], 'NumPy', numpy.__version__)"
./solidscope --version
for i in $(seq 1 "$RUNS"); do
  SOLIDSCOPE_NO_PROGRESS=1 SOLIDSCOPE_JAVA_OPTS=-Xmx512m /usr/bin/time -f "%e %M" -o "$D/a$i.time" ./solidscope xcs spectra "$F" --gradient "$D/gradient.txt" \
    --intercept "$D/intercept.txt" --sharing discrimination --out "$D/solidscope.npy" >/dev/null 2>&1
  /usr/bin/time -f "%e %M" -o "$D/b$i.time" /usr/bin/python3 bench/numpy_xcs_frames.py "$F" 80 80 1000 "$D/gradient.txt" "$D/intercept.txt" "$D/numpy.npy" >/dev/null
  echo "  run $i: SolidScope $(cut -d' ' -f1 "$D/a$i.time") s ($(( $(cut -d' ' -f2 "$D/a$i.time") / 1024 )) MB RSS), NumPy $(cut -d' ' -f1 "$D/b$i.time") s ($(( $(cut -d' ' -f2 "$D/b$i.time") / 1024 )) MB RSS)"
done
./solidscope bench --xcs-frames "$F" --iterations 20 2>/dev/null | sed 's/^/  /'
/usr/bin/python3 - "$D" "$RUNS" "$(stat -c %s "$F")" <<'PY'
import statistics, sys
import numpy as np
d, runs, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
a = statistics.median(float(open(f"{d}/a{i}.time").read().split()[0]) for i in range(1, runs + 1))
b = statistics.median(float(open(f"{d}/b{i}.time").read().split()[0]) for i in range(1, runs + 1))
x, y = np.load(f"{d}/solidscope.npy"), np.load(f"{d}/numpy.npy")
print(f"cubes: {int(x.sum()):,} and {int(y.sum()):,} events, {int((x != y).sum())} bins differ")
print(f"whole process, median of {runs}: SolidScope {a:.2f} s ({size / 1e9 / a:.2f} GB/s), NumPy {b:.2f} s ({size / 1e9 / b:.2f} GB/s): {b / a:.1f}x")
PY
