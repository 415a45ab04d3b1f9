"""ZKTeco attendance logs (ATTLOG) and device enrolment (app ``device_user``).

Most machines in Indonesian offices do not write the contract's CSV: they keep an attendance log
under their own short user ids (1-9 digits; many models cannot hold an 18-digit NIP) and give it
as text (SOURCES.md, "ZKTeco attendance logs"). A seeded share of the registered devices
(``SimulatorConfig.attlog_share``) exports such logs instead of CSV files:

- the punches are exactly those the device would have written as CSV; only the file shape and
  the PIN change, so ATTLOG punches resolved through ``device_user`` equal the CSV ones;
- ``<device_sn>/attlog-<download date>.dat``: no header, one punch a line
  ``PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>status<TAB>verify<TAB>workcode``; per device, the PIN may
  be right-aligned with spaces, 0-3 reserved ``0`` fields may follow, line ends are CRLF or LF;
- the machine keeps its whole log until cleared: the operator downloads it every 7 days (each
  device on its own weekday) and on the last day of each month, then clears it, so a file holds
  every punch from the 1st of its month to its download day and most punches are in 2+ files;
- ``status`` is ``punch_state`` (as unreliable); ``verify`` is 1 fingerprint, 15 face, 2 card;
  a MOBILE check-in never reaches a machine's log, so an ATTLOG device has none: the simulator
  writes the few it drew as fingerprint (1), keeping the punch itself;
- enrolment: each employee who may punch on an ATTLOG device (their unit's building) holds an
  id there for their time in the building. Ids are handed out in order of enrolment: the lowest
  id another employee has given up (the administrator fills gaps), else the next new one. So an
  id is re-used for someone else later; when the window has no leaver or transfer that makes
  this happen, two employees are deterministically re-enrolled (new templates) so that one takes
  the id the other gave up. CSV devices keep writing NIPs and have no ``device_user`` rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.devices import Devices
from simulator.randomness import component_rng
from simulator.work_calendar import Window

# CSV verify mode -> ATTLOG verify code (0 password is never drawn: no CSV mode maps to it).
VERIFY_CODES = {"FINGER": 1, "FACE": 15, "CARD": 2, "MOBILE": 1}
DOWNLOAD_EVERY_DAYS = 7
PIN_WIDTH = 9  # the width a padding firmware right-aligns the PIN to
WORKCODE = "0"
DEVICE_USER_COLUMNS = ("device_sn", "device_pin", "nip", "valid_from", "valid_to", "updated_at")
DAY = timedelta(days=1)


@dataclass(frozen=True)
class LogStyle:
    """How one device's firmware writes its log."""

    pad: bool  # PIN right-aligned to PIN_WIDTH with spaces
    reserved: int  # reserved ``0`` fields after the workcode (0-3)
    crlf: bool  # CRLF line ends, else LF
    offset: int  # window day (0-6) of the first weekly download

    @property
    def newline(self) -> str:
        return "\r\n" if self.crlf else "\n"


@dataclass(frozen=True)
class Attlog:
    """Which devices export ATTLOG, how each writes it, and who is enrolled on them."""

    styles: dict[str, LogStyle]  # ATTLOG device_sn -> style
    enrolment: pd.DataFrame  # device_user rows (contract columns)

    def is_attlog(self, device_sn: pd.Series) -> np.ndarray:
        return device_sn.isin(list(self.styles)).to_numpy()

    def pins_by_device(self) -> dict[str, frozenset[str]]:
        """Every id ever enrolled on each ATTLOG device."""
        grouped = self.enrolment.groupby("device_sn")["device_pin"]
        pins = {device: frozenset(values) for device, values in grouped}
        return {device: pins.get(device, frozenset()) for device in self.styles}


