"""Reference for `solidscope ut gate`: NumPy peak |a| and its index in a time gate, on the same file.

Usage: python3 numpy_gate.py VOLUME.npy G0 G1 [REPEATS]
Loads the volume into memory (outside the timing), then times
    s = np.abs(a[..., g0:g1]); peak = s.max(-1); index = s.argmax(-1)
and prints the best time.
"""
import sys
import time

import numpy as np

path, g0, g1 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
a = np.load(path)
best = float("inf")
for _ in range(repeats):
    t0 = time.perf_counter()
    s = np.abs(a[..., g0:g1])
    peak = s.max(-1)
    index = s.argmax(-1)
    best = min(best, time.perf_counter() - t0)
gated = a.shape[0] * a.shape[1] * (g1 - g0)
print(f"numpy {np.__version__}: shape {a.shape}, gate [{g0}, {g1}) = {g1 - g0} samples/trace: best {best * 1e3:.0f} ms, "
      f"{gated / best / 1e6:.0f} Msamples/s gated, {a.nbytes / best / 2**30:.2f} GiB/s of file")
