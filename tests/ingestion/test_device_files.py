"""Device export parsing: encodings, separators, line ends and broken lines (SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from ingestion.device_files import list_device_files, parse_files

HEADER = "device_sn,pin,punch_time,verify_mode,punch_state"
NIP = "198501012010011001"


def write(root: Path, device: str, day: str, data: bytes) -> None:
    folder = root / device
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{day}.csv").write_bytes(data)


def parse(root: Path):
    return parse_files(list_device_files(root), root)


def test_bom_crlf_and_semicolons_parse_like_plain_csv(tmp_path):
    plain = f"{HEADER}\nD1,{NIP},2025-01-02 07:01:00,FINGER,0\n"
    write(tmp_path, "D1", "2025-01-02", plain.encode())
    excel = plain.replace(",", ";").replace("\n", "\r\n")
    write(tmp_path, "D2", "2025-01-02", b"\xef\xbb\xbf" + excel.replace("D1", "D2").encode())
    parsed = parse(tmp_path)
    assert parsed.lines["pin"].to_pylist() == [NIP, NIP]
    assert parsed.lines["device_sn"].to_pylist() == ["D1", "D2"]
    assert parsed.lines["punch_time"].to_pylist() == ["2025-01-02 07:01:00"] * 2
    assert parsed.rejected == []


def test_truncated_last_line_is_rejected_and_neighbours_kept(tmp_path):
    data = f"{HEADER}\nD1,{NIP},2025-01-02 07:01:00,FINGER,0\nD1,{NIP},2025-01-0"
    write(tmp_path, "D1", "2025-01-02", data.encode())
    parsed = parse(tmp_path)
    assert parsed.lines["row_number"].to_pylist() == [2]
    assert [(r[1], r[2]) for r in parsed.rejected] == [(3, "TRUNCATED_LINE")]


def test_wrong_field_count_in_the_middle_is_bad_field_count(tmp_path):
    data = f"{HEADER}\nD1,{NIP},x\nD1,{NIP},2025-01-02 16:01:00,FACE,1\n"
    write(tmp_path, "D1", "2025-01-02", data.encode())
    parsed = parse(tmp_path)
    assert [(r[1], r[2]) for r in parsed.rejected] == [(2, "BAD_FIELD_COUNT")]
    assert parsed.lines["row_number"].to_pylist() == [3]


def test_empty_files_and_foreign_files_are_ignored(tmp_path):
    write(tmp_path, "D1", "2025-01-02", b"")
    (tmp_path / "D1" / "notes.txt").write_text("not an export")
    parsed = parse(tmp_path)
    assert parsed.lines.num_rows == 0 and parsed.rejected == []
    assert [f.file_date for f in list_device_files(tmp_path)] == ["2025-01-02"]