def build_attlog(
    devices: Devices,
    assignments: pd.DataFrame,
    window: Window,
    share: float,
    seed: int,
) -> Attlog:
    """Pick ``share`` of the devices (at least one when ``share > 0``), their log styles and
    the enrolment of everyone who may punch on them. ``share == 0`` draws nothing."""
    if share <= 0:
        return Attlog({}, pd.DataFrame(columns=list(DEVICE_USER_COLUMNS)))
    rng = component_rng(seed, "attlog")
    n = len(devices.device_sn)
    picked = np.sort(rng.permutation(n)[: min(n, max(1, round(share * n)))])
    styles = {
        str(devices.device_sn[k]): LogStyle(
            pad=bool(rng.random() < 0.5),
            reserved=int(rng.integers(0, 4)),
            crlf=bool(rng.random() < 0.5),
            offset=int(rng.integers(0, DOWNLOAD_EVERY_DAYS)),
        )
        for k in picked.tolist()
    }
    spans = {
        str(devices.device_sn[k]): _building_spans(k, devices, assignments) for k in picked.tolist()
    }
    enrolled = {device: _assign_pins(rows) for device, rows in spans.items()}
    if not _reuses_a_pin(enrolled):
        arranged = component_rng(seed, "device_user", "re-enrolment")
        events = _arranged_reenrolments(enrolled, window, arranged)
        spans = {device: _split(rows, events.get(device, [])) for device, rows in spans.items()}
        enrolled = {device: _assign_pins(rows) for device, rows in spans.items()}
    return Attlog(styles, _enrolment_frame(enrolled, window, component_rng(seed, "device_user")))


# --- enrolment ------------------------------------------------------------------------------

Span = tuple[str, date, date | None]  # nip, first day, last day (None: still there)
Enrolled = tuple[int, str, date, date | None]  # pin, nip, valid_from, valid_to


def _building_spans(k: int, devices: Devices, assignments: pd.DataFrame) -> list[Span]:
    """Each employee's time in the building of device ``k``: the assignments whose unit punches
    on it, consecutive ones (a move within the building) merged into one stay."""
    unit = assignments["unit_idx"].to_numpy()
    first, count = devices.first[unit], devices.count[unit]
    here = assignments[(first <= k) & (k < first + count)].sort_values(["nip", "start_date"])
    spans: list[Span] = []
    for nip, start, end in zip(
        here["nip"], here["start_date"].dt.date, here["end_date"], strict=True
    ):
        last = None if pd.isna(end) else pd.Timestamp(end).date()
        if (
            spans
            and spans[-1][0] == nip
            and spans[-1][2] is not None
            and spans[-1][2] + DAY == start
        ):
            spans[-1] = (nip, spans[-1][1], last)
        else:
            spans.append((nip, start, last))
    return spans


def _assign_pins(spans: list[Span]) -> list[Enrolled]:
    """Ids in order of enrolment: the lowest one another employee gave up before this stay
    starts, else the next new one. A re-enrolled employee is enrolled before their old entry is
    deleted, so never gets back the id they just gave up."""
    enrolled: list[Enrolled] = []
    given_up: list[tuple[date, int, str]] = []  # free from, pin, who held it
    next_pin = 1
    for nip, start, end in sorted(spans, key=lambda span: (span[1], span[0])):
        free = [entry for entry in given_up if entry[0] <= start and entry[2] != nip]
        if free:
            entry = min(free, key=lambda item: item[1])
            given_up.remove(entry)
            pin = entry[1]
        else:
            pin, next_pin = next_pin, next_pin + 1
        if end is not None:
            given_up.append((end + DAY, pin, nip))
        enrolled.append((pin, nip, start, end))
    return enrolled


def _reuses_a_pin(enrolled: dict[str, list[Enrolled]]) -> bool:
    return any(
        len({nip for pin, nip, *_ in rows if pin == p}) > 1
        for rows in enrolled.values()
        for p in {row[0] for row in rows}
    )


