#!/usr/bin/env bash
# Impedance against impedance.py, same files, one run:
#  1. the figures impedance.py's own tests assert on its example data (exampleData.csv, Circuit3_EIS_1.z), side by side;
#  2. fitting 1,000 simulated spectra of the 7-parameter circuit R0-p(R1,C1)-p(R2-Wo1,C2) from the same guesses:
#     the whole process each (file in, table out), A B A B; and SolidScope warm (best of 5 in one JVM);
#  3. lin-KK on the same 1,000 spectra, whole process each.
# Needs python3 with numpy and scipy (Debian: python3-scipy) and a checkout of impedance.py
# (https://github.com/ECSHackWeek/impedance.py): give its directory as $1 or IMPEDANCEPY, else it is cloned.
set -euo pipefail
cd "$(dirname "$0")/.."
IPY=${1:-${IMPEDANCEPY:-bench/data/impedance.py}}
[ -d "$IPY/impedance" ] || git clone -q --depth 1 https://github.com/ECSHackWeek/impedance.py "$IPY"
D=bench/data/eis
rm -rf "$D" && mkdir -p "$D"
./solidscope --version >/dev/null   # build once, outside the timings
echo "== versions"
./solidscope --version 2>/dev/null
python3 -c "import numpy, scipy, sys; print('Python', sys.version.split()[0], 'NumPy', numpy.__version__, 'SciPy', scipy.__version__)"
echo "impedance.py $(git -C "$IPY" log -1 --format='%h %cs' 2>/dev/null || echo '(no git)')"

echo "== 1. impedance.py's test data"
python3 bench/impedancepy_job.py "$IPY" reference "$D/ref.json" >/dev/null
./solidscope eis fit "$IPY/data/exampleData.csv" --drop-inductive --weighting unit --circuit 'R0-p(R1,C1)-p(R2-Wo1,C2)' \
    --initial .01,.01,100,.01,.05,100,1 --json "$D/custom.json" >/dev/null
./solidscope eis fit "$IPY/data/exampleData.csv" --drop-inductive --weighting unit --circuit 'R0-p(R1-Wo1,C1)' \
    --initial .01,.005,.01,200,.1 --json "$D/randles.json" >/dev/null
./solidscope eis kk "$IPY/data/Circuit3_EIS_1.z" --c 0.69 --json "$D/kk.json" >/dev/null
python3 - "$D" <<'PY'
import json, sys
d = sys.argv[1]
ref = json.load(open(d + "/ref.json"))
def ours(name):
    return json.load(open(d + "/" + name + ".json"))
for key, name, asserted in [("custom", "custom", [1.65e-2, 8.68e-3, 3.32, 5.39e-3, 6.31e-2, 2.33e2, 2.20e-1]),
                            ("randles", "randles", [1.86235717e-02, 1.16804085e-02, 6.27121224e-02, 2.21232935e+02, 1.17171440e+00])]:
    o = ours(name)
    print(f"{o['circuit']} on exampleData.csv (Z'' < 0 points, unit weights):")
    print(f"  {'param':8s} {'SolidScope':>13s} {'± 1σ':>10s} {'impedance.py':>13s} {'± 1σ':>10s} {'rel diff':>9s} {'its test asserts':>16s}")
    for k, p in enumerate(o["parameters"]):
        r, u = ref[key]["parameters"][k], ref[key]["stderr"][k]
        print(f"  {p['name']:8s} {p['value']:13.6g} {p['stderr']:10.3g} {r:13.6g} {u:10.3g} {100 * (p['value'] - r) / r:8.3f}% {asserted[k]:16.6g}")
    if key == "custom":
        mp = ref["custom_minpack"]
        print(f"  chi2: SolidScope {o['chi2']:.6e}, impedance.py (TRF) {2 * ref['custom']['cost']:.6e}, SciPy MINPACK LM {2 * mp['cost']:.6e}")
        worst = max(abs(p['value'] - mp['parameters'][k]) / mp['parameters'][k] for k, p in enumerate(o['parameters']))
        print(f"  largest difference from MINPACK's converged minimum: {100 * worst:.4f} %")
k = ours("kk")
print(f"lin-KK on Circuit3_EIS_1.z, c = 0.69: SolidScope M = {k['M']}, mu = {k['mu']:.16f}; impedance.py M = {ref['linkk']['M']}, mu = {ref['linkk']['mu']:.16f};"
      f" its test asserts M = 10, mu = 0.6843821117885378")
rr = max(abs(a - b) for a, b in zip(k["residual_real_relative"], ref["linkk"]["residual_real"]))
ri = max(abs(a - b) for a, b in zip(k["residual_imag_relative"], ref["linkk"]["residual_imag"]))
print(f"  residuals: largest difference {max(rr, ri):.2e} (relative to |Z|)")
PY

