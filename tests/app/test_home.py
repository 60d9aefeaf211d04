"""Home: uploads of every format, paste, problems, the example corpus, workspaces, storage."""

from __future__ import annotations

import pytest

from components import data, state
from core import store
from tests import fixture_files as files
from tests.app.conftest import seeded_app

HOME = "app.py"


def distinct_release(label: str) -> tuple[str, str]:
    """An invented release whose text differs per label (so each file is its own document)."""
    title = f"{files.SAMPLE_TITLE} ({label})"
    body = f"{files.SAMPLE_BODY}\n\nThe {label} version was issued by the press office."
    return title, body


def every_format_upload() -> list[tuple[str, bytes, str]]:
    """One file of each readable format, each holding a different release."""
    made = {}
    for label in ("txt", "md", "html", "pdf", "docx", "eml", "zip-a", "zip-b"):
        made[label] = distinct_release(label)
    release = {
        label: f"{title}\n\n{files.SAMPLE_DATE_LINE}\n\n{body}\n"
        for label, (title, body) in made.items()
    }
    return [
        ("r.txt", files.txt_bytes(release["txt"]), "text/plain"),
        ("r.md", files.md_bytes(*made["md"]), "text/markdown"),
        ("r.html", files.html_bytes(*made["html"]), "text/html"),
        ("r.pdf", files.pdf_bytes([release["pdf"].splitlines()]), "application/pdf"),
        (
            "r.docx",
            files.docx_bytes(made["docx"][1].split("\n\n"), title=made["docx"][0]),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("r.eml", files.eml_bytes(subject=made["eml"][0], text=made["eml"][1]), "message/rfc822"),
        (
            "r.zip",
            files.zip_bytes(
                {
                    "a.txt": files.txt_bytes(release["zip-a"]),
                    "b.txt": files.txt_bytes(release["zip-b"]),
                }
            ),
            "application/zip",
        ),
    ]


def metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def stored(at):
    return at.session_state[state.CORPUS]


def test_empty_home_runs_and_invites_uploads():
    at = seeded_app(HOME).run()
    assert not at.exception
    assert any("No releases yet" in info.value for info in at.info)
    assert at.file_uploader(key="home_uploader") is not None
    assert not at.metric


def test_every_format_uploads_into_the_workspace(isolated_workspace):
    at = seeded_app(HOME).run()
    upload = every_format_upload()
    at.file_uploader(key="home_uploader").set_value(upload).run()
    assert not at.exception
    assert not at.warning, [warning.value for warning in at.warning]
    assert "7 file(s) read, 8 new document(s) stored" in at.success[0].value
    assert metrics(at)["Documents"] == "8"
    corpus = stored(at)
    assert len(corpus.documents) == 8
    # each format's own words made it into a stored document
    for label in ("txt", "md", "html", "pdf", "docx", "eml", "zip-a", "zip-b"):
        assert corpus.documents["text"].str.contains(f"The {label} version").any(), label
    # the documents table on Home lists them, with downloads
    overview = at.dataframe[0].value
    assert len(overview) == 8
    assert {"CSV", "XLSX"} <= {button.label for button in at.get("download_button")}


def test_stored_corpus_shows_at_once_when_the_app_is_reopened():
    at = seeded_app(HOME).run()
    at.file_uploader(key="home_uploader").set_value(every_format_upload()[:2]).run()
    assert metrics(at)["Documents"] == "2"
    reopened = seeded_app(HOME).run()
    assert not reopened.exception
    assert metrics(reopened)["Documents"] == "2"


def test_same_release_twice_is_one_document():
    at = seeded_app(HOME).run()
    twice = [
        ("one.txt", files.txt_bytes(), "text/plain"),
        ("copy.txt", files.txt_bytes(), "text/plain"),
    ]
    at.file_uploader(key="home_uploader").set_value(twice).run()
    assert not at.exception
    assert metrics(at)["Documents"] == "1"


def test_bad_files_are_listed_and_the_rest_is_stored():
    at = seeded_app(HOME).run()
    upload = [
        ("good.txt", files.txt_bytes(), "text/plain"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "application/pdf"),
        ("scan.pdf", files.scanned_pdf_bytes(), "application/pdf"),
        ("<img src=x onerror=alert(1)>.txt", b"\xff\xfe\x00", "text/plain"),
    ]
    at.file_uploader(key="home_uploader").set_value(upload).run()
    assert not at.exception
    assert metrics(at)["Documents"] == "1"
    assert "could not be used" in at.warning[0].value
    problems = next(frame.value for frame in at.dataframe if "what went wrong" in frame.value)
    assert {"broken.pdf", "scan.pdf"} <= set(problems["file"])
    assert problems["what went wrong"].str.len().gt(0).all()


def test_paste_box_adds_a_release():
    at = seeded_app(HOME).run()
    at.text_area(key="home_paste_text").input(files.OTHER_RELEASE)
    next(button for button in at.button if button.label == "Add pasted text").click().run()
    assert not at.exception
    assert metrics(at)["Documents"] == "1"
    assert stored(at).documents["filename"].iloc[0].startswith("pasted-")


def test_general_li_said_that_gives_a_statement_by_a_li():
    release = (
        "Chief of Staff Holds Video Call With Counterpart\n\nMarch 3, 2022\n\n"
        "General Li Wenhai held a video call with General Tom Anders on Tuesday. "
        "General Li said that the two militaries should keep their channels open.\n"
    )
    at = seeded_app(HOME).run()
    at.file_uploader(key="home_uploader").set_value(
        [("li.txt", release.encode(), "text/plain")]
    ).run()
    speakers = stored(at).statements["speaker"].dropna()
    assert speakers.str.contains(r"\bLi\b").any(), list(speakers)


def test_example_corpus_button():
    examples = data.example_files()
    at = seeded_app(HOME).run()
    button = at.button(key="home_examples")
    assert button.disabled is (not examples)
    if not examples:
        assert any("no example corpus" in caption.value for caption in at.caption)
        return
    button.click().run()
    assert not at.exception
    assert int(metrics(at)["Documents"]) >= len(examples) * 0.9


def test_workspaces_create_open_rename_delete(small_corpus):
    at = seeded_app(HOME).run()
    at.file_uploader(key="home_uploader").set_value(every_format_upload()[:1]).run()
    assert metrics(at)["Documents"] == "1"

    at.text_input(key="home_ws_new_name").input("second")
    at.button(key="home_ws_create").click().run()
    assert not at.exception
    assert at.session_state[state.WORKSPACE] == "second"
    assert not at.metric  # a new workspace is empty
    assert set(data.list_workspaces()) == {"default", "second"}

    at.text_input(key="home_ws_rename_to").input("renamed")
    at.button(key="home_ws_rename").click().run()
    assert set(data.list_workspaces()) == {"default", "renamed"}
    assert at.session_state[state.WORKSPACE] == "renamed"

    at.checkbox(key="home_ws_confirm").check()
    at.button(key="home_ws_delete").click().run()
    assert not at.exception
    assert data.list_workspaces() == ["default"]
    assert at.session_state[state.WORKSPACE] == "default"
    assert metrics(at)["Documents"] == "1"  # back in the first workspace, still stored

    at.selectbox(key="home_ws_choice").select("default")
    at.button(key="home_ws_open").click().run()
    assert not at.exception


@pytest.mark.parametrize("name", ["", "../escape", "a/b"])
def test_bad_workspace_names_are_refused_in_words(name):
    at = seeded_app(HOME).run()
    at.text_input(key="home_ws_new_name").input(name)
    at.button(key="home_ws_create").click().run()
    assert not at.exception
    assert at.session_state[state.WORKSPACE] == "default"
    assert any("workspace name" in info.value for info in at.info)


def test_deleting_documents(small_corpus):
    at = seeded_app(HOME).run()
    at.file_uploader(key="home_uploader").set_value(every_format_upload()[:3]).run()
    doc_id = stored(at).documents["doc_id"].iloc[0]
    at.multiselect(key="home_delete_docs").set_value([doc_id])
    next(b for b in at.button if b.label == "Delete selected documents").click().run()
    assert not at.exception
    assert metrics(at)["Documents"] == "2"
    assert doc_id not in set(stored(at).documents["doc_id"])


def test_a_locked_workspace_is_explained_not_a_traceback(monkeypatch):
    def locked(name):
        raise store.WorkspaceLockedError(
            "This workspace is open in another Readout Lens process; close it there first."
        )

    monkeypatch.setattr(data, "get_workspace", locked)
    at = seeded_app(HOME).run()
    assert not at.exception
    assert any("open in another Readout Lens process" in error.value for error in at.error)


def test_uploads_are_tagged_with_the_workspace_taxonomy(isolated_workspace):
    from core import topics

    edited = topics.add_topic(topics.load_taxonomy(), "Invented hotline topic", ["hotlines"])
    workspace = store.Workspace(store.workspace_path(isolated_workspace, "default"))
    workspace.save_taxonomy_yaml(topics.taxonomy_to_yaml(edited))
    workspace.close()
    at = seeded_app(HOME).run()
    at.file_uploader(key="home_uploader").set_value(every_format_upload()[:1]).run()
    assert not at.exception
    assert "Invented hotline topic" in set(stored(at).topic_mentions["topic"])
