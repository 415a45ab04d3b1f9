"""R1 holidays: the holidays package with cuti bersama (category government), in Indonesian."""

from datetime import date

from ingestion.calendar import indonesian_holidays


def test_2025_holidays_include_cuti_bersama():
    days = dict(indonesian_holidays(range(2025, 2026)))
    assert date(2025, 1, 1) in days  # Tahun Baru Masehi
    assert date(2025, 1, 28) in days  # cuti bersama Imlek
    assert "Cuti Bersama" in days[date(2025, 1, 28)]
    assert date(2025, 3, 31) in days  # Idul Fitri
    assert date(2025, 1, 2) not in days
