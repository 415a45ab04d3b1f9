"""Deterministic randomness: one PCG64 stream per component, and UUIDs drawn from it.

Each component (people, leave, each month's punches ...) gets its own stream derived from the
seed and a label, so the output for a seed does not depend on the order components run in.
"""

from __future__ import annotations

import zlib

import numpy as np


def component_rng(seed: int, *labels: str) -> np.random.Generator:
    """A ``Generator(PCG64)`` for ``seed`` and the component ``labels``."""
    if seed < 0:
        raise ValueError("seed must be >= 0")
    key = [seed, *(zlib.crc32(label.encode()) for label in labels)]
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(key)))


def time_ordered_uuids(rng: np.random.Generator, millis: np.ndarray) -> np.ndarray:
    """UUID version-7 strings: 48-bit ``millis`` (Unix ms) then 74 bits from ``rng``.

    Time-ordered keys are what modern apps generate, and they keep the primary-key index
    append-mostly when millions of reports are inserted.
    """
    n = len(millis)
    raw = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    stamp = np.asarray(millis, dtype=">u8").view(np.uint8).reshape(n, 8)
    raw[:, :6] = stamp[:, 2:]
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x70  # version 7
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
    hexed = np.frombuffer(raw.tobytes().hex().encode("ascii"), dtype=np.uint8).reshape(n, 32)
    out = np.full((n, 36), ord("-"), dtype=np.uint8)
    for source, target in ((0, 0), (8, 9), (12, 14), (16, 19), (20, 24)):
        width = {0: 8, 20: 12}.get(source, 4)
        out[:, target : target + width] = hexed[:, source : source + width]
    return out.view("S36").ravel().astype("U36")
