"""Readout Lens parsing core: releases in, five tables out. Never imports streamlit."""
