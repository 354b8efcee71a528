"""Source URLs made safe to use as links in Markdown and HTML."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

# Everything RFC 3986 allows literally in a URL, plus `%` so existing escapes
# survive. Anything else (spaces, quotes, angle brackets, backslashes,
# controls, non-ASCII) is percent-encoded, so the URL cannot end an HTML
# attribute or a Markdown autolink early.
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"


def linkable(url: str) -> str | None:
    """The URL percent-encoded for use as a link, or None unless http(s)."""
    # Checked on the raw text: urlsplit forgives leading junk and embedded tabs.
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)
