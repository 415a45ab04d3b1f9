"""The data layer's shape: SQL lives in ``.sql`` files beside the modules that run it, every
such file is run by its module, and no Python under dashboards/ holds a query."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from dashboards.lib import data

DASHBOARDS = Path(data.__file__).parents[2]
SQL_DIR = Path(data.__file__).parent
SQL_TEXT = re.compile(r"\bselect\b.*\bfrom\b", re.IGNORECASE | re.DOTALL)
PARAMETER = re.compile(r"\$([A-Za-z_]\w*)")


def _string_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_python_under_dashboards_holds_a_query() -> None:
    found = [
        f"{path.relative_to(DASHBOARDS)}:{line}"
        for path in sorted(DASHBOARDS.rglob("*.py"))
        for line, text in _string_literals(path)
        if SQL_TEXT.search(text)
    ]
    assert found == []


def test_every_sql_file_is_run_by_its_module() -> None:
    """``<module>__<query>.sql`` is named in ``<module>.py``; a file without ``__`` is setup SQL
    every connection runs (data.SETUP_SQL)."""
    unused = []
    for path in sorted(SQL_DIR.glob("*.sql")):
        module, _, query = path.stem.partition("__")
        if not query:
            if path.stem not in data.SETUP_SQL:
                unused.append(path.name)
            continue
        source = (SQL_DIR / f"{module}.py").read_text(encoding="utf-8")
        if f'"{path.stem}"' not in source and f'"{query}"' not in source:
            unused.append(path.name)
    assert unused == []


def test_every_data_function_reads_a_sql_file_that_exists() -> None:
    names = {
        text
        for path in SQL_DIR.glob("*.py")
        for _, text in _string_literals(path)
        if re.fullmatch(r"[a-z]+__[a-z_]+", text)
    }
    assert names, "no query names found"
    assert sorted(n for n in names if not (SQL_DIR / f"{n}.sql").exists()) == []


def test_parameters_are_named_for_what_they_hold() -> None:
    """Snake-case words, no abbreviated mart codes: the marts are views named like the marts."""
    names = {name for path in SQL_DIR.glob("*.sql") for name in PARAMETER.findall(path.read_text())}
    assert names, "no parameters found"
    short = sorted(n for n in names if len(n) <= 4 and n not in {"nip"})
    assert short == []
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", n) for n in names), names
