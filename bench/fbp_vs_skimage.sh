#!/usr/bin/env bash
# Filtered back-projection of a 512 x 512 Shepp-Logan slice from 720 angles: SolidScope's
# `ct reconstruct` against scikit-image's iradon (Debian's python3-skimage) on the same sinogram in
# one run. Prints both times, the voxel-update rates, and how well the two images agree.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
"$PY" -c "import skimage" 2>/dev/null || { echo "needs python3-skimage (apt-get install python3-skimage)" >&2; exit 3; }
D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
"$PY" - "$D" <<'PY'
import sys, numpy as np
from skimage.data import shepp_logan_phantom
from skimage.transform import radon, rescale
img = rescale(shepp_logan_phantom(), 512 / 400)
theta = np.linspace(0., 180., 720, endpoint=False)
s = radon(img, theta=theta)                      # [detectors, angles]
np.save(f"{sys.argv[1]}/sino.npy", s.T.astype(np.float32).copy())
np.save(f"{sys.argv[1]}/truth.npy", img)
PY
./solidscope ct reconstruct "$D/sino.npy" --centre 256 --filter ramp --out "$D/ours.npy" --json "$D/ours.json" --repeat 20 >/dev/null
"$PY" - "$D" <<'PY'
import json, sys, time, numpy as np, skimage
from skimage.transform import iradon
d = sys.argv[1]
s = np.load(f"{d}/sino.npy").T.astype(np.float64)
theta = np.linspace(0., 180., 720, endpoint=False)
best = 1e9
for _ in range(2):
    t = time.perf_counter(); ref = iradon(s, theta=theta, filter_name="ramp"); best = min(best, time.perf_counter() - t)
ours = np.load(f"{d}/ours.npy")
j = json.load(open(f"{d}/ours.json"))
ups = 512 * 512 * 720
# the two tools orient the slice differently: compare in the orientation that matches
cands = {"as is": ours, "transposed": ours.T, "flipped": ours[::-1], "rot90": np.rot90(ours), "transposed+flipped": ours.T[::-1], "rot270": np.rot90(ours, 3)}
name, o = max(cands.items(), key=lambda kv: np.corrcoef(kv[1].ravel(), ref.ravel())[0, 1])
yy, xx = np.mgrid[:512, :512]; inside = (yy - 255.5) ** 2 + (xx - 255.5) ** 2 < 250 ** 2
print(f"FBP 512x512, 720 angles, ramp: SolidScope {j['elapsed_ms']:.0f} ms ({ups / j['elapsed_ms'] / 1e6:.2f} G voxel-updates/s, {j['threads']} threads), "
      f"scikit-image {skimage.__version__} iradon {best * 1e3:.0f} ms ({ups / best / 1e9:.3f} G/s) -> {best * 1e3 / j['elapsed_ms']:.1f}x")
print(f"agreement ({name}): correlation {np.corrcoef(o[inside], ref[inside])[0, 1]:.5f}, mean |difference| {np.abs(o - ref)[inside].mean():.4f} (image range 0..1)")
PY
