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
./solidscope ct open "$D/vol.npy" --ball 3 --out "$D/gopen.npy" --json "$D/gopen.json" --repeat 3 >/dev/null
./solidscope ct open "$D/mask.npy" --ball 3 --out "$D/bopen.npy" --json "$D/bopen.json" --repeat 3 >/dev/null
./solidscope ct median "$D/vol.npy" --ball 2 --out "$D/medb2.npy" --json "$D/medb2.json" --repeat 2 >/dev/null
./solidscope ct gaussian "$D/vol.npy" --sigma 2 --out "$D/gauss.npy" --json "$D/gauss.json" --repeat 3 >/dev/null
for m in isodata li triangle; do ./solidscope ct threshold "$D/med.npy" --method $m --out "$D/t_$m.npy" --json "$D/t_$m.json" >/dev/null; done
./solidscope ct threshold "$D/med.npy" --method multi-otsu --classes 3 --out "$D/t_multi.npy" --json "$D/t_multi.json" >/dev/null
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
mine = np.load(f"{d}/lab.npy")
lab_json = json.load(open(f"{d}/lab.json"))
same = lab.max() == lab_json["labels"] and len(np.unique(np.stack([lab.ravel(), mine.ravel()]), axis=1).T) == lab.max() + 1
from skimage.morphology import ball
fp = ball(3).astype(bool)
r = 3
inner = (slice(2 * r, -2 * r),) * 3  # border conventions differ; erosion then dilation spreads that 2r inwards
gop, t_gop = best(lambda: ndimage.grey_opening(vol, footprint=fp), 1)
g_ms = json.load(open(f"{d}/gopen.json"))["elapsed_ms"]
print(f"grey opening ball(3), 256^3: SolidScope {g_ms:.0f} ms, scipy {t_gop:.0f} ms -> {t_gop / g_ms:.1f}x; equal away from the border: {np.array_equal(gop[inner], np.load(f'{d}/gopen.npy')[inner])}")
bop, t_bop = best(lambda: ndimage.binary_opening(mask, structure=fp), 1)
b_ms = json.load(open(f"{d}/bopen.json"))["elapsed_ms"]
print(f"binary opening ball(3), 256^3: SolidScope {b_ms:.0f} ms, scipy {t_bop:.0f} ms -> {t_bop / b_ms:.1f}x; equal away from the border: {np.array_equal(bop[inner], np.load(f'{d}/bopen.npy').astype(bool)[inner])}")
fpb2 = ball(2).astype(bool)
mb2, t_mb2 = best(lambda: ndimage.median_filter(vol, footprint=fpb2, mode="reflect"), 1)
mb2_ms = json.load(open(f"{d}/medb2.json"))["elapsed_ms"]
print(f"median ball(2), 256^3: SolidScope {mb2_ms:.0f} ms, scipy {t_mb2:.0f} ms -> {t_mb2 / mb2_ms:.1f}x; identical: {np.array_equal(mb2, np.load(f'{d}/medb2.npy'))}")
ga, t_ga = best(lambda: ndimage.gaussian_filter(vol.astype(np.float32), 2.0, mode="reflect"), 2)
ga_ms = json.load(open(f"{d}/gauss.json"))["elapsed_ms"]
diff = np.abs(np.load(f"{d}/gauss.npy").astype(np.float64) - ga)
print(f"gaussian sigma 2 (float32 in SciPy, rounded to uint16 here), 256^3: SolidScope {ga_ms:.0f} ms, scipy {t_ga:.0f} ms -> {t_ga / ga_ms:.1f}x; max |difference| {diff.max():.3f} grey levels")
for m, f in [("isodata", filters.threshold_isodata), ("li", filters.threshold_li), ("triangle", filters.threshold_triangle)]:
    print(f"threshold {m}: SolidScope {json.load(open(f'{d}/t_{m}.json'))['threshold']}, skimage {f(med):.2f}")
print(f"multi-Otsu (3 classes): SolidScope {json.load(open(f'{d}/t_multi.json'))['thresholds']}, skimage {list(filters.threshold_multiotsu(med, classes=3))}")
print(f"26-connected labelling: SolidScope {lab_json['elapsed_ms']:.0f} ms, skimage {t_lab:.0f} ms -> {t_lab / lab_json['elapsed_ms']:.1f}x; {lab_json['labels']} labels, same partition: {same}")
PY
