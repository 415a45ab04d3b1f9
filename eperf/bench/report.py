"""Pure helpers of ``eperf bench``: parsing its options and laying out its figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def parse_stages(text: str, known: Sequence[str]) -> tuple[str, ...]:
    """Comma-separated stage names, checked against ``known`` (kept in the order given)."""
    stages = tuple(s.strip() for s in text.split(",") if s.strip())
    unknown = [s for s in stages if s not in known]
    if unknown or not stages:
        raise ValueError(f"unknown stages {unknown or text!r}; choose from {', '.join(known)}")
    return stages


def parse_sizes(text: str) -> list[int]:
    """Comma-separated employee counts (``5000,10000,20k``), ascending and distinct."""
    sizes = set()
    for part in (p.strip().lower() for p in text.split(",")):
        if not part:
            continue
        value = int(float(part[:-1]) * 1000) if part.endswith("k") else int(part)
        if value <= 0:
            raise ValueError(f"employee count must be positive, got {part!r}")
        sizes.add(value)
    if not sizes:
        raise ValueError("no sizes given")
    return sorted(sizes)


STAGE_WIDTH = 18  # floor_device_parse
HEADER = (
    f"{'employees':>9} {'stage':<{STAGE_WIDTH}} {'seconds':>9} {'rows':>13} {'rows/s':>11} "
    f"{'peak RSS MB':>12} {'load 1m':>13}"
)


def stage_line(employees: int, figures: dict) -> str:
    """One line of the table for one stage's figures (``StageResult.as_dict()``)."""
    load = f"{figures['load_start']:.1f}->{figures['load_end']:.1f}"
    return (
        f"{employees:>9,} {figures['stage']:<{STAGE_WIDTH}} {figures['seconds']:>9.2f} "
        f"{figures['rows']:>13,} {figures['rows_per_second']:>11,} "
        f"{figures['peak_rss_mb']:>12,.0f} {load:>13}"
    )


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator rounded to 2 places, None when either is missing or zero."""
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 2)


# Each pipeline stage and its floor: the stages that do the same core work on the same rows in
# the simplest way (their seconds summed). See docs/performance.md, "The floors".
FLOORS = {"ingest": ("floor_app_scan", "floor_device_parse"), "transform": ("baseline",)}


def over_floor(stages: Iterable[dict]) -> dict[str, dict]:
    """Per stage of ``FLOORS`` that ran with all its floor stages: its seconds, its floor's
    seconds and their ratio. A stage whose floor did not run is absent (not a ratio of 0)."""
    seconds = {s["stage"]: s["seconds"] for s in stages}
    ratios = {}
    for stage, floor in FLOORS.items():
        if stage not in seconds or any(f not in seconds for f in floor):
            continue
        floor_seconds = round(sum(seconds[f] for f in floor), 2)
        value = ratio(seconds[stage], floor_seconds)
        if value is not None:
            ratios[stage] = {
                "seconds": seconds[stage],
                "floor": list(floor),
                "floor_seconds": floor_seconds,
                "ratio": value,
            }
    return ratios


def floor_lines(stages: list[dict]) -> list[str]:
    """The floor table: each floor stage's seconds, rows and rows/s, then each stage over its
    floor. Empty when no floor stage ran."""
    floors = {f for floor in FLOORS.values() for f in floor}
    ran = [s for s in stages if s["stage"] in floors]
    if not ran:
        return []
    lines = [f"{'floor':<{STAGE_WIDTH}} {'seconds':>9} {'rows':>13} {'rows/s':>11}"]
    lines += [
        f"{s['stage']:<{STAGE_WIDTH}} {s['seconds']:>9.2f} {s['rows']:>13,} "
        f"{s['rows_per_second']:>11,}"
        for s in ran
    ]
    for stage, figures in over_floor(stages).items():
        lines.append(
            f"{stage} / floor = {figures['seconds']:.2f} / {figures['floor_seconds']:.2f} "
            f"({' + '.join(figures['floor'])}) = {figures['ratio']}"
        )
    return lines


def run_figures(employees: int, months: int, stages: list[dict]) -> dict:
    """The JSON figures of one size's run: each stage's, the pipeline's seconds (generation
    excluded) and each stage's ratio to its floor."""
    seconds = {s["stage"]: s["seconds"] for s in stages}
    pipeline = sum(seconds.get(s, 0.0) for s in ("ingest", "transform", "checks", "publish"))
    return {
        "employees": employees,
        "months": months,
        "stages": stages,
        "pipeline_seconds_excluding_generation": round(pipeline, 2),
        "transform_over_baseline": ratio(seconds.get("transform"), seconds.get("baseline")),
        "over_floor": over_floor(stages),
    }


