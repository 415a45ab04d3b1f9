"""Great Expectations 1.x suites at the ingestion boundary, run on each landed batch."""
