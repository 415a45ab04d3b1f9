"""The demo ministry's org tree (SIMPEG ``org_unit``): one row per unit, Kemensos-like.

Head office (PUSAT) units sit in Jakarta (WIB); UPT units (sentra, balai, loka) are spread over
provinces in WIB, WITA and WIT. The tree is fixed; only ``updated_at`` is drawn from the seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from simulator.randomness import component_rng

# IANA zone and UTC offset of each province used (Indonesia has no daylight saving time).
PROVINCE_TIMEZONE = {
    "DKI Jakarta": "Asia/Jakarta",
    "Jawa Barat": "Asia/Jakarta",
    "Jawa Tengah": "Asia/Jakarta",
    "DI Yogyakarta": "Asia/Jakarta",
    "Sumatera Utara": "Asia/Jakarta",
    "Sumatera Barat": "Asia/Jakarta",
    "Aceh": "Asia/Jakarta",
    "Jambi": "Asia/Jakarta",
    "Kalimantan Barat": "Asia/Jakarta",
    "Bali": "Asia/Makassar",
    "Nusa Tenggara Barat": "Asia/Makassar",
    "Nusa Tenggara Timur": "Asia/Makassar",
    "Kalimantan Selatan": "Asia/Makassar",
    "Sulawesi Selatan": "Asia/Makassar",
    "Sulawesi Utara": "Asia/Makassar",
    "Sulawesi Tengah": "Asia/Makassar",
    "Sulawesi Tenggara": "Asia/Makassar",
    "Maluku": "Asia/Jayapura",
    "Maluku Utara": "Asia/Jayapura",
    "Papua": "Asia/Jayapura",
    "Papua Barat Daya": "Asia/Jayapura",
    "Papua Selatan": "Asia/Jayapura",
}
UTC_OFFSET_HOURS = {"Asia/Jakarta": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9}


@dataclass(frozen=True)
class UnitDef:
    """One unit of the fixed tree; ``domain`` (activity family) is inherited when None."""

    unit_id: str
    parent_unit_id: str | None
    unit_name: str
    echelon: int
    unit_kind: str = "PUSAT"
    province: str = "DKI Jakarta"
    city_code: str = "JKT"
    domain: str | None = None
    active: bool = True


def _pusat(uid: str, parent: str, name: str, echelon: int, domain: str | None = None) -> UnitDef:
    return UnitDef(uid, parent, name, echelon, domain=domain)


def _upt(uid: str, parent: str, name: str, echelon: int, province: str, city: str) -> UnitDef:
    return UnitDef(uid, parent, name, echelon, "UPT", province, city)


UNITS: tuple[UnitDef, ...] = (
    UnitDef("KEMENSOS", None, "Kementerian Sosial", 0, domain="UMUM"),
    # Eselon I
    _pusat("SETJEN", "KEMENSOS", "Sekretariat Jenderal", 1, "UMUM"),
    _pusat("ITJEN", "KEMENSOS", "Inspektorat Jenderal", 1, "AUDIT"),
    _pusat(
        "DITJEN-LINJAMSOS",
        "KEMENSOS",
        "Direktorat Jenderal Perlindungan dan Jaminan Sosial",
        1,
        "LINJAMSOS",
    ),
    _pusat("DITJEN-REHSOS", "KEMENSOS", "Direktorat Jenderal Rehabilitasi Sosial", 1, "REHSOS"),
    _pusat("DITJEN-DAYASOS", "KEMENSOS", "Direktorat Jenderal Pemberdayaan Sosial", 1, "DAYASOS"),
    # Sekretariat Jenderal
    _pusat("BIRO-REN", "SETJEN", "Biro Perencanaan", 2, "REN"),
    _pusat("BIRO-OSDM", "SETJEN", "Biro Organisasi dan Sumber Daya Manusia", 2, "SDM"),
    _pusat("BIRO-KEU", "SETJEN", "Biro Keuangan", 2, "KEU"),
    _pusat("BIRO-UMUM", "SETJEN", "Biro Umum", 2),
    _pusat("BIRO-HUKUM", "SETJEN", "Biro Hukum", 2),
    _pusat("BIRO-HUMAS", "SETJEN", "Biro Hubungan Masyarakat", 2),
    _pusat("PUSDATIN", "SETJEN", "Pusat Data dan Informasi Kesejahteraan Sosial", 2, "DATA"),
    _pusat(
        "PUSBANGKOM",
        "SETJEN",
        "Pusat Pengembangan Kompetensi Sumber Daya Manusia Kesejahteraan Sosial",
        2,
        "DIKLAT",
    ),
    _pusat("BIRO-OSDM-ORTALA", "BIRO-OSDM", "Bagian Organisasi dan Tata Laksana", 3),
    _pusat("BIRO-OSDM-MUTASI", "BIRO-OSDM", "Bagian Mutasi dan Kepangkatan", 3),
    _pusat("BIRO-OSDM-BANGSDM", "BIRO-OSDM", "Bagian Pengembangan Sumber Daya Manusia", 3),
    _pusat("BIRO-KEU-ANGGARAN", "BIRO-KEU", "Bagian Pelaksanaan Anggaran", 3),
    _pusat("BIRO-KEU-AKUNTANSI", "BIRO-KEU", "Bagian Akuntansi dan Pelaporan Keuangan", 3),
    _pusat("BIRO-UMUM-TU", "BIRO-UMUM", "Bagian Tata Usaha Pimpinan", 3),
    _pusat("BIRO-UMUM-BMN", "BIRO-UMUM", "Bagian Pengelolaan Barang Milik Negara", 3),
    _pusat("BIRO-UMUM-TU-ARSIP", "BIRO-UMUM-TU", "Subbagian Persuratan dan Kearsipan", 4),
    _pusat("PUSDATIN-DTKS", "PUSDATIN", "Bidang Pengelolaan Data Terpadu Kesejahteraan Sosial", 3),
    # Inspektorat Jenderal
    _pusat("SET-ITJEN", "ITJEN", "Sekretariat Inspektorat Jenderal", 2),
    _pusat("ITJEN-INSP-I", "ITJEN", "Inspektorat I", 2),
    _pusat("ITJEN-INSP-II", "ITJEN", "Inspektorat II", 2),
    _pusat("ITJEN-INSP-III", "ITJEN", "Inspektorat III", 2),
    _pusat("ITJEN-INSP-IV", "ITJEN", "Inspektorat IV", 2),
    _pusat("ITJEN-INVESTIGASI", "ITJEN", "Inspektorat Investigasi", 2),
    # Ditjen Perlindungan dan Jaminan Sosial
    _pusat(
        "SET-LINJAMSOS",
        "DITJEN-LINJAMSOS",
        "Sekretariat Direktorat Jenderal Perlindungan dan Jaminan Sosial",
        2,
    ),
    _pusat(
        "DIT-PSKBA",
        "DITJEN-LINJAMSOS",
        "Direktorat Perlindungan Sosial Korban Bencana Alam",
        2,
    ),
    _pusat(
        "DIT-PSKBS",
        "DITJEN-LINJAMSOS",
        "Direktorat Perlindungan Sosial Korban Bencana Sosial",
        2,
    ),
    _pusat("DIT-JAMSOS", "DITJEN-LINJAMSOS", "Direktorat Jaminan Sosial", 2),
    _pusat("DIT-PSKBA-MITIGASI", "DIT-PSKBA", "Subdirektorat Kesiapsiagaan dan Mitigasi", 3),
    _pusat("DIT-PSKBA-TANGGAP", "DIT-PSKBA", "Subdirektorat Tanggap Darurat", 3),
    _pusat("DIT-JAMSOS-BANSOS", "DIT-JAMSOS", "Subdirektorat Bantuan Sosial Bersyarat", 3),
    # Ditjen Rehabilitasi Sosial
    _pusat(
        "SET-REHSOS",
        "DITJEN-REHSOS",
        "Sekretariat Direktorat Jenderal Rehabilitasi Sosial",
        2,
    ),
    _pusat("DIT-RSA", "DITJEN-REHSOS", "Direktorat Rehabilitasi Sosial Anak", 2),
    _pusat("DIT-RSLU", "DITJEN-REHSOS", "Direktorat Rehabilitasi Sosial Lanjut Usia", 2),
    _pusat(
        "DIT-RSPD",
        "DITJEN-REHSOS",
        "Direktorat Rehabilitasi Sosial Penyandang Disabilitas",
        2,
    ),
    _pusat(
        "DIT-RSKPN",
        "DITJEN-REHSOS",
        "Direktorat Rehabilitasi Sosial Korban Penyalahgunaan NAPZA",
        2,
    ),
    _pusat(
        "DIT-RSTS",
        "DITJEN-REHSOS",
        "Direktorat Rehabilitasi Sosial Tuna Sosial dan Korban Perdagangan Orang",
        2,
    ),
    _pusat("DIT-RSA-ABH", "DIT-RSA", "Subdirektorat Anak Berhadapan dengan Hukum", 3),
    _pusat("DIT-RSA-AMPK", "DIT-RSA", "Subdirektorat Anak Memerlukan Perlindungan Khusus", 3),
    # Ditjen Pemberdayaan Sosial
    _pusat(
        "SET-DAYASOS",
        "DITJEN-DAYASOS",
        "Sekretariat Direktorat Jenderal Pemberdayaan Sosial",
        2,
    ),
    _pusat(
        "DIT-PKAT",
        "DITJEN-DAYASOS",
        "Direktorat Pemberdayaan Komunitas Adat Terpencil",
        2,
    ),
    _pusat(
        "DIT-PSPKKM",
        "DITJEN-DAYASOS",
        "Direktorat Pemberdayaan Sosial Perorangan, Keluarga dan Kelembagaan Masyarakat",
        2,
    ),
    _pusat(
        "DIT-K2KRS",
        "DITJEN-DAYASOS",
        "Direktorat Kepahlawanan, Keperintisan, Kesetiakawanan dan Restorasi Sosial",
        2,
    ),
    # Dissolved in the 2024 reorganisation: kept for history, no members, no devices.
    UnitDef(
        "DIT-PFM-PERDESAAN",
        "DITJEN-DAYASOS",
        "Direktorat Penanganan Fakir Miskin Perdesaan",
        2,
        active=False,
    ),
    # UPT: Ditjen Rehabilitasi Sosial
    _upt("SENTRA-HANDAYANI", "DITJEN-REHSOS", "Sentra Handayani Jakarta", 3, "DKI Jakarta", "JKT"),
    _upt(
        "SENTRA-HANDAYANI-TU",
        "SENTRA-HANDAYANI",
        "Subbagian Tata Usaha Sentra Handayani",
        4,
        "DKI Jakarta",
        "JKT",
    ),
    _upt(
        "SENTRA-MULYA-JAYA", "DITJEN-REHSOS", "Sentra Mulya Jaya Jakarta", 3, "DKI Jakarta", "JKT"
    ),
    _upt(
        "SENTRA-PANGUDI-LUHUR",
        "DITJEN-REHSOS",
        "Sentra Terpadu Pangudi Luhur Bekasi",
        2,
        "Jawa Barat",
        "BKS",
    ),
    _upt(
        "SENTRA-INTEN-SOEWENO",
        "DITJEN-REHSOS",
        "Sentra Terpadu Inten Soeweno Cibinong",
        2,
        "Jawa Barat",
        "BGR",
    ),
    _upt("SENTRA-WYATAGUNA", "DITJEN-REHSOS", "Sentra Wyataguna Bandung", 3, "Jawa Barat", "BDG"),
    _upt("SENTRA-ANTASENA", "DITJEN-REHSOS", "Sentra Antasena Magelang", 3, "Jawa Tengah", "MGL"),
    _upt(
        "SENTRA-SOEHARSO",
        "DITJEN-REHSOS",
        "Sentra Terpadu Prof. Dr. Soeharso Surakarta",
        2,
        "Jawa Tengah",
        "SKA",
    ),
    _upt("SENTRA-BAHAGIA", "DITJEN-REHSOS", "Sentra Bahagia Medan", 3, "Sumatera Utara", "MDN"),
    _upt("SENTRA-DARUSSAADAH", "DITJEN-REHSOS", "Sentra Darussa'adah Aceh", 3, "Aceh", "BNA"),
    _upt("SENTRA-ALYATAMA", "DITJEN-REHSOS", "Sentra Alyatama Jambi", 3, "Jambi", "JMB"),
    _upt("SENTRA-MAHATMIYA", "DITJEN-REHSOS", "Sentra Mahatmiya Bali", 3, "Bali", "DPS"),
    _upt(
        "SENTRA-PARAMITA",
        "DITJEN-REHSOS",
        "Sentra Paramita Mataram",
        3,
        "Nusa Tenggara Barat",
        "MTR",
    ),
    _upt("SENTRA-EFATA", "DITJEN-REHSOS", "Sentra Efata Kupang", 3, "Nusa Tenggara Timur", "KPG"),
    _upt(
        "SENTRA-NAIBONAT",
        "DITJEN-REHSOS",
        "Sentra Naibonat Kupang",
        3,
        "Nusa Tenggara Timur",
        "KPG",
    ),
    _upt(
        "SENTRA-BUDI-LUHUR",
        "DITJEN-REHSOS",
        "Sentra Budi Luhur Banjarbaru",
        3,
        "Kalimantan Selatan",
        "BJB",
    ),
    _upt(
        "BBRSPD-MAKASSAR",
        "DITJEN-REHSOS",
        "Balai Besar Rehabilitasi Sosial Penyandang Disabilitas Makassar",
        2,
        "Sulawesi Selatan",
        "MKS",
    ),
    _upt(
        "SENTRA-WIRAJAYA", "DITJEN-REHSOS", "Sentra Wirajaya Makassar", 3, "Sulawesi Selatan", "MKS"
    ),
    _upt(
        "SENTRA-WIRAJAYA-TU",
        "SENTRA-WIRAJAYA",
        "Subbagian Tata Usaha Sentra Wirajaya",
        4,
        "Sulawesi Selatan",
        "MKS",
    ),
    _upt(
        "SENTRA-GAU-MABAJI", "DITJEN-REHSOS", "Sentra Gau Mabaji Gowa", 3, "Sulawesi Selatan", "GWA"
    ),
    _upt(
        "SENTRA-TUMOU-TOU", "DITJEN-REHSOS", "Sentra Tumou Tou Manado", 3, "Sulawesi Utara", "MND"
    ),
    _upt("SENTRA-NIPOTOWE", "DITJEN-REHSOS", "Sentra Nipotowe Palu", 3, "Sulawesi Tengah", "PLW"),
    _upt("SENTRA-MEOHAI", "DITJEN-REHSOS", "Sentra Meohai Kendari", 3, "Sulawesi Tenggara", "KDI"),
    _upt(
        "SENTRA-WASANA-BAHAGIA",
        "DITJEN-REHSOS",
        "Sentra Wasana Bahagia Ternate",
        3,
        "Maluku Utara",
        "TTE",
    ),
    _upt(
        "SENTRA-TERPADU-PAPUA", "DITJEN-REHSOS", "Sentra Terpadu Papua Jayapura", 3, "Papua", "JPR"
    ),
    _upt(
        "LOKA-RSA-AMBON", "DITJEN-REHSOS", "Loka Rehabilitasi Sosial Anak Ambon", 4, "Maluku", "AMQ"
    ),
    # UPT: Ditjen Pemberdayaan Sosial
    _upt(
        "LOKA-KAT-PONTIANAK",
        "DITJEN-DAYASOS",
        "Loka Pemberdayaan Komunitas Adat Terpencil Pontianak",
        4,
        "Kalimantan Barat",
        "PNK",
    ),
    _upt(
        "LOKA-KAT-SORONG",
        "DITJEN-DAYASOS",
        "Loka Pemberdayaan Komunitas Adat Terpencil Sorong",
        4,
        "Papua Barat Daya",
        "SOQ",
    ),
    _upt(
        "LOKA-KAT-MERAUKE",
        "DITJEN-DAYASOS",
        "Loka Pemberdayaan Komunitas Adat Terpencil Merauke",
        4,
        "Papua Selatan",
        "MKQ",
    ),
    # UPT: Sekretariat Jenderal (training centres)
    _upt(
        "BBPPKS-PADANG",
        "SETJEN",
        "Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Padang",
        2,
        "Sumatera Barat",
        "PDG",
    ),
    _upt(
        "BBPPKS-YOGYAKARTA",
        "SETJEN",
        "Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Yogyakarta",
        2,
        "DI Yogyakarta",
        "YOG",
    ),
    _upt(
        "BBPPKS-YOGYAKARTA-TU",
        "BBPPKS-YOGYAKARTA",
        "Bagian Tata Usaha BBPPKS Yogyakarta",
        3,
        "DI Yogyakarta",
        "YOG",
    ),
    _upt(
        "BBPPKS-MAKASSAR",
        "SETJEN",
        "Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Makassar",
        2,
        "Sulawesi Selatan",
        "MKS",
    ),
    _upt(
        "BBPPKS-BANJARMASIN",
        "SETJEN",
        "Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Banjarmasin",
        2,
        "Kalimantan Selatan",
        "BDJ",
    ),
    _upt(
        "BBPPKS-JAYAPURA",
        "SETJEN",
        "Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Jayapura",
        2,
        "Papua",
        "JPR",
    ),
)

# Domain overrides for UPTs whose work differs from their Ditjen's.
_UPT_DOMAIN = {"BBPPKS": "DIKLAT"}

# Relative headcount per kind of unit (members other than the head).
_PUSAT_WEIGHT = {0: 0.5, 1: 0.8, 2: 5.0, 3: 2.2, 4: 1.2}
_UPT_WEIGHT = {2: 7.0, 3: 3.5, 4: 1.5}
_SEKRETARIAT_WEIGHT = 6.0


def head_title(unit_name: str) -> str:
    """Position title of a unit's head ("Direktorat X" -> "Direktur X", ...)."""
    if unit_name == "Kementerian Sosial":
        return "Menteri Sosial"
    for prefix, title in (
        ("Sekretariat ", "Sekretaris "),
        ("Direktorat ", "Direktur "),
        ("Inspektorat ", "Inspektur "),
    ):
        if unit_name.startswith(prefix):
            return title + unit_name[len(prefix) :]
    return "Kepala " + unit_name


