#!/usr/bin/env bash
# CT filters on a 256^3 uint16 porous phantom, SolidScope against SciPy and scikit-image (Debian's
# python3-scipy and python3-skimage) on the same file in one run; also checks that the results agree.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
"$PY" -c "import scipy, skimage" 2>/dev/null || { echo "needs python3-scipy and python3-skimage (apt-get install python3-scipy python3-skimage)" >&2; exit 3; }
D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
./solidscope ct phantom --size 256 --out "$D/vol.npy" >/dev/null
./solidscope ct median "$D/vol.npy" --out "$D/med.npy" --json "$D/med.json" --repeat 3 >/dev/null
./solidscope ct threshold "$D/med.npy" --out "$D/mask.npy" --json "$D/thr.json" >/dev/null
./solidscope ct label "$D/mask.npy" --connectivity 26 --out "$D/lab.npy" --json "$D/lab.json" --repeat 5 >/dev/null
"$PY" - "$D" <<'PY'
import json, sys, time
import numpy as np, scipy, skimage
from scipy import ndimage
from skimage import measure, filters
d = sys.argv[1]
vol = np.load(f"{d}/vol.npy")
def best(f, n):
    b = 1e9
    for _ in range(n):
        t = time.perf_counter(); r = f(); b = min(b, time.perf_counter() - t)
    return r, b * 1e3
med, t_med = best(lambda: ndimage.median_filter(vol, size=3, mode="reflect"), 2)
ours = json.load(open(f"{d}/med.json"))["elapsed_ms"]
print(f"3x3x3 median, 256^3 uint16: SolidScope {ours:.0f} ms, scipy {scipy.__version__} {t_med:.0f} ms -> {t_med / ours:.1f}x; identical: {np.array_equal(med, np.load(f'{d}/med.npy'))}")
thr = json.load(open(f"{d}/thr.json"))["threshold"]
print(f"Otsu threshold on the median: SolidScope {thr}, skimage {skimage.__version__} {filters.threshold_otsu(med, nbins=65536):.0f}")
mask = np.load(f"{d}/mask.npy").astype(bool)
lab, t_lab = best(lambda: measure.label(mask, connectivity=3), 3)
ours = json.load(open(f"{d}/lab.json"))
mine = np.load(f"{d}/lab.npy")
same = lab.max() == ours["labels"] and len(np.unique(np.stack([lab.ravel(), mine.ravel()]), axis=1).T) == lab.max() + 1
print(f"26-connected labelling: SolidScope {ours['elapsed_ms']:.0f} ms, skimage {t_lab:.0f} ms -> {t_lab / ours['elapsed_ms']:.1f}x; {ours['labels']} labels, same partition: {same}")
PY
