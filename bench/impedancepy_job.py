"""The impedance.py side of bench/eis_vs_impedancepy.sh: one job per call, as a user's script would run it.

  python3 impedancepy_job.py IMPEDANCEPY_DIR reference OUT.json      fits and lin-KK of impedance.py's own test data
  python3 impedancepy_job.py IMPEDANCEPY_DIR simulate DIR N           N noisy spectra of R0-p(R1,C1)-p(R2-Wo1,C2) as CSV
  python3 impedancepy_job.py IMPEDANCEPY_DIR fit DIR OUT.csv [converged]   CustomCircuit.fit on every spectrum of DIR, in a loop
                                                                         (converged: xtol = gtol = ftol = 1e-15 passed to curve_fit)
  python3 impedancepy_job.py IMPEDANCEPY_DIR kk DIR OUT.csv           linKK on every spectrum of DIR, in a loop

impedance.py imports altair and matplotlib for its plots only; where they are not installed, empty stand-ins
let it import (no plot is drawn here).
"""
import glob
import json
import os
import sys
import time
import types

root, job = sys.argv[1], sys.argv[2]
for name in ("altair", "matplotlib", "matplotlib.pyplot"):
    try:
        __import__(name)
    except ImportError:
        sys.modules[name] = types.ModuleType(name)
if "impedance.visualization" not in sys.modules:
    try:
        import altair  # noqa: F401
        import matplotlib.pyplot  # noqa: F401
        if not hasattr(altair, "Chart"):
            raise ImportError
    except ImportError:
        vis = types.ModuleType("impedance.visualization")
        vis.plot_altair = vis.plot_bode = vis.plot_nyquist = vis.plot_residuals = None
        sys.modules["impedance.visualization"] = vis
sys.path.insert(0, root)

import numpy as np  # noqa: E402
from impedance import preprocessing  # noqa: E402
from impedance.models.circuits import CustomCircuit  # noqa: E402
from impedance.validation import linKK  # noqa: E402

CIRCUIT = "R0-p(R1,C1)-p(R2-Wo1,C2)"
GUESS = [.01, .01, 100, .01, .05, 100, 1]
TRUTH = [0.0165, 0.0087, 3.32, 0.0054, 0.0637, 237.8, 0.2195]


def read(path):
    d = np.genfromtxt(path, delimiter=",", skip_header=1)
    return d[:, 0], d[:, 1] + 1j * d[:, 2]


if job == "reference":
    out = {}
    f, Z = preprocessing.readCSV(os.path.join(root, "data", "exampleData.csv"))
    f, Z = preprocessing.ignoreBelowX(f, Z)
    c = CustomCircuit(CIRCUIT, initial_guess=GUESS)
    c.fit(f, Z)
    out["custom"] = {"parameters": list(c.parameters_), "stderr": list(c.conf_)}
    r = CustomCircuit("R0-p(R1-Wo1,C1)", initial_guess=[.01, .005, .01, 200, .1])
    r.fit(f, Z)
    out["randles"] = {"parameters": list(r.parameters_), "stderr": list(r.conf_)}
    # the same model to convergence by MINPACK's Levenberg-Marquardt (SciPy), to tell the minimum from where TRF stopped
    from scipy.optimize import least_squares
    from impedance.models.circuits.fitting import wrapCircuit
    model = wrapCircuit(CIRCUIT, {})
    res = least_squares(lambda p: np.array(model(f, *p)) - np.hstack([Z.real, Z.imag]), GUESS, method="lm", ftol=1e-13, xtol=1e-13, max_nfev=100000)
    out["custom_minpack"] = {"parameters": list(res.x), "cost": float(res.cost)}
    trf = np.array(model(f, *c.parameters_)) - np.hstack([Z.real, Z.imag])
    out["custom"]["cost"] = float(0.5 * np.sum(trf ** 2))
    f3, Z3 = preprocessing.readZPlot(os.path.join(root, "data", "Circuit3_EIS_1.z"))
    M, mu, Zfit, rr, ri = linKK(f3, Z3, c=.69)
    out["linkk"] = {"M": int(M), "mu": float(mu), "residual_real": list(rr), "residual_imag": list(ri)}
    json.dump(out, open(sys.argv[3], "w"))
elif job == "simulate":
    rng = np.random.default_rng(2026)
    d, n = sys.argv[3], int(sys.argv[4])
    os.makedirs(d, exist_ok=True)
    f = np.logspace(4, -2, 61)
    base = CustomCircuit(CIRCUIT, initial_guess=TRUTH)
    for i in range(n):
        truth = np.array(TRUTH) * np.exp(0.2 * rng.standard_normal(7))  # each spectrum its own cell
        z = CustomCircuit(CIRCUIT, initial_guess=list(truth)).predict(f, use_initial=True)
        z = z + 0.005 * np.abs(z) * (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size))
        np.savetxt(os.path.join(d, "s%04d.csv" % i), np.column_stack([f, z.real, z.imag]), delimiter=",",
                   header="frequency_hz,z_real_ohm,z_imag_ohm", comments="", fmt="%.17g")
elif job == "fit":
    t0 = time.perf_counter()
    rows = []
    for path in sorted(glob.glob(os.path.join(sys.argv[3], "*.csv"))):
        f, Z = read(path)
        c = CustomCircuit(CIRCUIT, initial_guess=GUESS)
        if len(sys.argv) > 5 and sys.argv[5] == "converged":
            c.fit(f, Z, xtol=1e-15, gtol=1e-15, ftol=1e-15)
        else:
            c.fit(f, Z)
        rows.append([os.path.basename(path)] + list(c.parameters_))
    with open(sys.argv[4], "w") as o:
        for r in rows:
            o.write(",".join(str(x) for x in r) + "\n")
    print("fitted %d spectra in %.1f s (in-process)" % (len(rows), time.perf_counter() - t0))
elif job == "chi2":
    # chi-square of two parameter tables on every spectrum, by impedance.py's own model: which found the lower minimum
    from impedance.models.circuits.fitting import wrapCircuit
    model = wrapCircuit(CIRCUIT, {})
    def table(path, skip):
        rows = {}
        for line in open(path).read().splitlines()[skip:]:
            p = line.split(",")
            rows[p[0]] = [float(x) for x in (p[1:15:2] if skip else p[1:8])]
        return rows
    ours, theirs = table(sys.argv[4], 1), table(sys.argv[5], 0)
    lower = equal = higher = 0
    for name, p in theirs.items():
        f, Z = read(os.path.join(sys.argv[3], name))
        data = np.hstack([Z.real, Z.imag])
        a = np.sum((np.array(model(f, *ours[name])) - data) ** 2)
        b = np.sum((np.array(model(f, *p)) - data) ** 2)
        if abs(a - b) <= 1e-9 * b:
            equal += 1
        elif a < b:
            lower += 1
        else:
            higher += 1
    print("chi2 of SolidScope's parameters against impedance.py's: lower on %d, equal (1e-9) on %d, higher on %d spectra" % (lower, equal, higher))
elif job == "kk":
    t0 = time.perf_counter()
    rows = []
    for path in sorted(glob.glob(os.path.join(sys.argv[3], "*.csv"))):
        f, Z = read(path)
        M, mu, *_ = linKK(f, Z, c=0.85)
        rows.append("%s,%d,%.17g" % (os.path.basename(path), M, mu))
    with open(sys.argv[4], "w") as o:
        o.write("\n".join(rows) + "\n")
    print("lin-KK of %d spectra in %.2f s (in-process)" % (len(rows), time.perf_counter() - t0))
