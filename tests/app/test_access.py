"""Access control: off by default; when on, every page stops at the sign-in, downloads included."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from components import auth
from components.layout import installed_pages
from tests.app.conftest import seeded_app
from tests.conftest import ROOT

PASSWORD = "correct horse battery staple"
SALT = b"0123456789abcdef"
PAGES = [path for path, _label, _icon in installed_pages()]
CONTENT = ("metric", "dataframe", "download_button", "plotly_chart", "tabs", "expander")


@pytest.fixture(scope="module")
def password_hash() -> str:
    return auth.hash_password(PASSWORD, salt=SALT)


@pytest.fixture(autouse=True)
def no_delay(monkeypatch):
    monkeypatch.setattr(auth, "WRONG_PASSWORD_DELAY", 0)


def content_count(at) -> int:
    """How many content elements (tables, charts, downloads, metrics ...) the run drew."""
    return sum(len(at.get(kind)) for kind in CONTENT)


def locked_app(path: str, corpus, settings: dict):
    at = seeded_app(path, corpus)
    for key, value in settings.items():
        at.secrets[key] = value
    return at


# ------------------------------------------------------------------ hashing and settings


def test_a_hash_verifies_its_password_only(password_hash):
    assert password_hash.startswith("scrypt$")
    assert PASSWORD not in password_hash
    assert auth.verify_password(PASSWORD, password_hash)
    for wrong in ("", "correct horse battery stapl", PASSWORD.upper(), PASSWORD + " "):
        assert not auth.verify_password(wrong, password_hash)


def test_hashes_are_salted():
    assert auth.hash_password(PASSWORD) != auth.hash_password(PASSWORD)
    with pytest.raises(ValueError, match="empty"):
        auth.hash_password("")


@pytest.mark.parametrize(
    "stored",
    [
        "",
        PASSWORD,
        "pbkdf2$1$2$3$AAAA$BBBB",
        "scrypt$32768$8$1$not base64!$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$1000$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$AAAAAAAAAAAAAAAAAAAAAA==",  # n not 2**k
        "scrypt$2$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$AAAAAAAAAAAAAAAAAAAAAA==",  # far too cheap
        "scrypt$32768$8$1$MDEyMw==$AAAAAAAAAAAAAAAAAAAAAA==",  # salt too short
        "scrypt$32768$8",
    ],
)
def test_a_malformed_hash_is_a_configuration_error(stored):
    with pytest.raises(auth.AuthConfigError, match=r"python -m components\.auth hash"):
        auth.verify_password(PASSWORD, stored)


@pytest.mark.parametrize(
    ("settings", "mode"),
    [
        ({}, auth.OPEN),
        ({"other": {"key": "value"}}, auth.OPEN),
        ({auth.SECTION: {"allowed_emails": ["a@b.org"]}}, auth.OPEN),
        ({auth.SECTION: {"password_hash": "HASH"}}, auth.PASSWORD),
        ({"auth": {"client_id": "x"}}, auth.LOGIN),
        ({"auth": {"client_id": "x"}, auth.SECTION: {"password_hash": "HASH"}}, auth.LOGIN),
    ],
)
def test_access_mode(settings, mode, password_hash):
    section = settings.get(auth.SECTION, {})
    if section.get("password_hash") == "HASH":
        settings = {**settings, auth.SECTION: {**section, "password_hash": password_hash}}
    assert auth.access_mode(settings) == mode


def test_a_broken_password_setting_fails_closed():
    with pytest.raises(auth.AuthConfigError):
        auth.access_mode({auth.SECTION: {"password_hash": "plain-text-password"}})
    with pytest.raises(auth.AuthConfigError):
        auth.access_mode({auth.SECTION: "password"})


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("ana@ministry.example", True),
        ("ANA@Ministry.Example", True),
        ("boss@elsewhere.example", True),
        ("eve@elsewhere.example", False),
        ("eve@ministry.example.evil", False),
        ("", False),
        (None, False),
    ],
)
def test_allow_list(email, allowed):
    settings = {
        auth.SECTION: {
            "allowed_domains": ["@ministry.example"],
            "allowed_emails": ["Boss@elsewhere.example"],
        }
    }
    assert auth.email_allowed(email, settings) is allowed
    assert auth.email_allowed(email, {}) is True  # no list: the provider decides


def test_the_hash_command_prints_a_secrets_section():
    made = subprocess.run(
        [sys.executable, "-m", "components.auth", "hash", "--stdin"],
        input=PASSWORD + "\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    section, line = made.stdout.strip().splitlines()
    assert section == f"[{auth.SECTION}]"
    stored = line.removeprefix('password_hash = "').removesuffix('"')
    assert auth.verify_password(PASSWORD, stored)
    assert PASSWORD not in made.stdout


# ------------------------------------------------------------------ every page, in the app


def test_every_page_calls_the_gate_before_anything_else():
    for path in PAGES:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        statements = [
            node
            for node in tree.body
            if not isinstance(node, ast.Import | ast.ImportFrom)
            and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
        ]
        assert ast.unparse(statements[0]).startswith("layout.page_setup("), path


def test_access_is_open_by_default(small_corpus):
    at = seeded_app("app.py", small_corpus).run()
    assert not at.exception
    assert content_count(at) > 0
    assert not [field for field in at.text_input if field.key == auth.PASSWORD_KEY]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_stops_at_the_password(path, small_corpus, password_hash):
    settings = {auth.SECTION: {"password_hash": password_hash}}
    at = locked_app(path, small_corpus, settings).run()
    assert not at.exception
    assert content_count(at) == 0
    assert len(at.sidebar) == 0  # no navigation, no filter, no workspace name
    assert at.text_input(key=auth.PASSWORD_KEY).label == "Password"

    at.text_input(key=auth.PASSWORD_KEY).input("not the password")
    at.button[0].click().run()
    assert not at.exception
    assert content_count(at) == 0
    assert [error.value for error in at.error] == ["Wrong password."]

    at.text_input(key=auth.PASSWORD_KEY).input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert content_count(at) > 0
    assert not [field for field in at.text_input if field.key == auth.PASSWORD_KEY]
    assert any(button.label == "Sign out" for button in at.sidebar.button)


def test_signing_out_locks_again(small_corpus, password_hash):
    at = locked_app("app.py", small_corpus, {auth.SECTION: {"password_hash": password_hash}})
    at.run()
    at.text_input(key=auth.PASSWORD_KEY).input(PASSWORD)
    at.button[0].click().run()
    assert content_count(at) > 0
    next(button for button in at.sidebar.button if button.label == "Sign out").click().run()
    assert content_count(at) == 0
    assert at.text_input(key=auth.PASSWORD_KEY)


def test_a_misconfigured_password_closes_every_page(small_corpus):
    for path in PAGES:
        at = locked_app(path, small_corpus, {auth.SECTION: {"password_hash": "swordfish"}}).run()
        assert not at.exception
        assert content_count(at) == 0
        assert "misconfigured" in at.error[0].value
        assert "swordfish" not in at.error[0].value


IDP = {"auth": {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "client_id": "x"}}


@pytest.mark.parametrize("path", PAGES)
def test_with_an_identity_provider_every_page_asks_to_log_in(path, small_corpus, monkeypatch):
    monkeypatch.setattr(auth, "authlib_installed", lambda: True)
    at = locked_app(path, small_corpus, IDP)
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert content_count(at) == 0
    assert [button.label for button in at.button] == ["Log in"]


def test_a_signed_in_account_outside_the_allow_list_is_refused(small_corpus, monkeypatch):
    monkeypatch.setattr(auth, "authlib_installed", lambda: True)
    settings = {**IDP, auth.SECTION: {"allowed_domains": ["ministry.example"]}}
    at = locked_app("app.py", small_corpus, settings)
    at.user = {"is_logged_in": True, "email": "eve@elsewhere.example"}
    at.run()
    assert not at.exception
    assert content_count(at) == 0
    assert "may not use" in at.error[0].value

    at = locked_app("app.py", small_corpus, settings)
    at.user = {"is_logged_in": True, "email": "ana@ministry.example"}
    at.run()
    assert not at.exception
    assert content_count(at) > 0


def test_an_identity_provider_without_authlib_closes_the_app(small_corpus, monkeypatch):
    monkeypatch.setattr(auth, "authlib_installed", lambda: False)
    at = locked_app("app.py", small_corpus, IDP)
    at.user = {"is_logged_in": True, "email": "ana@ministry.example"}
    at.run()
    assert not at.exception
    assert content_count(at) == 0
    assert "misconfigured" in at.error[0].value
