"""The project's docs stand on their own, and the policy seeds cite regulations.

- Every relative link and image in README.md, docs/ and dashboards/ resolves to a file or folder
  inside the repository (anchors stripped; http(s) and mailto links skipped), and none points
  outside the repository root.
- Every legal_basis of a policy seed cites a regulation: never an internal document (RULES.md),
  a design note ("inferensi", "design inference") or a bare rule id (R9).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "dbt_project" / "seeds" / "policy"

# [text](target "title") and ![alt](target); reference definitions "[id]: target"; <img src="...">
INLINE_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.MULTILINE)
HTML_SRC = re.compile(r"<(?:img|a)\b[^>]*?\s(?:src|href)=[\"']([^\"']+)[\"']", re.IGNORECASE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, https:, mailto:, …

NOT_A_REGULATION = re.compile(
    r"RULES\.md|inferensi|inference|design parameter|\(I\)|\(U\)|S-analog|\bR\d{1,2}\b",
    re.IGNORECASE,
)
REGULATION = re.compile(
    r"\b(?:UU|PP|Perpres|Permen\w*|Perka BKN|Perban BKN|SE MenPAN-RB|Kepmen\w*)\b"
    r"|Menteri Agama"
)


def markdown_files() -> list[Path]:
    files = [ROOT / "README.md"]
    for folder in ("docs", "dashboards"):
        files += sorted((ROOT / folder).rglob("*.md"))
    return [f for f in files if f.is_file()]


def link_targets(text: str) -> list[str]:
    """Link and image targets of a markdown text, outside code blocks and inline code."""
    text = INLINE_CODE.sub("", FENCE.sub("", text))
    found = INLINE_LINK.findall(text) + REFERENCE_DEF.findall(text) + HTML_SRC.findall(text)
    return [t for t in found if t and not t.startswith("#")]


def broken_links(md_file: Path, root: Path = ROOT) -> list[str]:
    """Each relative target of md_file that leaves the repository or names nothing."""
    problems = []
    for target in link_targets(md_file.read_text(encoding="utf-8")):
        if EXTERNAL.match(target):
            continue
        path = target.split("#", 1)[0].split("?", 1)[0]
        if not path:
            continue
        resolved = (
            (root / path.lstrip("/")) if path.startswith("/") else (md_file.parent / path)
        ).resolve()
        if not resolved.is_relative_to(root.resolve()):
            problems.append(f"{target}: outside the repository")
        elif not resolved.exists():
            problems.append(f"{target}: no such file")
    return problems


@pytest.mark.parametrize("md_file", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_inside_the_repository(md_file: Path) -> None:
    assert broken_links(md_file) == []


def test_the_docs_pages_exist_and_the_readme_stays_short() -> None:
    for page in ("rules", "sources", "marts", "performance", "operations", "architecture"):
        assert (ROOT / "docs" / f"{page}.md").is_file(), page
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


def test_the_link_check_fails_on_a_broken_or_escaping_link(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "here.md").write_text("# here\n", encoding="utf-8")
    page = tmp_path / "README.md"
    page.write_text(
        "[ok](docs/here.md#here) [web](https://example.org) ![img](docs/missing.png)\n"
        "[contract](../elsewhere/SOURCES.md) `[code](nowhere.md)`\n"
        "```\n[fenced](nowhere.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(page, root=tmp_path) == [
        "docs/missing.png: no such file",
        "../elsewhere/SOURCES.md: outside the repository",
    ]


def seed_legal_bases() -> list[tuple[str, int, str]]:
    rows = []
    for seed in sorted(SEEDS.glob("*.csv")):
        with seed.open(newline="", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                rows.append((seed.name, number, row["legal_basis"]))
    return rows


def test_every_seed_has_a_legal_basis_column() -> None:
    for seed in sorted(SEEDS.glob("*.csv")):
        with seed.open(newline="", encoding="utf-8") as handle:
            assert "legal_basis" in next(csv.reader(handle)), seed.name


def test_every_legal_basis_cites_a_regulation() -> None:
    bad = [
        f"{name}:{line}: {basis}"
        for name, line, basis in seed_legal_bases()
        if NOT_A_REGULATION.search(basis) or not REGULATION.search(basis)
    ]
    assert bad == []


@pytest.mark.parametrize(
    "basis",
    [
        "RULES.md R9; PP 94/2021",
        "R9",
        "SE MenPAN-RB 3/2023; predikat unit (inferensi desain)",
        "Design inference (I): the unit's own predicate",
        "Cap of credited minutes per employee per day",
    ],
)
def test_the_legal_basis_check_rejects_what_is_not_a_regulation(basis: str) -> None:
    assert NOT_A_REGULATION.search(basis) or not REGULATION.search(basis)
