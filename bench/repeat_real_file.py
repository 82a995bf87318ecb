"""A real cycler file's rows repeated to a size, in the file's own layout: each repetition continues the clocks, record
numbers and cycle numbers where the one before ended. Usage: repeat_real_file.py maccor|arbin SOURCE OUT BYTES"""
import datetime as dt, sys

kind, src, out, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
lines = open(src, "rb").read().split(b"\n")
if kind == "maccor":  # maccor_002.txt: 13 preamble lines, header, blank, tab-separated rows
    h = next(k for k, l in enumerate(lines) if l.startswith(b"Rec\t"))
    head, rows = lines[:h + 2], [l.split(b"\t") for l in lines[h + 2:] if l.strip()]
    T, C, W, R = 4, 2, 12, 0  # TestTime (min), Cycle C, DPT Time, Rec
    fmt = "%m/%d/%Y %I:%M:%S %p"
    wall = [dt.datetime.strptime(r[W].decode(), fmt) for r in rows]
    span_min = float(rows[-1][T]) + 1.0
    sep = b"\t"
else:  # an Arbin MITS export without units: Data_Point, Test_Time, DateTime (epoch s), …, Cycle_Index
    head, rows = lines[:1], [l.split(b",") for l in lines[1:] if l.strip()]
    T, C, W, R = 1, 5, 2, 0
    span_min = (float(rows[-1][T]) + 1.0) / 60
    sep = b","
ncyc = max([int(r[C]) for r in rows if r[C]], default=0)  # BEEP's CH33 export leaves Cycle_Index empty
written = 0
with open(out, "wb") as f:
    f.write(b"\n".join(head) + b"\n")
    k = 0
    while written < size:
        buf = []
        for j, r in enumerate(rows):
            r = list(r)
            if kind == "maccor":
                r[T] = b"%.6f" % (float(r[T]) + k * span_min)
                r[W] = (wall[j] + dt.timedelta(minutes=k * span_min)).strftime(fmt).lstrip("0").replace(" 0", " ").encode()
            else:
                r[T] = b"%.4f" % (float(r[T]) + k * span_min * 60)
                r[W] = b"%.2f" % (float(r[W]) + k * span_min * 60)
            if r[C]:
                r[C] = b"%d" % (int(r[C]) + k * ncyc)
            r[R] = b"%d" % (int(r[R]) + k * len(rows))
            buf.append(sep.join(r))
        data = b"\n".join(buf) + b"\n"
        f.write(data)
        written += len(data)
        k += 1
print("%s: %d repetitions, %d rows, %.2f GB" % (out, k, k * len(rows), written / 1e9))
