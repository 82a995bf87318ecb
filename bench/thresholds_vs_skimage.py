#!/usr/bin/env python3
"""Reference thresholds from scikit-image for the histograms of ThresholdsTest (histA, histB).

Run with Debian's python3-skimage: /usr/bin/python3 bench/thresholds_vs_skimage.py
The printed values are the ones ThresholdsTest.equalScikitImageOnTheSameHistograms asserts."""
import numpy as np, skimage.filters as f
def hist_a():
    i = np.arange(4096, dtype=np.int64)
    h = np.zeros(4096, dtype=np.int64)
    for a, c, r in [(20000, 800, 260), (50000, 2000, 430), (15000, 3200, 350)]:
        h += np.maximum(0, a * (r * r - (i - c) ** 2) // (r * r))
    return h
def hist_b():
    i = np.arange(3001, dtype=np.int64)
    return np.where(i < 200, 500 * i, 100000 * 40000 // np.maximum(i * i, 1))
for name, h in [("A", hist_a()), ("B", hist_b())]:
    img = np.repeat(np.arange(len(h)), h).astype(np.uint16)
    print(name, "n", img.size, "otsu", f.threshold_otsu(img), "multiotsu", f.threshold_multiotsu(img, classes=3),
          "isodata", f.threshold_isodata(img), "li", f.threshold_li(img), "triangle", f.threshold_triangle(img))
