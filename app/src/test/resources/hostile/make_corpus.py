#!/usr/bin/env python3
"""Writes the hostile-input corpus beside this script. Every file is crafted here, by the project,
to reproduce a fault found by trying SolidScope as an attacker would (see README.md)."""
import json, os, random, struct

here = os.path.dirname(os.path.abspath(__file__))

def put(name, data):
    with open(os.path.join(here, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())

# a classic TIFF of one 8x8 8-bit page whose next-IFD pointer points back at the same IFD
def tiff_loop():
    entries = [(256, 3, 1, 8), (257, 3, 1, 8), (258, 3, 1, 8), (259, 3, 1, 1), (273, 4, 1, 0), (277, 3, 1, 1),
               (278, 3, 1, 8), (279, 4, 1, 64)]
    ifd_off = 8
    data_off = ifd_off + 2 + 12 * len(entries) + 4
    out = bytearray(b'II' + struct.pack('<HI', 42, ifd_off))
    out += struct.pack('<H', len(entries))
    for tag, typ, cnt, val in entries:
        if tag == 273:
            val = data_off
        out += struct.pack('<HHI', tag, typ, cnt) + (struct.pack('<HH', val, 0) if typ == 3 else struct.pack('<I', val))
    out += struct.pack('<I', ifd_off)  # next IFD: itself
    out += bytes(64)
    out += bytes(2048 - len(out))
    return bytes(out)

put('tiff-ifd-loop.tif', tiff_loop())

# nested repeats: 1000 x 1000 x 1000 layers from a few hundred bytes
layer = {"material": "aluminium", "thickness_um": 1}
put("stack-nested-repeat.json", json.dumps({"stack_version": 1, "layers": [{"repeat": 1000, "layers": [{"repeat": 1000, "layers": [
    {"repeat": 1000, "layers": [layer]}]}]}]}))

# a raw volume sidecar whose shape is 20 GB of uint16 (the test makes the matching sparse data file)
put('raw-20gb.raw.json', json.dumps({"shape": [10000, 1000, 1000], "dtype": "uint16", "voxel_um": 1}))

# an A-scan sidecar: 100,000 x 1,000 points of 100 int16 samples = 20 GB (sparse data file made by the test)
put('ascan-20gb.raw.json', json.dumps({"shape": [100000, 1000, 100], "dtype": "int16", "byte_order": "little",
                                     "sample_rate_mhz": 25, "pitch_mm": 0.5}))

# random bytes named as a C-scan CSV
rnd = random.Random(18)
put('random-bytes.csv', bytes(rnd.randrange(256) for _ in range(4096)))

# a C-scan whose one value overflows float32
put('huge-value.csv', "# pitch_mm: 1\n# gain_db: 15\n1,2,3\n4,1e300,6\n")

# .npy whose header claims more bytes than the file has, padded with NUL
put('npy-truncated-header.npy', b'\x93NUMPY\x01\x00' + struct.pack('<H', 400) + b"{'descr': '<u2'" + bytes(20))

# .npy with a negative dimension
h = "{'descr': '<u2', 'fortran_order': False, 'shape': (-71, 3, 3), }"
h = h + ' ' * (63 - len(h)) + '\n'
put('npy-negative-shape.npy', b'\x93NUMPY\x01\x00' + struct.pack('<H', len(h)) + h.encode())

# .npy version 2 whose header length is 4 GiB
put('npy-header-4gib.npy', b'\x93NUMPY\x02\x00' + struct.pack('<I', 0xFFFFFFFF) + b"{'descr'")

# a float64 volume 2 x 2 x 2
h = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, 2), }"
h = h + ' ' * (63 - len(h)) + '\n'
put('float64-volume.npy', b'\x93NUMPY\x01\x00' + struct.pack('<H', len(h)) + h.encode() + struct.pack('<8d', *range(8)))

# specifications: only the version (once turned FAIL into PASS), and a misspelt metric
put('spec-partial.json', '{"spec_version":1}')
put('spec-unknown-metric.json', json.dumps({"spec_version": 1, "rules": {"infiltration": [{"metric": "transmiting_fraction", "fail_below": 0.85}],
                                                                         "solidification": [], "formation": [], "comparison": []}}))
# a 74-byte PNG whose header claims 60,000 x 60,000 16-bit pixels (7 GB decoded), with a valid sidecar
import zlib
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
put('png-huge-header.png', b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 60000, 60000, 16, 0, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(bytes(1000))) + chunk(b'IEND', b''))
put('png-huge-header.png.json', json.dumps({"pitch_mm": 0.5, "gain_db": 15}))

# a sidecar that is not JSON (the parser's own message once leaked "REDACTED (StreamReadFeature...)")
put('bad-sidecar.npy.json', '{"pitch_mm": 0.5,\n "gain_db": }')
