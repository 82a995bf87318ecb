"""The Python side of bench/cold_vs_python.sh: one job per process, file in to file out, as a user's script does it.

Usage: python3 cold_jobs.py JOB IN OUT [ARGS]
  median IN OUT          scipy.ndimage.median_filter size 3, mode reflect (uint16 in, uint16 out)
  open-grey IN OUT       scipy.ndimage.grey_opening, footprint skimage ball(3)
  open-binary IN OUT     skimage.morphology.binary_opening, ball(3) (mask in, uint8 out)
  label IN OUT           skimage.measure.label, connectivity 3 (26-connected), int32 out
  iradon IN OUT          skimage.transform.iradon, ramp filter, 720 angles over 180 degrees (sinogram [angles, detectors])
  gate IN OUT G0 G1      np.load, peak |a| in samples [G0, G1) and its index, np.save of the peaks
  tortuosity IN OUT TF   TauFactor (checkout TF) on the pore phase (mask == 0), CPU, 2 threads; tau written as JSON
"""
import sys

import numpy as np

job, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
if job == "median":
    from scipy import ndimage
    np.save(out, ndimage.median_filter(np.load(src), size=3, mode="reflect"))
elif job == "open-grey":
    from scipy import ndimage
    from skimage.morphology import ball
    np.save(out, ndimage.grey_opening(np.load(src), footprint=ball(3).astype(bool)))
elif job == "open-binary":
    from skimage.morphology import ball, binary_opening
    np.save(out, binary_opening(np.load(src).astype(bool), ball(3)).astype(np.uint8))
elif job == "label":
    from skimage.measure import label
    np.save(out, label(np.load(src).astype(bool), connectivity=3).astype(np.int32))
elif job == "iradon":
    from skimage.transform import iradon
    s = np.load(src).T.astype(np.float64)
    np.save(out, iradon(s, theta=np.linspace(0.0, 180.0, s.shape[1], endpoint=False), filter_name="ramp").astype(np.float32))
elif job == "gate":
    g0, g1 = int(sys.argv[4]), int(sys.argv[5])
    a = np.load(src)
    s = np.abs(a[..., g0:g1].astype(np.int32))
    np.save(out, s.max(-1).astype(np.int16))
    np.save(out + ".index.npy", s.argmax(-1).astype(np.int32))
elif job == "tortuosity":
    import json
    import types
    import torch
    ip = types.ModuleType("IPython"); ipd = types.ModuleType("IPython.display"); ipd.clear_output = lambda **k: None
    ip.display = ipd; sys.modules["IPython"] = ip; sys.modules["IPython.display"] = ipd
    sys.path.insert(0, sys.argv[4])
    import taufactor as tau_f
    torch.set_num_threads(2)
    s = tau_f.Solver((np.load(src) == 0).astype(np.uint8), device="cpu")
    s.solve(verbose=False)
    json.dump({"tau": float(s.tau)}, open(out, "w"))
else:
    sys.exit("unknown job " + job)
