"""Attendance devices (app ``attendance_device``): one row per fingerprint/face terminal.

Each UPT has its own 1-3 devices; head-office units share the devices of their eselon I building
in Jakarta. An employee punches on a device of their unit or of its nearest ancestor with one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from simulator.org_tree import ancestor_or_self
from simulator.randomness import component_rng

_PUSAT_DEVICES = {
    "KEMENSOS": 2,
    "SETJEN": 3,
    "ITJEN": 2,
    "DITJEN-LINJAMSOS": 2,
    "DITJEN-REHSOS": 2,
    "DITJEN-DAYASOS": 2,
}
_PUSAT_BUILDING = {
    "KEMENSOS": "Gedung A Kantor Pusat Kementerian Sosial, Jl. Salemba Raya No. 28, Jakarta Pusat",
    "SETJEN": "Gedung A Kantor Pusat Kementerian Sosial, Jl. Salemba Raya No. 28, Jakarta Pusat",
    "ITJEN": "Gedung B Kantor Pusat Kementerian Sosial, Jl. Salemba Raya No. 28, Jakarta Pusat",
    "DITJEN-LINJAMSOS": "Gedung C Kementerian Sosial, Jl. Salemba Raya No. 28, Jakarta Pusat",
    "DITJEN-REHSOS": "Gedung Rehabilitasi Sosial, Jl. Salemba Raya No. 28, Jakarta Pusat",
    "DITJEN-DAYASOS": "Gedung Pemberdayaan Sosial, Jl. Salemba Raya No. 28, Jakarta Pusat",
}
_UPT_DEVICES = {2: 3, 3: 2, 4: 1}  # by echelon: balai besar, sentra, loka
_SPOTS = ("Lobi Utama", "Pintu Samping", "Lantai 2", "Pos Jaga", "Gedung Layanan")


@dataclass(frozen=True)
class Devices:
    """The device table and, per unit index, the block of devices its members punch on."""

    table: pd.DataFrame  # contract columns of attendance_device
    device_sn: np.ndarray  # device serial numbers, grouped by owning unit
    first: np.ndarray  # per unit_idx: index into device_sn of the first usable device
    count: np.ndarray  # per unit_idx: number of usable devices


def build_devices(units: pd.DataFrame, seed: int, valid_before: datetime) -> Devices:
    """Devices for every active building; ``units`` from ``build_org_units``."""
    rng = component_rng(seed, "attendance_device")
    parent_kind = units["parent_idx"].map(lambda i: units["unit_kind"].iat[i] if i >= 0 else "")
    top_upt = (units["unit_kind"] == "UPT") & (parent_kind != "UPT")
    owners = units[units["active"] & (units["unit_id"].isin(list(_PUSAT_DEVICES)) | top_upt)]

    rows: list[dict] = []
    serial: dict[str, int] = {}
    first = np.full(len(units), -1)
    count = np.zeros(len(units), dtype=int)
    for unit in owners.itertuples():
        n = _PUSAT_DEVICES.get(unit.unit_id) or _UPT_DEVICES[unit.echelon]
        first[unit.unit_idx], count[unit.unit_idx] = len(rows), n
        building = _PUSAT_BUILDING.get(unit.unit_id, unit.unit_name)
        for k in range(n):
            serial[unit.city_code] = serial.get(unit.city_code, 0) + 1
            rows.append(
                {
                    "device_sn": f"KMS-{unit.city_code}-{serial[unit.city_code]:04d}",
                    "unit_id": unit.unit_id,
                    "location": f"{building} - {_SPOTS[k % len(_SPOTS)]}",
                    "updated_at": valid_before
                    - timedelta(minutes=int(rng.integers(60, 400 * 1440))),
                }
            )
    table = pd.DataFrame(rows)
    table["updated_at"] = table["updated_at"].astype("datetime64[us]").dt.floor("s")

    owner = ancestor_or_self(units["parent_idx"].to_numpy(), count > 0)
    usable_first = np.where(owner >= 0, first[np.maximum(owner, 0)], -1)
    usable_count = np.where(owner >= 0, count[np.maximum(owner, 0)], 0)
    return Devices(table, table["device_sn"].to_numpy(dtype=object), usable_first, usable_count)
