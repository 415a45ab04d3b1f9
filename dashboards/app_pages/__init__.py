"""Pages of the dashboard app, registered with ``st.navigation`` in ``streamlit_app.py``."""
