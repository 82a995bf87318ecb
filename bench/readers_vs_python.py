"""The Python readers users have, on the real instrument files both read: rows and capacities side by side.

Run by bench/readers_vs_python.sh with the peers' checkouts on sys.path. For each file: what navani (which reads through
galvani and NewareNDA) returns — its rows and, per half cycle, the largest of its Capacity column summed over the charge
and over the discharge half cycles — against SolidScope's `cycling summary --json` (rows; the instrument's capacities
summed over the cycles). A file a reader refuses is listed with its reason.
"""
import contextlib, json, os, subprocess, sys, tempfile, warnings

warnings.filterwarnings("ignore")
import navani.echem as ec  # noqa: E402

root, ours_cmd, files = sys.argv[1], sys.argv[2], sys.argv[3:]
reasons = []
print("%-58s %-10s %9s %9s %12s %12s %12s %12s" % ("file", "reader", "rows", "ours", "charge mAh", "ours", "disch. mAh", "ours"))
for f in files:
    path = root + "/" + f
    try:
        tmp = os.path.join(tempfile.mkdtemp(), "s.json")
        subprocess.run([ours_cmd, "cycling", "summary", path, "--json", tmp], capture_output=True, text=True, check=True)
        doc = json.load(open(tmp))
        o_rows = doc["rows"]
        num = lambda x: 0.0 if x is None or x == "NaN" else float(x)  # noqa: E731
        o_qc = sum(num(c["instrument_charge_capacity_mah"]) for c in doc["cycles"])
        o_qd = sum(num(c["instrument_discharge_capacity_mah"]) for c in doc["cycles"])
    except Exception as e:  # noqa: BLE001
        o_rows, o_qc, o_qd = "refused", float("nan"), float("nan")
    try:
        with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
            df = ec.echem_file_loader(path)
        rows = len(df)
        if "Capacity" in df and "half cycle" in df:
            last = df.groupby("half cycle").agg(cap=("Capacity", "max"), cur=("Current", "mean"))
            qc = last.cap[last.cur > 0].sum()
            qd = last.cap[last.cur < 0].sum()
        else:
            qc = qd = float("nan")
    except Exception as e:  # noqa: BLE001
        rows, qc, qd = "refused", float("nan"), float("nan")
        reasons.append("%s: navani: %s: %s" % (f, type(e).__name__, str(e).splitlines()[0][:90]))
    print("%-58s %-10s %9s %9s %12.6g %12.6g %12.6g %12.6g" % (f, "navani", rows, o_rows, qc, o_qc, qd, o_qd))
for r in reasons:
    print(r)