echo "== 2. fitting 1,000 simulated spectra, whole process each (A = SolidScope, B = impedance.py)"
python3 bench/impedancepy_job.py "$IPY" simulate "$D/spectra" 1000
RUNS=${RUNS:-3}
for i in $(seq 1 "$RUNS"); do
  /usr/bin/time -f "%e %M" -o "$D/a$i.time" ./solidscope eis series "$D/spectra" --circuit 'R0-p(R1,C1)-p(R2-Wo1,C2)' \
      --initial .01,.01,100,.01,.05,100,1 --weighting unit --no-warm-start --out "$D/solidscope.csv" >/dev/null 2>&1
  /usr/bin/time -f "%e %M" -o "$D/b$i.time" python3 bench/impedancepy_job.py "$IPY" fit "$D/spectra" "$D/impedancepy.csv" >/dev/null
  echo "  run $i: SolidScope $(cut -d' ' -f1 "$D/a$i.time") s ($(( $(cut -d' ' -f2 "$D/a$i.time") / 1024 )) MB), impedance.py $(cut -d' ' -f1 "$D/b$i.time") s ($(( $(cut -d' ' -f2 "$D/b$i.time") / 1024 )) MB)"
done
./solidscope bench --eis-series "$D/spectra" --circuit 'R0-p(R1,C1)-p(R2-Wo1,C2)' --initial .01,.01,100,.01,.05,100,1 --iterations 5 2>/dev/null | tee "$D/warm.txt"
# agreement: impedance.py once more, run to convergence (its trust-region solver otherwise stops on flat valleys)
/usr/bin/time -f "%e" -o "$D/c.time" python3 bench/impedancepy_job.py "$IPY" fit "$D/spectra" "$D/impedancepy-converged.csv" converged >/dev/null 2>&1
python3 - "$D" "$RUNS" <<'PY'
import statistics, sys
d, runs = sys.argv[1], int(sys.argv[2])
a = statistics.median(float(open(f"{d}/a{i}.time").read().split()[0]) for i in range(1, runs + 1))
b = statistics.median(float(open(f"{d}/b{i}.time").read().split()[0]) for i in range(1, runs + 1))
print(f"  medians: SolidScope {a:.2f} s, impedance.py {b:.2f} s: SolidScope {b / a:.1f}x faster (whole process, cold)")
ours = {}
for line in open(d + "/solidscope.csv").read().splitlines()[1:]:
    p = line.split(",")
    ours[p[0]] = [float(p[1 + 2 * k]) if p[1 + 2 * k] else float("nan") for k in range(7)]
for name, label in [("impedancepy", "as run by default"), ("impedancepy-converged", "run to convergence (xtol = gtol = ftol = 1e-15, %s s)" % open(d + "/c.time").read().strip())]:
    same = total = 0
    worst = []
    for line in open(d + "/" + name + ".csv").read().splitlines():
        p = line.split(",")
        theirs = [float(x) for x in p[1:]]
        rel = max(abs(o - t) / abs(t) for o, t in zip(ours[p[0]], theirs))
        worst.append(rel)
        total += 1
        same += rel <= 1e-3
    worst.sort()
    print(f"  impedance.py {label}: same parameters within 0.1 % on {same} of {total} spectra; median largest difference {100 * worst[len(worst) // 2]:.4f} %")
PY
printf '  '; python3 bench/impedancepy_job.py "$IPY" chi2 "$D/spectra" "$D/solidscope.csv" "$D/impedancepy.csv" 2>/dev/null

echo "== 3. lin-KK of the same 1,000 spectra, whole process each"
for i in $(seq 1 "$RUNS"); do
  /usr/bin/time -f "%e" -o "$D/ka$i.time" ./solidscope eis kk "$D/spectra" --out "$D/solidscope-kk.csv" >/dev/null 2>&1
  /usr/bin/time -f "%e" -o "$D/kb$i.time" python3 bench/impedancepy_job.py "$IPY" kk "$D/spectra" "$D/impedancepy-kk.csv" >/dev/null
done
python3 - "$D" "$RUNS" <<'PY'
import statistics, sys
d, runs = sys.argv[1], int(sys.argv[2])
a = statistics.median(float(open(f"{d}/ka{i}.time").read()) for i in range(1, runs + 1))
b = statistics.median(float(open(f"{d}/kb{i}.time").read()) for i in range(1, runs + 1))
ours = {l.split(",")[0]: l.split(",")[1:3] for l in open(d + "/solidscope-kk.csv").read().splitlines()[1:]}
agree = sum(1 for l in open(d + "/impedancepy-kk.csv").read().splitlines()
            if ours[l.split(",")[0]][0] == l.split(",")[1] and abs(float(ours[l.split(",")[0]][1]) - float(l.split(",")[2])) < 1e-9)
print(f"  medians: SolidScope {a:.2f} s, impedance.py {b:.2f} s: SolidScope {b / a:.1f}x faster (whole process); same M and mu (1e-9) on {agree} of 1000")
PY
