"""The operator's log: app messages and Streamlit's uncaught-error tracebacks reach the file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

SCRIPT = """
    import logging
    from components import logs

    logs.configure_logging()
    logs.configure_logging()  # a second page run: no second set of handlers
    logging.getLogger("core.store").info("stored document abc")
    logging.getLogger("core.store").debug("not at info level")
    try:
        {}["missing"]
    except KeyError:
        logging.getLogger("components.upload").exception("upload failed")
    try:
        1 / 0
    except ZeroDivisionError as error:
        logging.getLogger("streamlit.error_util").error("Uncaught app execution", exc_info=error)
"""


def test_messages_and_tracebacks_reach_stderr_and_the_log_file(tmp_path):
    log_file = tmp_path / "logs" / "readout.log"
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SCRIPT)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "READOUT_LOG_FILE": str(log_file)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    written = log_file.read_text(encoding="utf-8")
    for text in (written, result.stderr):
        assert text.count("INFO core.store") == 1
        assert "stored document abc" in text
        assert "not at info level" not in text
        assert "ERROR components.upload" in text
        assert "KeyError: 'missing'" in text  # the traceback, for the operator
    assert "ZeroDivisionError" in written  # Streamlit's uncaught errors land in the file too
