"""The shipped server settings: local only, bounded uploads, no error details for users."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT


def config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_server_binds_to_this_machine_only():
    assert config()["server"]["address"] == "127.0.0.1"
    run = re.search(r"^run:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert run is not None
    assert "--server.address 127.0.0.1" in run.group(1)
    assert "0.0.0.0" not in run.group(1)


def test_uploads_are_bounded_and_requests_checked():
    server = config()["server"]
    assert 1 <= server["maxUploadSize"] <= 200
    assert server["enableXsrfProtection"] is True
    assert server["headless"] is True


def test_users_never_see_error_details():
    assert config()["client"]["showErrorDetails"] == "none"


def test_no_secrets_are_shipped():
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert any("secrets.toml" in line for line in ignored)