def _arranged_reenrolments(
    enrolled: dict[str, list[Enrolled]], window: Window, rng: np.random.Generator
) -> dict[str, list[tuple[str, date]]]:
    """Re-enrolments (employee, day) that make an id pass to another employee in the window.

    With an id given up inside the window (a leaver, a transfer), someone still in that building
    is re-enrolled on a later day and takes it. Otherwise, on the device with most people, one
    employee is re-enrolled a third into the window (giving up their id) and another two thirds
    in (taking it). Nothing when no ATTLOG device has two employees who stay that long."""
    last_day = window.last_day
    freed = sorted(
        (end + DAY, device, nip)
        for device, rows in enrolled.items()
        for _, nip, _, end in rows
        if end is not None and window.first_day <= end < last_day
    )
    for free_from, device, leaver in freed:
        day = free_from + DAY * int(rng.integers(0, (last_day - free_from).days + 1))
        stayers = _staying(enrolled[device], day, day, exclude=leaver)
        if stayers:
            return {device: [(stayers[int(rng.integers(len(stayers)))], day)]}
    days = (last_day - window.first_day).days + 1
    if days < 3:
        return {}
    first_move = window.first_day + DAY * (days // 3)
    second_move = window.first_day + DAY * (2 * days // 3)
    candidates = sorted(
        ((device, _staying(rows, first_move, second_move)) for device, rows in enrolled.items()),
        key=lambda item: (-len(item[1]), item[0]),
    )
    if not candidates or len(candidates[0][1]) < 2:
        return {}
    device, stayers = candidates[0]
    one, other = rng.choice(len(stayers), size=2, replace=False).tolist()
    return {device: [(stayers[one], first_move), (stayers[other], second_move)]}


def _staying(rows: list[Enrolled], first: date, last: date, exclude: str = "") -> list[str]:
    """Employees enrolled since before ``first`` and still enrolled on ``last``."""
    return sorted(
        {
            nip
            for _, nip, start, end in rows
            if nip != exclude and start < first and (end is None or end >= last)
        }
    )


def _split(spans: list[Span], events: list[tuple[str, date]]) -> list[Span]:
    """Each re-enrolment ends the employee's stay-long entry the day before and starts another."""
    result = list(spans)
    for who, day in events:
        for i, (nip, start, end) in enumerate(result):
            if nip == who and start < day and (end is None or day <= end):
                result[i : i + 1] = [(nip, start, day - DAY), (nip, day, end)]
                break
        else:
            raise RuntimeError(f"{who} is not enrolled on {day}")
    return result


def _enrolment_frame(
    enrolled: dict[str, list[Enrolled]], window: Window, rng: np.random.Generator
) -> pd.DataFrame:
    """device_user rows; ``updated_at`` is when the administrator last changed the row (the
    enrolment, or its end entered the day after), never after the extraction."""
    rows = [
        {
            "device_sn": device,
            "device_pin": str(pin),
            "nip": nip,
            "valid_from": start,
            "valid_to": end,
        }
        for device in sorted(enrolled)
        for pin, nip, start, end in sorted(enrolled[device], key=lambda row: (row[0], row[2]))
    ]
    frame = pd.DataFrame(rows, columns=list(DEVICE_USER_COLUMNS[:-1]))
    anchor = [
        datetime.combine(end + DAY if end is not None else start, datetime.min.time())
        for start, end in zip(frame["valid_from"], frame["valid_to"], strict=True)
    ]
    office_hours = rng.integers(1 * 3600, 9 * 3600, len(frame))  # UTC, mid-morning WIB
    latest = window.extracted_at - timedelta(hours=1)
    frame["updated_at"] = [
        min(moment + timedelta(seconds=int(offset)), latest)
        for moment, offset in zip(anchor, office_hours, strict=True)
    ]
    frame["valid_to"] = frame["valid_to"].astype(object)
    return frame


def machine_pins(punches: pd.DataFrame, enrolment: pd.DataFrame) -> np.ndarray:
    """The id each punch's employee held on its device on the punch's local date."""
    keyed = pd.DataFrame(
        {
            "row": np.arange(len(punches)),
            "device_sn": punches["device_sn"].to_numpy(dtype=object),
            "nip": punches["pin"].to_numpy(dtype=object),
            "day": pd.to_datetime(punches["punch_time"]).dt.normalize().to_numpy(),
        }
    )
    spans = enrolment[["device_sn", "nip", "device_pin", "valid_from", "valid_to"]].assign(
        valid_from=pd.to_datetime(enrolment["valid_from"]),
        valid_to=pd.to_datetime(enrolment["valid_to"]).fillna(pd.Timestamp.max.normalize()),
    )
    joined = keyed.merge(spans, on=["device_sn", "nip"], how="inner")
    joined = joined[(joined["valid_from"] <= joined["day"]) & (joined["day"] <= joined["valid_to"])]
    if len(joined) != len(punches) or joined["row"].duplicated().any():
        raise RuntimeError("a punch on an ATTLOG device has no (or two) enrolments on its date")
    return joined.sort_values("row")["device_pin"].to_numpy(dtype=object)


# --- log files ------------------------------------------------------------------------------


def download_days(style: LogStyle, window: Window, first: date, last: date) -> list[date]:
    """The device's downloads in ``first`` .. ``last`` (one month): weekly from its offset in
    the window, and the month's last day, before the log is cleared."""
    days = []
    for n in range((last - first).days + 1):
        day = first + DAY * n
        if ((day - window.first_day).days - style.offset) % DOWNLOAD_EVERY_DAYS == 0 or day == last:
            days.append(day)
    return days


def write_attlog_month(
    attendance_dir: Path,
    punches: pd.DataFrame,
    attlog: Attlog,
    window: Window,
    first: date,
    last: date,
) -> int:
    """Write one month's downloads of every ATTLOG device that has punches in it (a download of
    an empty log is no file). ``punches`` are the month's CSV-shaped punch rows of ATTLOG devices.
    Returns the number of files."""
    if punches.empty:
        return 0
    frame = pd.DataFrame(
        {
            "device_sn": punches["device_sn"].to_numpy(dtype=object),
            "pin": machine_pins(punches, attlog.enrolment),
            "time": pd.to_datetime(punches["punch_time"]).dt.strftime("%Y-%m-%d %H:%M:%S"),
            "status": punches["punch_state"].astype("int64").to_numpy(),
            "verify": punches["verify_mode"].map(VERIFY_CODES).to_numpy(),
        }
    )
    if frame["verify"].isna().any():
        raise ValueError("a punch has a verify mode with no ATTLOG code")
    # A machine appends punches as they happen: the log is in time order.
    frame["pin_number"] = frame["pin"].astype("int64")
    frame = frame.sort_values(["device_sn", "time", "pin_number"], kind="stable")
    written = 0
    for device, rows in frame.groupby("device_sn", sort=True):
        style = attlog.styles[device]
        tail = "\t0" * style.reserved + style.newline
        pins = rows["pin"].str.rjust(PIN_WIDTH) if style.pad else rows["pin"]
        lines = [
            f"{pin}\t{time}\t{status}\t{verify}\t{WORKCODE}{tail}"
            for pin, time, status, verify in zip(
                pins, rows["time"], rows["status"], rows["verify"], strict=True
            )
        ]
        ends = np.cumsum([len(line) for line in lines])
        body = "".join(lines).encode("ascii")
        day_of_line = rows["time"].str.slice(0, 10).to_numpy(dtype=object)
        folder = Path(attendance_dir) / str(device)
        folder.mkdir(parents=True, exist_ok=True)
        for day in download_days(style, window, first, last):
            held = int(np.searchsorted(day_of_line, day.isoformat(), side="right"))
            if held:
                (folder / f"attlog-{day.isoformat()}.dat").write_bytes(body[: ends[held - 1]])
                written += 1
    return written
