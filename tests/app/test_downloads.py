"""render_chart / render_table: the buttons every chart and table gets."""

from __future__ import annotations

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
