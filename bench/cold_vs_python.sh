#!/usr/bin/env bash
# Whole-process comparison: each SolidScope command as a user runs it (one call, file in to file out, through the
# launcher with its start-up cache) against a Python process doing the same job with the reference library
# (bench/cold_jobs.py), on the same file; A B alternated RUNS times (default 5), /usr/bin/time -v for wall time and
# peak memory, medians and their ratio per pair. Needs Debian's python3-scipy and python3-skimage; the tortuosity
# pair runs when TAUFACTOR_DIR names a TauFactor checkout (and python3-torch is installed).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
RUNS=${RUNS:-5}
"$PY" -c "import scipy, skimage" 2>/dev/null || { echo "needs python3-scipy and python3-skimage" >&2; exit 3; }
D=bench/data/cold
mkdir -p "$D"
./solidscope --version >/dev/null 2>&1   # builds (and makes the start-up cache) if sources changed: not timed
[ -f "$D/vol.npy" ] || ./solidscope ct phantom --size 256 --out "$D/vol.npy" >/dev/null
[ -f "$D/mask.npy" ] || ./solidscope ct threshold "$D/vol.npy" --out "$D/mask.npy" >/dev/null
[ -f "$D/mask200.npy" ] || { ./solidscope ct phantom --size 200 --porosity 0.35 --out "$D/vol200.npy" >/dev/null;
                             ./solidscope ct threshold "$D/vol200.npy" --out "$D/mask200.npy" >/dev/null; }
[ -f "$D/sino.npy" ] || "$PY" - "$D" <<'PY'
import sys, numpy as np
from skimage.data import shepp_logan_phantom
from skimage.transform import radon, rescale
img = rescale(shepp_logan_phantom(), 512 / 400)
np.save(f"{sys.argv[1]}/sino.npy", radon(img, theta=np.linspace(0., 180., 720, endpoint=False)).T.astype(np.float32).copy())
PY
[ -f bench/data/gate-volume.npy ] || ./solidscope bench --make-volume bench/data/gate-volume.npy >/dev/null
"$PY" -c "import sys, numpy, scipy, skimage; print('Python', sys.version.split()[0], 'NumPy', numpy.__version__, 'SciPy', scipy.__version__, 'scikit-image', skimage.__version__)"
./solidscope --version 2>/dev/null

measure() { # name, then the command; appends "wall_s peak_kB" to $D/name.times
  local name=$1; shift
  /usr/bin/time -v -o "$D/$name.tv" "$@" >/dev/null 2>"$D/$name.err" || { echo "$name failed: $(tail -2 "$D/$name.err")" >&2; return 1; }
  local wall peak
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$D/$name.tv")
  peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$D/$name.tv")
  echo "$wall $peak" >> "$D/$name.times"
}

pair() { # label, our command (string), their command (string); ONLY=word runs just the pairs whose label has it
  local label=$1 ours=$2 theirs=$3
  [ -z "${ONLY:-}" ] || [[ "$label" == *"$ONLY"* ]] || return 0
  rm -f "$D/a-$label.times" "$D/b-$label.times"
  for _ in $(seq "$RUNS"); do
    measure "a-$label" bash -c "$ours"
    measure "b-$label" bash -c "$theirs"
  done
  "$PY" - "$D" "$label" <<'PY'
import statistics, sys
d, label = sys.argv[1], sys.argv[2]
def read(side):
    rows = [l.split() for l in open(f"{d}/{side}-{label}.times")]
    return statistics.median(float(r[0]) for r in rows), max(int(r[1]) for r in rows) / 1024, [float(r[0]) for r in rows]
a, am, ar = read("a"); b, bm, br = read("b")
print(f"| {label} | {a:.2f} s ({', '.join(f'{x:.2f}' for x in ar)}), {am:.0f} MB | {b:.2f} s ({', '.join(f'{x:.2f}' for x in br)}), {bm:.0f} MB | **{b / a:.1f}×** |")
PY
}

S=./solidscope
echo "| job | SolidScope, whole process: median (runs), peak RSS | Python, whole process: median (runs), peak RSS | ratio |"
echo "|---|---|---|---|"
rm -f "$D/a-version.times"
for _ in $(seq "$RUNS"); do measure a-version $S --version; done
"$PY" -c "import statistics; r = [float(l.split()[0]) for l in open('$D/a-version.times')]; print(f'| --version | {statistics.median(r):.2f} s ({\", \".join(f\"{x:.2f}\" for x in r)}) | | |')"
pair "ut gate 1 GiB" "$S ut gate bench/data/gate-volume.npy --gate-us 25:20 --out $D/gate.npy" "$PY bench/cold_jobs.py gate bench/data/gate-volume.npy $D/gate-py.npy 1250 2250"
pair "ct median 3x3x3 256^3" "$S ct median $D/vol.npy --out $D/med.npy" "$PY bench/cold_jobs.py median $D/vol.npy $D/med-py.npy"
pair "ct open ball(3) grey 256^3" "$S ct open $D/vol.npy --ball 3 --out $D/gopen.npy" "$PY bench/cold_jobs.py open-grey $D/vol.npy $D/gopen-py.npy"
pair "ct open ball(3) binary 256^3" "$S ct open $D/mask.npy --ball 3 --out $D/bopen.npy" "$PY bench/cold_jobs.py open-binary $D/mask.npy $D/bopen-py.npy"
pair "ct label 26-connected 256^3" "$S ct label $D/mask.npy --connectivity 26 --out $D/lab.npy" "$PY bench/cold_jobs.py label $D/mask.npy $D/lab-py.npy"
pair "ct reconstruct 512^2, 720 angles" "$S ct reconstruct $D/sino.npy --centre 256 --filter ramp --out $D/rec.npy" "$PY bench/cold_jobs.py iradon $D/sino.npy $D/rec-py.npy"
if [ -n "${TAUFACTOR_DIR:-}" ]; then
  pair "ct tortuosity 200^3" "$S ct tortuosity $D/mask200.npy --phase 0 --axis z --json $D/tau.json" "$PY bench/cold_jobs.py tortuosity $D/mask200.npy $D/tau-py.json $TAUFACTOR_DIR"
fi
