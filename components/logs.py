"""The operator's log: the app's own messages and every uncaught error, with tracebacks.

Analysts never see error details (``client.showErrorDetails = "none"``); the operator reads them
here. Messages of ``core`` and ``components`` go to stderr (the terminal or service journal that
runs ``streamlit run``) and, when ``READOUT_LOG_FILE`` names a file, to that file as well, with
Streamlit's own "Uncaught app execution" tracebacks.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path

LOG_FILE_ENV = "READOUT_LOG_FILE"
LOG_LEVEL_ENV = "READOUT_LOG_LEVEL"
APP_LOGGERS = ("core", "components")
STREAMLIT_ERRORS = "streamlit.error_util"  # where Streamlit logs an uncaught script error
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"
MAX_BYTES = 10_000_000
BACKUPS = 5

_configured = threading.Lock()
_HANDLER_MARK = "_readout_handler"


def configure_logging() -> None:
    """Attach the operator's handlers once per process (later calls do nothing)."""
    with _configured:
        if any(getattr(h, _HANDLER_MARK, False) for h in logging.getLogger("core").handlers):
            return
        level = os.environ.get(LOG_LEVEL_ENV, "INFO").strip().upper() or "INFO"
        handlers = [_marked(logging.StreamHandler(sys.stderr))]
        log_file = os.environ.get(LOG_FILE_ENV, "").strip()
        if log_file:
            handlers.append(_marked(_file_handler(Path(log_file).expanduser())))
        for name in APP_LOGGERS:
            logger = logging.getLogger(name)
            logger.setLevel(level)
            for handler in handlers:
                logger.addHandler(handler)
        if len(handlers) > 1:  # Streamlit already prints its own errors to stderr
            logging.getLogger(STREAMLIT_ERRORS).addHandler(handlers[1])


def _file_handler(path: Path) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    return logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )


def _marked(handler: logging.Handler) -> logging.Handler:
    handler.setFormatter(logging.Formatter(FORMAT))
    setattr(handler, _HANDLER_MARK, True)
    return handler
