"""Helpers for the suites that derive malformed programs from good ones (loader-errors, pe)."""
import os
import struct


def put(out, name, data):
    """Write data as an executable file out/name."""
    path = os.path.join(out, name)
    with open(path, 'wb') as f:
        f.write(data)
    os.chmod(path, 0o755)


def patch(data, off, fmt, *vals):
    """A copy of data with vals packed little-endian by fmt at off."""
    d = bytearray(data)
    struct.pack_into('<' + fmt, d, off, *vals)
    return bytes(d)
