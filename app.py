"""Readout Lens — Home: upload releases, see the corpus, manage workspaces."""

import streamlit as st

from components import data, layout, state, upload, workspaces

layout.page_setup("Home")
st.title("Readout Lens")
st.caption("Who said what, when, about which topics — in official readouts and press releases.")
workspaces.render_flash()
workspaces.render_workspaces()

upload.ingest(upload.select_uploads())
upload.ingest(upload.select_pasted(), source="pasted text")
upload.render_example_button()
upload.render_last_ingest()

corpus = state.get_corpus()
if corpus is None:
    st.info("No releases yet: drop files above, paste a release, or load the example corpus.")
    data.warm_up()  # the page is drawn; the first upload then finds the parser ready
    st.stop()
st.subheader("The corpus")
upload.render_summary(corpus)
layout.render_page_links()
st.subheader("Documents")
upload.render_documents(layout.filtered(corpus))
with st.expander("Delete documents", icon=":material/delete:"):
    upload.render_delete_documents(corpus)
