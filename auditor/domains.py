"""Registrable domains, decided offline from the bundled public suffix list."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# suffix_list_urls=() keeps tldextract on its bundled snapshot: it never downloads.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """`shop.example.co.uk` -> `example.co.uk`; IPs and single labels stay as they are."""
    host = host.lower().rstrip(".")
    if _is_ip(host) or "." not in host:
        return host
    parts = _EXTRACT(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def same_site(url: str, domain: str) -> bool:
    """True when `url` is on `domain` or one of its subdomains."""
    host = host_of(url)
    return bool(host) and (host == domain or host.endswith("." + domain))


@lru_cache(maxsize=4096)
def has_public_suffix(host: str) -> bool:
    """Whether an email host ends in a real public suffix (rules out `logo@2x.png`)."""
    parts = _EXTRACT(host.lower())
    return bool(parts.suffix and parts.domain)
