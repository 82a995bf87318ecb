#!/usr/bin/env bash
# The cycler files of shared/realdata read by the Python readers users have (navani, which reads through galvani and
# NewareNDA) and by SolidScope: rows and capacities side by side (bench/readers_vs_python.py).
# Needs Debian's python3-pandas, python3-scipy, python3-matplotlib (and mdbtools for navani's .res) and checkouts of
# navani (github.com/be-smith/navani), galvani (github.com/echemdata/galvani) and NewareNDA
# (github.com/Solid-Energy-Systems/NewareNDA): give their directories as NAVANI, GALVANI, NEWARENDA.
set -euo pipefail
cd "$(dirname "$0")/.."
R=${REALDATA:-../shared/realdata}
./solidscope --version >/dev/null
for d in "$NAVANI" "$GALVANI" "$NEWARENDA"; do echo "$(basename "$d") $(git -C "$d" log -1 --format='%h %cs' 2>/dev/null || echo '(no git)')"; done
PYTHONPATH="$NAVANI:$GALVANI:$NEWARENDA" /usr/bin/python3 bench/readers_vs_python.py "$R" ./solidscope \
  cellpy/maccor_002.txt beep/PreDiag_000229_000229_truncated.034 beep/PredictionDiagnostics_000151_test.052 \
  beep/2017-05-09_test-TC-contact_CH33.csv cellpy/neware_uio.csv cellpy/pec.csv cellpy/biol.mpr \
  navani/jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data_C09.mpr navani/00_test_01_OCV_C01.mpr navani/00_test_02_MB_C01.mpr \
  navani/arbin_example.res navani/bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx navani/test.nda navani/test.ndax
