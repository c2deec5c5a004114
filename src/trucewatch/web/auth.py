"""Who may review: sign-in with a token, a signed session cookie, and CSRF tokens for forms.

A reviewer signs in with the server's token ($TRUCEWATCH_TOKEN, as the
reviewer "editor") or their own token from a reviewers file (``serve
--reviewers FILE``: YAML ``name: token``). The session cookie holds the name,
an expiry and a nonce, signed with the server's secret (HMAC-SHA256); it is
HttpOnly and SameSite=Strict. Every form that writes carries a CSRF token
derived from the session's nonce, checked before anything is stored; the
sign-in form, before any session exists, checks a random cookie against the
form (double submit). Without a session nothing is writable.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from fastapi import HTTPException, Request

from trucewatch.errors import TrucewatchError

SESSION_COOKIE = "tw_session"
SIGNIN_COOKIE = "tw_signin"
SESSION_SECONDS = 12 * 3600
SERVER_REVIEWER = "editor"


class ReviewersFileError(TrucewatchError):
    code = "TW501"


@dataclass(frozen=True, slots=True)
class Session:
    reviewer: str
    nonce: str
    csrf: str


def load_reviewers(path: str | Path | None) -> dict[str, str]:
    """A reviewers file (YAML ``name: token``) -> token -> name."""
    if path is None:
        return {}
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ReviewersFileError(f"{path}: cannot read the reviewers file ({error})") from None
    if not isinstance(data, dict) or not data:
        raise ReviewersFileError(f"{path}: expected a mapping of reviewer name to token")
    tokens: dict[str, str] = {}
    for name, token in data.items():
        if not isinstance(token, str) or len(token) < 16:
            raise ReviewersFileError(
                f"{path}: {name}: a token is a string of 16 characters or more"
            )
        if token in tokens:
            raise ReviewersFileError(f"{path}: {name}: the same token as {tokens[token]}")
        tokens[token] = str(name)
    return tokens


class Auth:
    """Sign-in and sessions for one server; ``secret`` signs its cookies."""

    def __init__(self, tokens: dict[str, str], secret: bytes | None = None):
        self.tokens = tokens
        self.secret = secret or os.environ.get("TRUCEWATCH_SECRET", "").encode() or os.urandom(32)

    @property
    def enabled(self) -> bool:
        return bool(self.tokens)

    def reviewer_for(self, token: str) -> str | None:
        """The reviewer a token signs in, compared in constant time against every token."""
        found = None
        for known, name in self.tokens.items():
            if hmac.compare_digest(known.encode(), (token or "").encode()):
                found = name
        return found

    def _sign(self, payload: str) -> str:
        return hmac.new(self.secret, payload.encode(), hashlib.sha256).hexdigest()

    def session_cookie(self, reviewer: str) -> str:
        name = reviewer.encode().hex()  # cookie-safe: no quoting, no separators
        payload = f"{name}.{int(time.time()) + SESSION_SECONDS}.{secrets.token_hex(16)}"
        return f"{payload}.{self._sign(payload)}"

    def session(self, request: Request) -> Session | None:
        """The signed-in reviewer of a request, if its cookie is genuine and fresh."""
        cookie = request.cookies.get(SESSION_COOKIE, "")
        payload, _, signature = cookie.rpartition(".")
        if not payload or not hmac.compare_digest(self._sign(payload), signature):
            return None
        try:
            name, expires, nonce = payload.split(".")
            reviewer = bytes.fromhex(name).decode()
            if int(expires) < time.time():
                return None
        except ValueError:
            return None
        return Session(reviewer, nonce, self._sign(f"csrf:{nonce}"))

    def require(self, request: Request, form_token: str | None) -> Session:
        """The session of a request that writes: 401 without sign-in, 403 without the
        session's CSRF token."""
        session = self.session(request)
        if session is None:
            raise HTTPException(401, "sign in to review")
        if not hmac.compare_digest(session.csrf, form_token or ""):
            raise HTTPException(403, "the form's CSRF token is missing or wrong; reload the page")
        return session


def safe_next(target: str | None, fallback: str = "/") -> str:
    """A redirect target on this site only (a path, never another host)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target