def _domains(units: tuple[UnitDef, ...]) -> list[str]:
    by_id: dict[str, str] = {}
    for unit in units:  # parents are listed before children
        domain = unit.domain
        if domain is None and unit.unit_kind == "UPT":
            domain = next((d for p, d in _UPT_DOMAIN.items() if unit.unit_id.startswith(p)), None)
        if domain is None:
            domain = by_id[unit.parent_unit_id] if unit.parent_unit_id else "UMUM"
        by_id[unit.unit_id] = domain
    return [by_id[unit.unit_id] for unit in units]


def _weight(unit: UnitDef) -> float:
    if unit.unit_kind == "UPT":
        return _UPT_WEIGHT[unit.echelon]
    if unit.unit_name.startswith("Sekretariat ") and unit.echelon == 2:
        return _SEKRETARIAT_WEIGHT
    return _PUSAT_WEIGHT[unit.echelon]


def build_org_units(seed: int, valid_before: datetime) -> pd.DataFrame:
    """The org tree, one row per unit, in definition order (parents first).

    Contract columns plus helpers: ``unit_idx``, ``parent_idx`` (-1 for the root), ``domain``,
    ``weight``, ``utc_offset_hours``, ``city_code``, ``head_title``.
    """
    rng = component_rng(seed, "org_unit")
    frame = pd.DataFrame([unit.__dict__ for unit in UNITS])
    frame["timezone"] = frame["province"].map(PROVINCE_TIMEZONE)
    frame["utc_offset_hours"] = frame["timezone"].map(UTC_OFFSET_HOURS).astype(int)
    frame["domain"] = _domains(UNITS)
    frame["weight"] = [_weight(unit) for unit in UNITS]
    frame["head_title"] = frame["unit_name"].map(head_title)
    frame["unit_idx"] = np.arange(len(frame))
    index_of = dict(zip(frame["unit_id"], frame["unit_idx"], strict=True))
    frame["parent_idx"] = frame["parent_unit_id"].map(index_of).fillna(-1).astype(int)
    # Last edit to the unit record: some hours to two years before the window.
    age_minutes = rng.integers(6 * 60, 730 * 24 * 60, size=len(frame))
    frame["updated_at"] = [valid_before - timedelta(minutes=int(m)) for m in age_minutes]
    frame["updated_at"] = frame["updated_at"].astype("datetime64[us]").dt.floor("s")
    return frame


ORG_UNIT_COLUMNS = (
    "unit_id",
    "parent_unit_id",
    "unit_name",
    "echelon",
    "unit_kind",
    "timezone",
    "province",
    "active",
    "updated_at",
)


def ancestor_or_self(parent_idx: np.ndarray, has: np.ndarray) -> np.ndarray:
    """For each unit, the nearest unit among itself and its ancestors with ``has`` (-1: none)."""
    result = np.where(has, np.arange(len(parent_idx)), -1)
    current = parent_idx.copy()
    while (result < 0).any() and (current >= 0).any():
        pick = (result < 0) & (current >= 0)
        pick_has = pick.copy()
        pick_has[pick] = has[current[pick]]
        result[pick_has] = current[pick_has]
        current = np.where(current >= 0, parent_idx[np.maximum(current, 0)], -1)
    return result
