"""A mock OpenID Connect provider on 127.0.0.1 for the end-to-end sign-in tests.

It speaks just enough of the authorization-code flow for `st.login` (Authlib's Starlette client):
discovery, authorize, token, JWKS and userinfo. There is no login form: /authorize redirects straight
back to the registered redirect_uri with a code and the caller's state, and the e-mail that signs in is
whatever the test set in `sign_in_as` at that moment. The id_token is a real RS256 JWT signed with a key
generated at start, carrying the nonce of the authorize request, so Authlib checks it as it would a real
provider's: signature, iss, aud, exp, iat and nonce. PKCE (S256) is offered and verified, as Streamlit
asks for it when the provider supports it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

TOKEN_SECONDS = 300


@dataclass
class Grant:
    """What one authorize request granted: redeemed once at the token endpoint."""

    email: str
    nonce: str | None
    redirect_uri: str
    code_challenge: str | None


@dataclass
class MockOIDCProvider:
    """Start with `start()`, stop with `stop()`; `sign_in_as` picks who the next sign-in is."""

    client_id: str
    client_secret: str
    redirect_uri: str = ""  # the one redirect_uri accepted; set before the first sign-in
    sign_in_as: str = "nobody@news.example"
    email_verified: bool = True
    # Every e-mail an id_token was issued for, in order: proof that a sign-in went through this provider.
    issued: list[str] = field(default_factory=list)
    _key: RSAKey = field(init=False, repr=False)
    _grants: dict[str, Grant] = field(default_factory=dict, repr=False)
    _access: dict[str, dict] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _server: ThreadingHTTPServer | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._key = RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(8), "use": "sig", "alg": "RS256"})

    # -- lifecycle ----------------------------------------------------------

    def start(self) -> MockOIDCProvider:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                provider._get(self)

            def do_POST(self) -> None:  # noqa: N802
                provider._post(self)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # quiet: pytest shows a failing test's output, not the provider's chatter

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="mock-oidc", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        assert self._server is not None, "the provider is not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def metadata(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["iss", "aud", "sub", "email", "email_verified", "name", "iat", "exp", "nonce"],
        }

    # -- endpoints ----------------------------------------------------------

    def _get(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/.well-known/openid-configuration":
            _json(request, 200, self.metadata())
        elif parts.path == "/jwks":
            _json(request, 200, {"keys": [self._key.as_dict(private=False)]})
        elif parts.path == "/authorize":
            self._authorize(request, query)
        elif parts.path == "/userinfo":
            self._userinfo(request)
        else:
            _json(request, 404, {"error": "not_found"})

    def _post(self, request: BaseHTTPRequestHandler) -> None:
        if urlsplit(request.path).path != "/token":
            _json(request, 404, {"error": "not_found"})
            return
        length = int(request.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(request.rfile.read(length).decode("utf-8")).items()}
        self._token(request, form)

    def _authorize(self, request: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or redirect_uri != self.redirect_uri:
            # Never redirect to an address that is not registered: answer here instead.
            _json(request, 400, {"error": "invalid_request", "error_description": "unknown client or redirect_uri"})
            return
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            _redirect(request, redirect_uri, error="unsupported_response_type", state=query.get("state"))
            return
        if query.get("code_challenge") and query.get("code_challenge_method") != "S256":
            _redirect(request, redirect_uri, error="invalid_request", state=query.get("state"))
            return
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._grants[code] = Grant(self.sign_in_as, query.get("nonce"), redirect_uri, query.get("code_challenge"))
        _redirect(request, redirect_uri, code=code, state=query.get("state"))

    def _client_authenticated(self, request: BaseHTTPRequestHandler, form: dict[str, str]) -> bool:
        header = request.headers.get("Authorization", "")
        if header.startswith("Basic "):
            client_id, _, secret = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        # Basic credentials are form-encoded before base64 (RFC 6749 §2.3.1).
        return unquote_plus(client_id) == self.client_id and unquote_plus(secret) == self.client_secret

    def _token(self, request: BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        if not self._client_authenticated(request, form):
            _json(request, 401, {"error": "invalid_client"})
            return
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)  # a code is good once
        if form.get("grant_type") != "authorization_code" or grant is None:
            _json(request, 400, {"error": "invalid_grant"})
            return
        if form.get("redirect_uri") != grant.redirect_uri:
            _json(request, 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"})
            return
        if grant.code_challenge is not None:
            verifier = form.get("code_verifier", "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=")
            if digest.decode("ascii") != grant.code_challenge:
                _json(request, 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
                return
        claims = self._claims(grant.email)
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        id_token = jwt.encode({"alg": "RS256", "kid": self._key.kid}, claims, self._key)
        access_token = secrets.token_urlsafe(24)
        with self._lock:
            self._access[access_token] = self._claims(grant.email)
            self.issued.append(grant.email)
        _json(
            request,
            200,
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": TOKEN_SECONDS,
                "scope": "openid email profile",
                "id_token": id_token,
            },
        )

    def _userinfo(self, request: BaseHTTPRequestHandler) -> None:
        header = request.headers.get("Authorization", "")
        with self._lock:
            claims = self._access.get(header[7:]) if header.startswith("Bearer ") else None
        if claims is None:
            _json(request, 401, {"error": "invalid_token"})
            return
        _json(request, 200, {k: claims[k] for k in ("sub", "email", "email_verified", "name")})

    def _claims(self, email: str) -> dict:
        issued_at = int(time.time())
        return {
            "iss": self.url,
            "aud": self.client_id,
            "sub": hashlib.sha256(email.encode()).hexdigest()[:24],
            "email": email,
            "email_verified": self.email_verified,
            "name": email.split("@")[0].title(),
            "iat": issued_at,
            "exp": issued_at + TOKEN_SECONDS,
        }


def _json(request: BaseHTTPRequestHandler, status: int, body: dict) -> None:
    data = json.dumps(body).encode("utf-8")
    request.send_response(status)
    request.send_header("Content-Type", "application/json")
    request.send_header("Content-Length", str(len(data)))
    request.send_header("Cache-Control", "no-store")
    request.end_headers()
    request.wfile.write(data)


def _redirect(request: BaseHTTPRequestHandler, redirect_uri: str, **params: str | None) -> None:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    request.send_response(302)
    request.send_header("Location", f"{redirect_uri}{'&' if '?' in redirect_uri else '?'}{query}")
    request.send_header("Content-Length", "0")
    request.end_headers()
