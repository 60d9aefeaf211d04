"""render_chart / render_table: the buttons every chart and table gets."""

from __future__ import annotations

import io

import pandas as pd
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from components import export


def chart_and_table_script():
    import pandas as pd
    import plotly.express as px

    from components import downloads

    frame = pd.DataFrame({"speaker": ["Ann Vell", "Bo Reyes"], "statements": [3, 5]})
    downloads.render_chart(
        px.bar(frame, x="speaker", y="statements"), frame, key="test_bar", name="Per speaker"
    )
    downloads.render_table(frame, key="test_table", name="Per speaker")


def run_script() -> AppTest:
    return AppTest.from_function(chart_and_table_script, default_timeout=60).run()


def buttons(at) -> dict[str, object]:
    return {button.key: button for button in at.get("download_button")}


def test_chart_and_table_get_their_buttons():
    at = run_script()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert len(at.dataframe) == 1
    assert list(buttons(at)) == [
        "test_bar_png", "test_bar_svg", "test_bar_html", "test_bar_csv",
        "test_table_csv", "test_table_xlsx",
    ]  # fmt: skip
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["PNG", "SVG", "HTML", "CSV", "CSV", "XLSX"]


def test_without_chromium_png_and_svg_say_why_and_the_rest_works(monkeypatch):
    reason = "Chromium is not installed, so charts cannot be saved as PNG or SVG."
    monkeypatch.setattr(export, "image_export_status", lambda: (False, reason))
    at = run_script()
    assert not at.exception
    found = buttons(at)
    assert found["test_bar_png"].proto.disabled
    assert found["test_bar_svg"].proto.disabled
    assert not found["test_bar_html"].proto.disabled
    assert not found["test_bar_csv"].proto.disabled
    assert not found["test_table_xlsx"].proto.disabled
    assert any(reason in caption.value for caption in at.caption)


def big_table_script():
    import pandas as pd

    from components import downloads

    frame = pd.DataFrame({"row": range(1_234), "speaker": ["Ann Vell", "Bo Reyes"] * 617})
    downloads.render_table(frame, key="big", name="Big table")


def test_a_table_over_1000_rows_shows_1000_and_its_csv_has_every_row(monkeypatch):
    # download data is a deferred callable: record it where Streamlit registers it, to call it
    deferred: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def recording_add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        deferred[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording_add_deferred)
    at = AppTest.from_function(big_table_script, default_timeout=60).run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert len(shown) == 1_000
    assert list(shown["row"]) == list(range(1_000))
    assert [caption.value for caption in at.caption] == [
        "Showing the first 1,000 of 1,234 rows; the CSV and XLSX downloads have all of them."
    ]
    csv = deferred["big-table.csv"]()
    downloaded = pd.read_csv(io.BytesIO(csv if isinstance(csv, bytes) else csv.encode()))
    assert len(downloaded) == 1_234
    assert list(downloaded["row"]) == list(range(1_234))


def test_a_table_of_1000_rows_or_fewer_shows_them_all_without_a_caption():
    at = run_script()
    assert len(at.dataframe[0].value) == 2
    assert not any("Showing the first" in caption.value for caption in at.caption)
