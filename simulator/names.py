"""Indonesian-looking personal names and academic titles for simulated employees."""

from __future__ import annotations

import numpy as np

MALE_GIVEN = (
    "Agus",
    "Ahmad",
    "Andi",
    "Arif",
    "Bambang",
    "Budi",
    "Dedi",
    "Dimas",
    "Eko",
    "Fajar",
    "Fikri",
    "Gilang",
    "Hadi",
    "Hendra",
    "Imam",
    "Irwan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nanang",
    "Rahmat",
    "Reza",
    "Rizky",
    "Rudi",
    "Slamet",
    "Sugeng",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Yohanes",
    "Made",
    "Ketut",
    "I Gede",
    "Daniel",
    "Markus",
    "Heru",
    "Bayu",
    "Ilham",
    "Taufik",
    "Zulkifli",
    "Arief",
    "Adi",
    "Hasan",
    "Fransiskus",
)
FEMALE_GIVEN = (
    "Siti",
    "Sri",
    "Dewi",
    "Ani",
    "Ratna",
    "Rina",
    "Yuni",
    "Wulan",
    "Indah",
    "Putri",
    "Ayu",
    "Fitri",
    "Nurul",
    "Dian",
    "Kartika",
    "Maya",
    "Nina",
    "Lina",
    "Endang",
    "Rini",
    "Tuti",
    "Ni Made",
    "Ni Luh",
    "Maria",
    "Yohana",
    "Ratih",
    "Anisa",
    "Aulia",
    "Citra",
    "Desi",
    "Eka",
    "Fransiska",
    "Hana",
    "Intan",
    "Laras",
    "Mega",
    "Novi",
    "Rahma",
    "Suci",
    "Wahyuni",
)
MIDDLE = ("Dwi", "Tri", "Nur", "Eka", "Adi", "Budi", "Putra", "Sari", "Rahma", "Indra", "Nurul")
FAMILY = (
    "Santoso",
    "Wibowo",
    "Saputra",
    "Setiawan",
    "Pratama",
    "Hidayat",
    "Nugroho",
    "Kurniawan",
    "Susanto",
    "Hasibuan",
    "Siregar",
    "Nasution",
    "Lubis",
    "Simanjuntak",
    "Sitompul",
    "Manurung",
    "Tambunan",
    "Harahap",
    "Situmorang",
    "Sinaga",
    "Daulay",
    "Tanjung",
    "Wijaya",
    "Gunawan",
    "Kusuma",
    "Purnomo",
    "Haryanto",
    "Permana",
    "Ramadhan",
    "Maulana",
    "Firmansyah",
    "Syahputra",
    "Hakim",
    "Rahman",
    "Utomo",
    "Prasetyo",
    "Wardhana",
    "Sulistyo",
    "Pattiasina",
    "Latuconsina",
    "Rumbiak",
    "Wenda",
    "Mandacan",
    "Pangemanan",
    "Lumenta",
    "Tanod",
    "Daeng",
    "Mappaseng",
    "Rangkuti",
    "Matondang",
    "Suryadi",
    "Iskandar",
)
FEMALE_FAMILY = (
    "Lestari",
    "Rahayu",
    "Wulandari",
    "Handayani",
    "Puspitasari",
    "Anggraini",
    "Permatasari",
    "Safitri",
    "Ningsih",
    "Astuti",
    "Suryani",
    "Maharani",
    "Kusumawati",
    "Rahmawati",
)
BACHELOR = ("S.Sos.", "S.E.", "S.H.", "S.Kom.", "S.Psi.", "S.K.M.", "S.Tr.Sos.", "S.AP.", "S.Ak.")
MASTER = ("M.Si.", "M.Kesos.", "M.M.", "M.AP.", "M.Ak.", "M.Psi.", "M.H.")


def full_names(
    rng: np.random.Generator, female: np.ndarray, job_class: np.ndarray, doctor_chance: np.ndarray
) -> list[str]:
    """One full name per person, with academic titles that rise with the job class."""
    n = len(female)
    given_m = rng.integers(0, len(MALE_GIVEN), n)
    given_f = rng.integers(0, len(FEMALE_GIVEN), n)
    middle = rng.integers(0, len(MIDDLE), n)
    family = rng.integers(0, len(FAMILY), n)
    family_f = rng.integers(0, len(FEMALE_FAMILY), n)
    draws = rng.random((n, 5))
    bachelor = rng.integers(0, len(BACHELOR), n)
    master = rng.integers(0, len(MASTER), n)
    names = []
    for i in range(n):
        parts = [FEMALE_GIVEN[given_f[i]] if female[i] else MALE_GIVEN[given_m[i]]]
        if draws[i, 0] < 0.35:
            parts.append(MIDDLE[middle[i]])
        if female[i] and draws[i, 1] < 0.4:
            parts.append(FEMALE_FAMILY[family_f[i]])
        elif draws[i, 1] < 0.9:
            parts.append(FAMILY[family[i]])
        name = " ".join(parts)
        doctor = draws[i, 2] < doctor_chance[i]
        if doctor:
            name = "Dr. " + name
        titles = []
        if doctor or (job_class[i] >= 8 and draws[i, 3] < 0.8):
            titles.append(BACHELOR[bachelor[i]])
            if doctor or (job_class[i] >= 11 and draws[i, 4] < 0.6):
                titles.append(MASTER[master[i]])
        elif 5 <= job_class[i] < 8 and draws[i, 3] < 0.3:
            titles.append("A.Md.")
        names.append(", ".join([name, *titles]) if titles else name)
    return names
