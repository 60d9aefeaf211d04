"""Readout Lens — Home / Upload (the dashboard lands with issue 3)."""

import streamlit as st

st.set_page_config(page_title="Readout Lens", layout="wide")
st.title("Readout Lens")
st.write("The dashboard is being built. The parsing core runs from the command line: "
         "`python -m core parse FILES`.")