def linearity(runs: Iterable[dict]) -> dict[str, list[dict]]:
    """Per stage, seconds per 1,000 employees at each size and that cost relative to the
    smallest size (1.0 everywhere means perfectly linear; fixed costs show as > 1 at small
    sizes). ``runs`` are the per-size figures (``employees`` and ``stages``)."""
    by_stage: dict[str, list[tuple[int, float]]] = {}
    for run in sorted(runs, key=lambda r: r["employees"]):
        for stage in run["stages"]:
            by_stage.setdefault(stage["stage"], []).append((run["employees"], stage["seconds"]))
    curve = {}
    for stage, points in by_stage.items():
        largest = points[-1]
        per_k_largest = largest[1] / largest[0] * 1000
        curve[stage] = [
            {
                "employees": employees,
                "seconds": seconds,
                "seconds_per_1k_employees": round(seconds / employees * 1000, 3),
                "vs_largest": ratio(seconds / employees * 1000, per_k_largest),
            }
            for employees, seconds in points
        ]
    return curve


def node_timings(run_results: dict, top: int = 10) -> dict:
    """From a dbt ``run_results.json``: the invocation's elapsed seconds, the nodes' summed
    execution seconds (on 2 threads they may exceed elapsed), and the slowest ``top`` nodes."""
    nodes = [
        (r["unique_id"].split(".")[-1], float(r.get("execution_time") or 0.0))
        for r in run_results.get("results", [])
    ]
    nodes.sort(key=lambda n: n[1], reverse=True)
    total = sum(seconds for _, seconds in nodes)
    return {
        "elapsed_seconds": round(float(run_results.get("elapsed_time") or 0.0), 2),
        "node_seconds": round(total, 2),
        "nodes": len(nodes),
        "slowest": [{"node": name, "seconds": round(s, 2)} for name, s in nodes[:top]],
    }


def detail_lines(figures: dict, top: int = 5) -> list[str]:
    """Where a stage's time went, from its details: dbt's elapsed and node seconds with the
    slowest nodes, the Great Expectations share of the checks, and the slowest Dagster steps."""
    detail = figures.get("detail") or {}
    lines = []
    for key, label in (("dbt_build", "dbt build"), ("dbt_test", "dbt test")):
        if key in detail:
            nodes = detail[key]
            slowest = ", ".join(f"{n['node']} {n['seconds']:.1f}" for n in nodes["slowest"][:top])
            core = (
                f" ({nodes['core_node_seconds']:.1f} s on the baseline's core)"
                if nodes.get("core_node_seconds")
                else ""
            )
            lines.append(
                f"    {label}: {nodes['elapsed_seconds']:.1f} s elapsed in dbt, "
                f"{nodes['node_seconds']:.1f} s in {nodes['nodes']} nodes{core}; slowest: {slowest}"
            )
    if "gx_seconds" in detail:
        lines.append(f"    Great Expectations suites: {detail['gx_seconds']:.1f} s")
    if "step_seconds" in detail:
        steps = sorted(detail["step_seconds"].items(), key=lambda kv: kv[1], reverse=True)
        cells = ", ".join(f"{name} {seconds:.1f}" for name, seconds in steps[:top])
        lines.append(f"    new day {detail.get('day')}; slowest Dagster steps: {cells}")
    return lines


def core_seconds(run_results: dict, parent_map: dict, core: str = "fct_employee_monthly") -> float:
    """Summed execution seconds of ``core`` and every model and seed it is built from: the part
    of the transform the baseline query also computes (daily codes and monthly tukin)."""
    target = next((uid for uid in parent_map if uid.split(".")[-1] == core), None)
    if target is None:
        return 0.0
    seen, todo = set(), [target]
    while todo:
        uid = todo.pop()
        if uid not in seen:
            seen.add(uid)
            todo.extend(parent_map.get(uid, []))
    return round(
        sum(
            float(r.get("execution_time") or 0.0)
            for r in run_results.get("results", [])
            if r["unique_id"] in seen
        ),
        2,
    )
