"""What a user writes with pandas to summarise a Maccor text export or an Arbin MITS CSV per cycle: the same quantities as
`solidscope cycling summary` (charge and discharge capacity and energy by the trapezoid rule, CE, the instrument's
capacities per cycle). Usage: pandas_real_layouts.py maccor|arbin FILE OUT.csv"""
import sys, time
import numpy as np, pandas as pd

t0 = time.perf_counter()
kind, path, out = sys.argv[1:4]
if kind == "maccor":
    with open(path, "rb") as f:
        skip = next(k for k, l in enumerate(f) if l.startswith(b"Rec\t"))
    df = pd.read_csv(path, sep="\t", skiprows=skip, encoding="latin-1", index_col=False,
                     usecols=["Cycle C", "Step", "TestTime", "Current [A]", "Voltage [V]", "Md", "Cap. [Ah]"])
    t = df["TestTime"].to_numpy() * 60  # this export writes minutes
    sign = np.select([df["Md"] == "C", df["Md"] == "D"], [1.0, -1.0], 0.0)
    i = np.where(sign != 0, np.abs(df["Current [A]"].to_numpy()) * sign, df["Current [A]"].to_numpy())
    v, c = df["Voltage [V]"].to_numpy(), df["Cycle C"].to_numpy()
    last = df.groupby(["Cycle C", "Step", "Md"], sort=False)["Cap. [Ah]"].last().reset_index()
    inst = last.assign(qc=np.where(last.Md == "C", last["Cap. [Ah]"], 0), qd=np.where(last.Md == "D", last["Cap. [Ah]"], 0)) \
        .groupby("Cycle C")[["qc", "qd"]].sum() * 1000
else:
    df = pd.read_csv(path, usecols=["Test_Time", "Cycle_Index", "Current", "Voltage", "Charge_Capacity", "Discharge_Capacity"])
    df["Cycle_Index"] = df["Cycle_Index"].ffill().fillna(1)
    t, i, v, c = (df[k].to_numpy() for k in ["Test_Time", "Current", "Voltage", "Cycle_Index"])
    inst = df.groupby("Cycle_Index")[["Charge_Capacity", "Discharge_Capacity"]].max().rename(
        columns={"Charge_Capacity": "qc", "Discharge_Capacity": "qd"}) * 1000
dt = np.diff(t)
im = 0.5 * (i[1:] + i[:-1])
pm = 0.5 * (v[1:] * i[1:] + v[:-1] * i[:-1])
g = pd.DataFrame({"cycle": c[1:], "qc": np.where(im > 0, im * dt, 0), "qd": np.where(im < 0, -im * dt, 0),
                  "ec": np.where(im > 0, pm * dt, 0), "ed": np.where(im < 0, -pm * dt, 0)}).groupby("cycle").sum() / 3.6
g["ce"] = g.qd / g.qc
g = g.join(inst, rsuffix="_instrument")
g.to_csv(out)
print("pandas: %d rows, %d cycles in %.2f s (in-process)" % (len(df), len(g), time.perf_counter() - t0))
