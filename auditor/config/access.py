"""How the audit gets into a staging or protected site: basic auth, extra headers,
cookies, and, for the site's owner only, permission to audit what robots.txt disallows.

None of it is on by default. Secrets are given as they are or by reference
(`env:VARIABLE`), resolved when the crawl starts, and never written to any output:
the settings written into results.json and the reports show names, not values.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator

from auditor.errors import ConfigError

HIDDEN = "(hidden)"
_REFERENCE = re.compile(r"^env:([A-Za-z_][A-Za-z0-9_]*)$")
# RFC 9110 token characters: what a header or cookie name may be made of.
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


class AccessConfig(BaseModel):
    """The `[access]` table (and --auth, --header, --cookie, --ignore-robots-txt)."""

    model_config = ConfigDict(extra="forbid")

    ignore_robots_txt: bool = Field(
        False, description="audit pages the site's robots.txt disallows: only for the site's owner (staging)"
    )
    auth: str = Field("", description="HTTP basic auth as user:password, or env:VARIABLE holding it")
    headers: dict[str, str] = Field(
        default_factory=dict, description="extra HTTP headers sent to the audited site; a value may be env:VARIABLE"
    )
    cookies: dict[str, str] = Field(
        default_factory=dict, description="cookies sent to the audited site; a value may be env:VARIABLE"
    )

    @field_validator("auth")
    @classmethod
    def _auth_shape(cls, auth: str) -> str:
        if auth and not _REFERENCE.match(auth) and ":" not in auth:
            raise ValueError("must be user:password or env:VARIABLE")
        return auth

    @field_validator("headers", "cookies")
    @classmethod
    def _names_and_values(cls, pairs: dict[str, str]) -> dict[str, str]:
        for name, value in pairs.items():
            if not _TOKEN.match(name):
                raise ValueError(f"'{name}' is not a valid name")
            if "\r" in value or "\n" in value:
                raise ValueError(f"the value of '{name}' holds a line break")
        return pairs

    @field_serializer("auth")
    def _hide_auth(self, auth: str) -> str:
        if not auth or _REFERENCE.match(auth):
            return auth
        return f"{auth.split(':', 1)[0]}:{HIDDEN}"

    @field_serializer("headers", "cookies")
    def _hide_values(self, pairs: dict[str, str]) -> dict[str, str]:
        return {name: value if _REFERENCE.match(value) else HIDDEN for name, value in pairs.items()}

    @property
    def used(self) -> bool:
        return bool(self.ignore_robots_txt or self.auth or self.headers or self.cookies)


@dataclass(frozen=True)
class SiteAccess:
    """What every request to the audited site carries; its repr names, never shows, the values."""

    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"SiteAccess(headers={sorted(self.headers)}, cookies={sorted(self.cookies)})"

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


def _resolve(value: str, setting: str, environ: Mapping[str, str]) -> str:
    match = _REFERENCE.match(value)
    if match is None:
        return value
    found = environ.get(match.group(1))
    if not found:
        raise ConfigError(f"{setting} names the environment variable {match.group(1)}, which is not set")
    return found


def resolve_access(access: AccessConfig, environ: Mapping[str, str]) -> SiteAccess:
    """The headers and cookies with every `env:` reference read from `environ`."""
    headers = {name: _resolve(value, f"access.headers.{name}", environ) for name, value in access.headers.items()}
    cookies = {name: _resolve(value, f"access.cookies.{name}", environ) for name, value in access.cookies.items()}
    if access.auth:
        auth = _resolve(access.auth, "access.auth", environ)
        if ":" not in auth:
            raise ConfigError("access.auth must be user:password")
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode("ascii")
    return SiteAccess(headers=headers, cookies=cookies)


def parse_pairs(values: list[str], option: str, separator: str) -> dict[str, str]:
    """`--header "Name: value"` / `--cookie name=value` as a dict; a usage error names the option."""
    from auditor.errors import UsageError

    pairs: dict[str, str] = {}
    for value in values:
        name, sep, rest = value.partition(separator)
        if not sep or not name.strip():
            # The value is not echoed: it may be a secret.
            shape = f"NAME{separator} VALUE" if separator == ":" else f"NAME{separator}VALUE"
            raise UsageError(f"{option} expects {shape} (a '{separator}' after the name)")
        pairs[name.strip()] = rest.strip()
    return pairs
