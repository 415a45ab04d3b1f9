"""``eperf bench``: time each pipeline stage on generated sources against a baseline query."""
