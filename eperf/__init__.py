"""e-Performance warehouse: command line, configuration and shared paths."""
