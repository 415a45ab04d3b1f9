"""The code labels seed (dbt_project/seeds/labels/code_labels.csv) against the code's own lists:
every quarantine reason the ingestion can give has words, the same words the Kualitas data page
shows, and the labels a policy seed carries are not repeated (no warehouse needed)."""

from __future__ import annotations

import csv

from dashboards.lib.i18n import STRINGS
from eperf.config import DBT_PROJECT_DIR
from ingestion.quarantine import REASONS

SEED = DBT_PROJECT_DIR / "seeds" / "labels" / "code_labels.csv"
# Kinds whose label_id a policy seed carries, by the seed (int_code_labels_collected).
POLICY_LABELLED = {
    "leave_type": ("policy_leave_factors", "leave_type"),
    "sanction_type": ("policy_sanction_cuts", "sanction_type"),
    "recommendation": ("policy_development_recommendations", "recommendation"),
    "rb_indicator": ("policy_rb_indicators", "indicator_code"),
    "attendance": ("policy_attendance_bands", "code"),
}


def seed_rows() -> list[dict[str, str]]:
    with SEED.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def policy_codes(seed: str, column: str) -> set[str]:
    path = DBT_PROJECT_DIR / "seeds" / "policy" / f"{seed}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        return {row[column] for row in csv.DictReader(handle)}


def test_every_quarantine_reason_has_the_pages_words() -> None:
    labels = {r["code"]: r for r in seed_rows() if r["code_kind"] == "quarantine_reason"}
    assert set(labels) == set(REASONS)
    for code, row in labels.items():
        words = STRINGS[f"qreason_{code}"]
        assert (row["label_id"], row["label_en"]) == (words["id"], words["en"]), code


def test_labels_a_policy_seed_carries_are_not_repeated() -> None:
    for row in seed_rows():
        seed = POLICY_LABELLED.get(row["code_kind"])
        if seed and row["code"] in policy_codes(*seed):
            assert row["label_id"] == "", (row["code_kind"], row["code"])
        else:
            assert row["label_id"], (row["code_kind"], row["code"])


def test_every_row_has_english_and_descriptions_or_a_policy_name() -> None:
    for row in seed_rows():
        assert row["description_id"] and row["description_en"], row["code"]
        assert row["description_id"].endswith(".") and row["description_en"].endswith(".")
        assert row["label_en"] or row["code_kind"] == "rb_indicator", row["code"]
