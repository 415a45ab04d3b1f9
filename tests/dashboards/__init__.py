"""Tests of the Streamlit dashboards (dashboards/)."""
