"""Where an audit may go: the audited site, never the services beside it.

The audited host's registrable domain (subdomains included) on the audited ports;
another port of the same host is another service (an admin panel, a database's web
console), not the site. Loopback, private and link-local addresses are refused unless
the audited site is itself on one (the demo and the tests are on 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from auditor.domains import registrable_domain, same_site

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _port(scheme: str, port: int | None) -> int:
    return port if port is not None else _DEFAULT_PORTS.get(scheme, 0)


def is_internal(host: str) -> bool:
    """A loopback, private, link-local or unspecified address, or a name for one."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified


class Scope:
    """Answers, for any URL, whether the audit may fetch it (the crawl) or load it (the browser)."""

    def __init__(self, start_url: str) -> None:
        parts = urlsplit(start_url)
        self.host = (parts.hostname or "").lower()
        self.domain = registrable_domain(self.host)
        port = _port(parts.scheme, parts.port)
        # http and https on their usual ports are one site; any other port is only itself.
        self.ports = set(_DEFAULT_PORTS.values()) if port in _DEFAULT_PORTS.values() else {port}
        self.internal_allowed = is_internal(self.host)

    def _refused_host(self, host: str) -> bool:
        return not self.internal_allowed and is_internal(host)

    def allows(self, url: str) -> bool:
        """A page the crawl may fetch: on the site, on its ports, not an internal address."""
        parts = urlsplit(url)
        if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
            return False
        try:
            port = _port(parts.scheme, parts.port)
        except ValueError:
            return False
        return same_site(url, self.domain) and port in self.ports and not self._refused_host(parts.hostname)

    def allows_load(self, url: str) -> bool:
        """A request the browser may make while rendering: anything public (a chat vendor's
        code), the site on its own ports; never another port of the site's hosts, nor an
        internal address."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ws", "wss") or not parts.hostname:
            return True  # data:, blob:, about: stay inside the page
        if self._refused_host(parts.hostname):
            return False
        if same_site(url, self.domain):
            scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
            try:
                return _port(scheme, parts.port) in self.ports
            except ValueError:
                return False
        return True
