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


def write_log(root: Path, device: str, name: str, data: bytes) -> None:
    folder = root / device
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def test_a_zkteco_log_gives_the_same_fields_as_the_csv(tmp_path):
    # padded PIN, CRLF, reserved fields after the workcode, two days in one file
    log = (
        "        7\t2025-01-02 07:01:00\t0\t1\t0\t0\t0\r\n"
        "12\t2025-01-03 16:02:00\t1\t15\t0\r\n"
        "12\t2025-01-03 16:03:00\t1\t2\t0\r\n"
        "12\t2025-01-03 16:04:00\t1\t0\t0\r\n"
        "12\t2025-01-03 16:05:00\t1\t9\t0\r\n"
    )
    write_log(tmp_path, "D1", "attlog-1.dat", b"\xef\xbb\xbf" + log.encode())
    files = list_device_files(tmp_path)
    assert [(f.kind, f.file_date) for f in files] == [("attlog", None)]
    parsed = parse(tmp_path)
    assert parsed.rejected == []
    assert parsed.lines["device_sn"].to_pylist() == ["D1"] * 5  # the folder's: logs name none
    assert parsed.lines["pin"].to_pylist() == ["7", "12", "12", "12", "12"]
    assert parsed.lines["punch_time"].to_pylist()[:2] == [
        "2025-01-02 07:01:00",
        "2025-01-03 16:02:00",
    ]
    assert parsed.lines["verify_mode"].to_pylist() == [
        "FINGER",
        "FACE",
        "CARD",
        "PASSWORD",
        "OTHER",
    ]
    assert parsed.lines["row_number"].to_pylist() == [1, 2, 3, 4, 5]  # no header line


def test_short_and_cut_off_log_lines_are_rejected_with_their_reason(tmp_path):
    log = "7\t2025-01-02 07:01:00\t0\n7\t2025-01-02 16:01:00\t1\t1\t0\n7\t2025-01-0"
    write_log(tmp_path, "D1", "attlog-1.dat", log.encode())
    parsed = parse(tmp_path)
    assert [(r[1], r[2], r[3]) for r in parsed.rejected] == [
        (1, "BAD_FIELD_COUNT", "3 fields, expected at least 5"),
        (3, "TRUNCATED_LINE", "2 fields, expected at least 5"),
    ]
    assert parsed.lines["row_number"].to_pylist() == [2]


def test_both_formats_for_one_device_side_by_side(tmp_path):
    write(
        tmp_path, "D1", "2025-01-02", f"{HEADER}\nD1,{NIP},2025-01-02 07:01:00,FINGER,0\n".encode()
    )
    write_log(tmp_path, "D1", "attlog-1.dat", b"7\t2025-01-02 16:01:00\t1\t1\t0\n")
    parsed = parse(tmp_path)
    assert sorted(parsed.lines["source_file"].to_pylist()) == [
        "D1/2025-01-02.csv",
        "D1/attlog-1.dat",
    ]
    assert sorted(parsed.lines["pin"].to_pylist()) == [NIP, "7"]


def test_a_log_covers_the_days_of_its_first_and_last_lines(tmp_path):
    from ingestion.device_files import export_days

    write_log(
        tmp_path,
        "D1",
        "a.dat",
        b"7\t2025-01-02 07:01:00\t0\t1\t0\n7\t2025-01-09 07:00:00\t0\t1\t0\n",
    )
    write(tmp_path, "D1", "2025-01-05", f"{HEADER}\n".encode())
    assert export_days(tmp_path / "D1" / "a.dat") == ("2025-01-02", "2025-01-09")
    assert export_days(tmp_path / "D1" / "2025-01-05.csv") == ("2025-01-05", "2025-01-05")
