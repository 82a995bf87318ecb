#!/usr/bin/env bash
# Tortuosity of the pore phase of a 200^3 porous phantom: SolidScope's `ct tortuosity` against
# TauFactor (its public repository, github.com/tldr-group/taufactor, run on CPU with Debian's
# python3-torch) on the same mask in one run, at TauFactor's default convergence criterion.
# Usage: bench/tortuosity_vs_taufactor.sh [path to a taufactor checkout] [size]
set -euo pipefail
cd "$(dirname "$0")/.."
TF=${1:-${TAUFACTOR_DIR:-}}
N=${2:-200}
PY=${PYTHON:-/usr/bin/python3}
[ -n "$TF" ] && [ -d "$TF/taufactor" ] || { echo "give the path of a taufactor checkout (git clone https://github.com/tldr-group/taufactor)" >&2; exit 3; }
"$PY" -c "import torch, matplotlib" 2>/dev/null || { echo "needs python3-torch and python3-matplotlib (apt-get install python3-torch python3-matplotlib)" >&2; exit 3; }
D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
./solidscope ct phantom --size "$N" --porosity 0.35 --out "$D/vol.npy" >/dev/null
./solidscope ct threshold "$D/vol.npy" --out "$D/mask.npy" >/dev/null
./solidscope ct tortuosity "$D/mask.npy" --phase 0 --axis z --json "$D/tau.json" >/dev/null
"$PY" - "$D" "$TF" <<'PY'
import json, sys, time, types
import numpy as np, torch
d, tf = sys.argv[1], sys.argv[2]
# TauFactor imports IPython only to clear notebook output; a stand-in keeps it out of the way
ip = types.ModuleType("IPython"); ipd = types.ModuleType("IPython.display"); ipd.clear_output = lambda **k: None
ip.display = ipd; sys.modules["IPython"] = ip; sys.modules["IPython.display"] = ipd
sys.path.insert(0, tf)
import taufactor as tau_f
torch.set_num_threads(2)
pores = (np.load(f"{d}/mask.npy") == 0).astype(np.uint8)
t = time.perf_counter()
s = tau_f.Solver(pores, device="cpu")
s.solve(verbose=False)
t_tf = time.perf_counter() - t
tau_tf = float(np.ravel(s.tau)[0])
j = json.load(open(f"{d}/tau.json"))["results"][0]
print(f"tortuosity, pore phase of a {pores.shape[0]}^3 phantom (volume fraction {pores.mean():.3f}), axis 0, TauFactor's criterion:")
print(f"  SolidScope tau {j['tau']:.4f} in {j['elapsed_ms'] / 1e3:.1f} s ({j['iterations']} CG iterations)")
print(f"  TauFactor (git {open(tf + '/.git-commit').read().strip() if __import__('os').path.exists(tf + '/.git-commit') else 'checkout'}) tau {tau_tf:.4f} in {t_tf:.1f} s ({s.iter} SOR iterations), torch {torch.__version__}, {torch.get_num_threads()} threads")
print(f"  speed ratio {t_tf / (j['elapsed_ms'] / 1e3):.1f}x; tau difference {100 * abs(j['tau'] - tau_tf) / tau_tf:.2f} %")
PY
