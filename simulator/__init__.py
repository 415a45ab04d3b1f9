"""Demo-source simulator: SIMPEG, the e-Performance app database and attendance device exports,
written to the same contract production sources follow (docs/sources.md)."""

from simulator.generate import GenerationSummary, SimulatorConfig, generate_sources

__all__ = ["GenerationSummary", "SimulatorConfig", "generate_sources"]
