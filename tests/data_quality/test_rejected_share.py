"""When rejected rows make a source broken as a whole (data_quality/rejected_share.py)."""

from __future__ import annotations

import pytest

from data_quality.rejected_share import RejectedShare


def share(held, loaded, batch_rows=0, batch_rejected=0) -> RejectedShare:
    return RejectedShare(
        "app", "leave_request", held, loaded, batch_rows, batch_rejected, 0.01, 100
    )


@pytest.mark.parametrize(
    ("case", "blocks"),
    [
        (share(1, 199), False),  # 0.5 % held
        (share(3, 197), True),  # 1.5 % held
        (share(2, 198), False),  # exactly 1 %: not above
        (share(1, 9), False),  # 10 % of a table of ten: one bad row, never a broken source
        (share(5, 10_000, batch_rows=200, batch_rejected=5), True),  # today's batch 2.5 %
        (share(5, 10_000, batch_rows=50, batch_rejected=5), False),  # a batch too small to judge
    ],
)
def test_a_share_blocks_only_above_the_threshold_over_enough_rows(case, blocks):
    assert case.blocks is blocks


def test_the_description_names_the_table_and_the_shares():
    text = share(6, 105, batch_rows=6, batch_rejected=6).describe()
    assert text.startswith("app.leave_request: 6 of 111 rows (5.4%) held in quarantine")
    assert "above the 1.0%" in text
