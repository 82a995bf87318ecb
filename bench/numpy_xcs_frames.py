"""The frames-to-spectra chain in vectorised NumPy, written for comparison with `solidscope xcs spectra --sharing discrimination`:
per-pixel offset and noise from dark frames (mean and deviation, again without values above mean + 5 sigma), dead and noisy
pixels excluded, threshold in keV through each pixel's calibration, discrimination (a hit with an over-threshold neighbour in
its frame is dropped; neighbours looked up for the hits only), gain (E = (ADU - offset) * gradient + intercept, float32 as SolidScope computes it), per-pixel
histogram by np.bincount; frames read in blocks of 4096 with np.fromfile. Writes the cube as float32 .npy [rows, cols, bins].
usage: numpy_xcs_frames.py FRAMES ROWS COLS DARK_FRAMES GRADIENT.txt INTERCEPT.txt OUT.npy [THRESHOLD_KEV BIN_KEV MAX_KEV]"""
import sys, time
import numpy as np

t0 = time.perf_counter()
path, rows, cols, ndark, gpath, ipath, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7]
thr_kev, bin_kev, max_kev = (float(v) for v in (sys.argv[8:11] if len(sys.argv) > 8 else ("3", "0.2", "160")))
px = rows * cols
bins = int(np.ceil(max_kev / bin_kev))
g = np.loadtxt(gpath, dtype=np.float32).reshape(-1)
ic = np.loadtxt(ipath, dtype=np.float32).reshape(-1)
raw = np.memmap(path, dtype="<u2", mode="r")
frames = raw.size // px
dark = np.asarray(raw[: ndark * px], dtype=np.float64).reshape(ndark, px)
mean, sd = dark.mean(0), dark.std(0)
cut = mean + 5 * np.maximum(sd, 1)
keep = dark <= cut
m = keep.sum(0)
mean = np.where(keep, dark, 0).sum(0) / m
sd = np.sqrt(np.maximum(0, np.where(keep, dark * dark, 0).sum(0) / m - mean * mean))
offset = mean.astype(np.float32)
noise = sd.astype(np.float32)
excluded = (noise == 0) | (noise > 5 * np.sort(noise)[px // 2]) | ~(g > 0)
thr = np.floor(offset.astype(np.float64) + np.maximum(0, (thr_kev - ic.astype(np.float64)) / g.astype(np.float64)))
thr = np.where(excluded, 65535, np.clip(thr, 0, 65535)).astype(np.uint16)  # 65535: never over (x > 65535 is impossible)
hist = np.zeros(px * bins, dtype=np.int64)
block = 4096
for f0 in range(ndark, frames, block):
    n = min(block, frames - f0)
    x = np.asarray(raw[f0 * px:(f0 + n) * px]).reshape(n, rows, cols)
    hit = x > thr.reshape(rows, cols)  # dense compare; everything after it works on the (sparse) hits only
    f, r, c = np.nonzero(hit)
    p = np.pad(hit, ((0, 0), (1, 1), (1, 1)))
    nb = np.zeros(f.size, dtype=bool)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr or dc:
                nb |= p[f, r + 1 + dr, c + 1 + dc]
    f, r, c = f[~nb], r[~nb], c[~nb]
    q = r * cols + c
    e = (x[f, r, c].astype(np.float32) - offset[q]) * g[q] + ic[q]
    b = np.floor((e.astype(np.float64) - 0.0) * (1.0 / bin_kev)).astype(np.int64)
    ok = (b >= 0) & (b < bins)
    hist += np.bincount(q[ok] * bins + b[ok], minlength=px * bins)
np.save(out, hist.reshape(rows, cols, bins).astype(np.float32))
print("NumPy: %d frames, %d events in %.2f s (in-process)" % (frames - ndark, hist.sum(), time.perf_counter() - t0))
