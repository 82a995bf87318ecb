#!/usr/bin/env bash
# The DRT of one spectrum with SolidScope and with pyDRTtools, same file, one run, whole process each (A B A B).
# The spectrum: two ZARCs (R∞ 10 Ω, 50 Ω at τ 0.1 s and 50 Ω at τ 1e-4 s, φ 0.8), 10⁶–10⁻² Hz at 10 per decade,
# σ 0.5 Ω on Re and Im (pyDRTtools' synthetic set, second arc added).
# Needs Debian's python3-numpy python3-scipy python3-cvxopt python3-pandas python3-matplotlib python3-sklearn and a
# checkout of pyDRTtools (https://github.com/ciuccislab/pyDRTtools): its directory as $1 or PYDRTTOOLS, else cloned.
set -euo pipefail
cd "$(dirname "$0")/.."
P=${1:-${PYDRTTOOLS:-bench/data/pyDRTtools}}
[ -d "$P/pyDRTtools" ] || git clone -q --depth 1 https://github.com/ciuccislab/pyDRTtools "$P"
D=bench/data/drt
mkdir -p "$D"
./solidscope --version >/dev/null
/usr/bin/python3 - "$D/two-zarc.csv" <<'PY'
import numpy as np, sys
rng = np.random.default_rng(1)
f = np.logspace(6, -2, 81)
w = 2 * np.pi * f
Z = 10 + 50 / (1 + (1j * w * 0.1) ** 0.8) + 50 / (1 + (1j * w * 1e-4) ** 0.8)
Z = Z + 0.5 * (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size))
np.savetxt(sys.argv[1], np.column_stack([f, Z.real, Z.imag]), delimiter=",", header="frequency_hz,z_real_ohm,z_imag_ohm", comments="", fmt="%.17g")
PY
for i in 1 2 3 4 5; do
  /usr/bin/time -f "%e" -o "$D/a$i.time" ./solidscope eis drt "$D/two-zarc.csv" --json "$D/solidscope.json" >/dev/null 2>&1
  /usr/bin/time -f "%e" -o "$D/b$i.time" /usr/bin/python3 bench/pydrttools_job.py "$P" "$D/two-zarc.csv" "$D/pydrttools.json" >/dev/null 2>&1
done
/usr/bin/python3 - "$D" <<'PY'
import json, statistics, sys
d = sys.argv[1]
a = statistics.median(float(open(f"{d}/a{i}.time").read()) for i in range(1, 6))
b = statistics.median(float(open(f"{d}/b{i}.time").read()) for i in range(1, 6))
o, p = json.load(open(d + "/solidscope.json")), json.load(open(d + "/pydrttools.json"))
print("peaks (τ, s), truth 1e-4 and 0.1:")
print("  SolidScope  ", ", ".join(f"{x['tauS']:.4g} ({x['resistanceOhm']:.1f} Ω)" for x in o["peaks"]), f"  λ {o['lambda']:.3g} (GCV)")
print("  pyDRTtools  ", ", ".join(f"{t:.4g}" for t in p["peaks_tau_s"]), f"  λ {p['lambda']:.3g} (GCV)")
print(f"whole process, median of 5: SolidScope {a:.2f} s, pyDRTtools {b:.2f} s (of which its DRT {p['compute_s']:.2f} s): {b / a:.1f}x")
PY
