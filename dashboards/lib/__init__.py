"""Dashboard helpers: data access (``data``), figures (``charts``), tables, KPIs and UI text."""
