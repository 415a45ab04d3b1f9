"""Streamlit dashboards over the published marts; ``eperf serve`` runs ``streamlit_app.py``."""
