"""dbt's partial-parse state kept from one Dagster run to the next.

dagster-dbt starts each dbt invocation in a new target folder and seeds it with the project
target's ``partial_parse.msgpack``, which ``dbt parse`` wrote when the manifest was prepared.
dbt re-parses the whole project when that state was made with another profile (here: another
warehouse path or memory cap), so every run on a warehouse other than the one of the last
``dbt parse`` paid a full parse. Keeping the state each run leaves behind makes the next run on
the same warehouse re-parse only the files whose inputs changed (the window's environment
variables); dbt checks the state's hashes itself and re-parses whatever no longer matches.
"""

import os
from pathlib import Path

from eperf.config import Settings

PARTIAL_PARSE_FILE = "partial_parse.msgpack"


def keep_partial_parse(run_target: Path, project_target: Path) -> bool:
    """Replace the project target's partial-parse state with ``run_target``'s, atomically (a
    concurrent run copies either the old or the new file). False when the run left none."""
    state = run_target / PARTIAL_PARSE_FILE
    if not state.is_file():
        return False
    project_target.mkdir(parents=True, exist_ok=True)
    staged = project_target / f".{PARTIAL_PARSE_FILE}.{os.getpid()}"
    staged.write_bytes(state.read_bytes())
    os.replace(staged, project_target / PARTIAL_PARSE_FILE)
    return True


def project_target_path(project_dir: Path, settings: Settings | None = None) -> Path:
    """The target folder dagster-dbt seeds each invocation from (``DBT_TARGET_PATH``, relative
    to the project, or ``target``)."""
    configured = (settings or Settings.from_env()).dbt_target_path
    target = Path("target" if configured is None else configured)
    return target if target.is_absolute() else project_dir / target
