"""The pyDRTtools side of bench/drt_vs_pydrttools.sh: the DRT of one spectrum by ridge regression, as its
simple_run does it (Gaussian RBF, FWHM coefficient 0.5, 1st-order derivative penalty, combined Re-Im data, no
inductance, lambda by GCV), the peaks of gamma(tau) by scipy.signal.find_peaks, written as JSON.

  /usr/bin/python3 pydrttools_job.py PYDRTTOOLS_DIR SPECTRUM.csv OUT.json

Its package __init__ imports its Qt GUI; the submodules are imported without it.
"""
import json
import sys
import time
import types

t0 = time.perf_counter()
root, spectrum, out = sys.argv[1:4]
pkg = types.ModuleType("pyDRTtools")
pkg.__path__ = [root + "/pyDRTtools"]
sys.modules["pyDRTtools"] = pkg
import numpy as np  # noqa: E402
from scipy.signal import find_peaks  # noqa: E402
from pyDRTtools import runs  # noqa: E402

d = np.genfromtxt(spectrum, delimiter=",", skip_header=1)
entry = runs.EIS_object(d[:, 0], d[:, 1], d[:, 2])
t1 = time.perf_counter()
runs.simple_run(entry, rbf_type="Gaussian", data_used="Combined Re-Im Data", induct_used=0, der_used="1st order", cv_type="GCV",
                reg_param=1e-3, shape_control="FWHM Coefficient", coeff=0.5)
t2 = time.perf_counter()
tau, gamma = entry.out_tau_vec, entry.gamma
idx, _ = find_peaks(gamma, prominence=0.05 * gamma.max())
json.dump({"lambda": float(entry.lambda_value), "peaks_tau_s": [float(tau[i]) for i in idx], "r_inf_ohm": float(entry.x[0]) if hasattr(entry, "x") else None,
           "tau_s": list(map(float, tau)), "gamma_ohm": list(map(float, gamma)), "compute_s": t2 - t1, "import_s": t1 - t0}, open(out, "w"))
