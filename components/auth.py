"""Optional access control, off by default: a shared password (kept hashed) or an identity provider.

Configured in ``.streamlit/secrets.toml`` (never committed; see docs/deployment.md):

- ``[readout_auth] password_hash = "scrypt$..."`` — analysts type one shared password; only its
  salted scrypt hash is stored. Make the line with ``python -m components.auth hash``.
- ``[auth]`` (Streamlit's own OIDC settings) — analysts sign in with ``st.login``; optionally
  ``[readout_auth] allowed_emails = [...]`` and/or ``allowed_domains = [...]`` say who may in.

Every page calls :func:`require_access` first (``layout.page_setup``); without access the page
stops before it reads the workspace, so no table, chart or download is drawn. A secrets file
that cannot be read, or a password hash that cannot be parsed, closes the app (fail closed).
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import importlib.util
import logging
import secrets
import sys
import time
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

log = logging.getLogger(__name__)

SECTION = "readout_auth"
IDP_SECTION = "auth"  # Streamlit's own st.login settings
AUTH_PASSED = "auth_password_hash"  # session key: the hash this session's password matched
FORM_KEY = "auth_form"
PASSWORD_KEY = "auth_password"
SCHEME = "scrypt"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1  # ~32 MB and ~0.1 s per check
SALT_BYTES = 16
KEY_BYTES = 32
WRONG_PASSWORD_DELAY = 1.0  # seconds: slows guessing from one session

OPEN, PASSWORD, LOGIN, CLOSED = "open", "password", "login", "closed"


class AuthConfigError(ValueError):
    """Access control is configured but unusable; worded for the operator."""


# ------------------------------------------------------------------ hashing (pure)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The line to store: ``scrypt$n$r$p$salt$key`` (salt and key base64), never the password.

    Raises:
        ValueError: the password is empty.
    """
    if not password:
        raise ValueError("The password cannot be empty.")
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join([SCHEME, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(key)])


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a stored hash (constant-time comparison).

    Raises:
        AuthConfigError: ``stored`` is not a hash made by :func:`hash_password`.
    """
    n, r, p, salt, key = parse_hash(stored)
    return hmac.compare_digest(_scrypt(password, salt, n, r, p), key)


def parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    """(n, r, p, salt, key) of a stored hash.

    Raises:
        AuthConfigError: not ``scrypt$n$r$p$salt$key`` with sane parameters.
    """
    parts = str(stored).strip().split("$")
    try:
        scheme, n, r, p, salt, key = parts
        numbers = int(n), int(r), int(p)
        salt_bytes, key_bytes = base64.b64decode(salt, validate=True), base64.b64decode(key)
    except ValueError:
        raise AuthConfigError(_bad_hash_message()) from None
    if scheme != SCHEME or not _sane(*numbers) or len(salt_bytes) < 8 or len(key_bytes) < 16:
        raise AuthConfigError(_bad_hash_message())
    return (*numbers, salt_bytes, key_bytes)


def _sane(n: int, r: int, p: int) -> bool:
    return 2**10 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    memory = 128 * r * (n + p + 2)
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=KEY_BYTES
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _bad_hash_message() -> str:
    return (
        f"[{SECTION}] password_hash in secrets.toml is not a hash made by "
        "`python -m components.auth hash`; make a new one."
    )


# ------------------------------------------------------------------ configuration


def access_mode(settings: Mapping[str, Any]) -> str:
    """OPEN (no access control), PASSWORD, LOGIN (identity provider), from the secrets.

    Raises:
        AuthConfigError: the settings name a password or provider that cannot work.
    """
    own = settings.get(SECTION) or {}
    if not isinstance(own, Mapping):
        raise AuthConfigError(f"[{SECTION}] in secrets.toml must be a table.")
    if settings.get(IDP_SECTION):
        return LOGIN
    if "password_hash" in own:
        parse_hash(own["password_hash"])
        return PASSWORD
    return OPEN


def email_allowed(email: str | None, settings: Mapping[str, Any]) -> bool:
    """Whether a signed-in account may use the app (any, when no allow-list is configured)."""
    own = settings.get(SECTION) or {}
    emails = {str(item).strip().casefold() for item in own.get("allowed_emails", [])}
    domains = {str(item).strip().lstrip("@").casefold() for item in own.get("allowed_domains", [])}
    if not emails and not domains:
        return True
    address = (email or "").strip().casefold()
    return bool(address) and (address in emails or address.rpartition("@")[2] in domains)


def read_settings() -> dict[str, Any]:
    """The secrets as a dict ({} when there is no secrets file).

    Raises:
        AuthConfigError: a secrets file exists but cannot be read.
    """
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError as error:
        if getattr(error, "error_id", None) == "no-secrets-found":
            return {}
        raise AuthConfigError(f"The secrets file cannot be read: {error}") from None


# ------------------------------------------------------------------ the gate (Streamlit)


def require_access() -> None:
    """Stop the page unless this session may see it (returns at once when access is open)."""
    try:
        settings = read_settings()
        mode = access_mode(settings)
    except AuthConfigError as error:
        log.error("access control misconfigured: %s", error)
        _closed()
        return
    if mode == PASSWORD:
        _require_password(settings[SECTION]["password_hash"])
    elif mode == LOGIN:
        _require_login(settings)


def _closed() -> None:
    st.error(
        "Readout Lens is closed: its access control is misconfigured. "
        "The operator finds the reason in the server log.",
        icon=":material/lock:",
    )
    st.stop()


def _require_password(stored: str) -> None:
    if st.session_state.get(AUTH_PASSED) == stored:
        with st.sidebar:
            st.button("Sign out", key="auth_sign_out", on_click=_sign_out)
        return
    st.title("Readout Lens")
    with st.form(key=FORM_KEY):
        password = st.text_input("Password", type="password", key=PASSWORD_KEY)
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted and verify_password(password, stored):
        st.session_state[AUTH_PASSED] = stored
        st.rerun()
    if submitted:
        log.warning("wrong password for the shared sign-in")
        time.sleep(WRONG_PASSWORD_DELAY)
        st.error("Wrong password.", icon=":material/lock:")
    else:
        st.caption("This Readout Lens is shared; ask its operator for the password.")
    st.stop()


def _sign_out() -> None:
    st.session_state.pop(AUTH_PASSED, None)


def _require_login(settings: Mapping[str, Any]) -> None:
    provider = (settings.get(SECTION) or {}).get("provider")
    if not authlib_installed():
        log.error("[auth] is configured but Authlib is not installed (pip install Authlib)")
        _closed()
    if not st.user.is_logged_in:
        st.title("Readout Lens")
        st.button("Log in", key="auth_log_in", type="primary", on_click=_log_in, args=(provider,))
        st.stop()
    if not email_allowed(st.user.get("email"), settings):
        log.warning("refused sign-in of %s (not in the allow-list)", st.user.get("email"))
        st.error("This account may not use this Readout Lens.", icon=":material/lock:")
        st.button("Log out", key="auth_log_out", on_click=st.logout)
        st.stop()
    with st.sidebar:
        st.button("Log out", key="auth_log_out", on_click=st.logout)


def authlib_installed() -> bool:
    """Whether st.login can work (it needs the Authlib package)."""
    return importlib.util.find_spec("authlib") is not None


def _log_in(provider: str | None) -> None:
    if provider:
        st.login(provider)
    else:
        st.login()


# ------------------------------------------------------------------ command line


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m components.auth hash``: print the secrets.toml lines for a shared password."""
    parser = argparse.ArgumentParser(prog="python -m components.auth", description=main.__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    made = sub.add_parser("hash", help="hash a shared password for .streamlit/secrets.toml")
    made.add_argument(
        "--stdin", action="store_true", help="read the password from stdin (for scripts)"
    )
    args = parser.parse_args(argv)
    if args.stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Shared password: ")
        if getpass.getpass("Again: ") != password:
            print("The two passwords differ; nothing was made.", file=sys.stderr)
            return 1
    try:
        line = hash_password(password)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f'[{SECTION}]\npassword_hash = "{line}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
