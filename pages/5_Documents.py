"""Documents: read one release with who said what highlighted, fix its metadata, see its rows."""

import streamlit as st

from components import layout, reader, state

layout.page_setup("Documents")
st.title("Documents")
shown = layout.require_corpus()
full = state.get_corpus()
reader.render_flash()
doc_id = reader.select_document(full, shown)
read_column, edit_column = st.columns([3, 2], gap="large")
with read_column:
    reader.render_document(full, doc_id)
with edit_column:
    st.subheader("Metadata")
    reader.render_metadata_editor(full, doc_id)
    st.subheader("Speakers")
    reader.render_speaker_editor(full, doc_id)
st.subheader("Its rows in each table")
reader.render_document_tables(full, doc_id)
