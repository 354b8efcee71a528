"""Who may open the page and the socket: a secret token and the server's own Origin.

textual-serve's WebSocket starts an app process for whoever connects and
checks nothing, so any web page the reader visits could open
`ws://127.0.0.1:PORT/ws` and drive the explorer. Two checks close that:
the token (only the printed URL carries it) and the Origin (a browser always
sends it on a WebSocket handshake, and a foreign page cannot forge it).
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})  # noqa: S104 (recognised, never bound here)


def new_token() -> str:
    """A fresh secret for one server run: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def token_matches(given: str | None, token: str) -> bool:
    """Constant-time comparison, so response timing tells nothing about the token."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """A host as it is written in a URL (IPv6 literals in brackets)."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def own_host_names(bound_host: str) -> frozenset[str] | None:
    """The names a browser may use to reach the server; None when any will do.

    Bound to loopback, the server answers to the loopback names only: a
    foreign name in the Host header is DNS rebinding. Bound to a wildcard
    address, every address of the machine is its own, so only the token
    and same-origin checks apply.
    """
    if bound_host in WILDCARD_HOSTS:
        return None
    if is_loopback(bound_host):
        return LOOPBACK_NAMES | {bound_host}
    return frozenset({bound_host})


def origin_allowed(origin: str | None, host_header: str | None, bound_host: str) -> bool:
    """Is this handshake from a page the server itself served?

    The Origin must name exactly the address the request came to (scheme,
    host and port), and that address must be one of the server's own.
    """
    if not origin or not host_header:
        return False
    try:
        parts = urlsplit(origin)
        port = parts.port
        expected = urlsplit(f"http://{host_header}")
        expected_port = expected.port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.hostname is None:
        return False
    if (parts.hostname, port) != (expected.hostname, expected_port):
        return False
    names = own_host_names(bound_host)
    return names is None or parts.hostname in names
