"""What every command shares: common options, the error console and `fail`.

`auditor.cli.main` and the command modules import these; a command module imports from
`auditor.cli.main` only inside a function, once the CLI is complete (it registers them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from auditor.errors import AuditError

err = Console(stderr=True, highlight=False)

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="A TOML config file (default: ./contact-audit.toml or [tool.contact-audit] in ./pyproject.toml).",
    ),
]
NoHistoryOption = Annotated[bool, typer.Option("--no-history", help="Do not store this run in the history database.")]
KeepOption = Annotated[
    int | None, typer.Option("--keep", min=1, help="Keep only the newest N runs of this site in the history.")
]
LangOption = Annotated[
    str | None, typer.Option("--lang", help="Language of the report texts: en or hi (default: report.lang or en).")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on the terminal.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a machine-readable summary on stdout.")]
# Staging and protected sites ([access] in the config file).
AuthOption = Annotated[
    str | None,
    typer.Option(
        "--auth", help="HTTP basic auth, USER:PASSWORD or env:VARIABLE (better: CONTACT_AUDIT_AUTH); never shown."
    ),
]
HeaderOption = Annotated[
    list[str] | None,
    typer.Option("--header", help='An extra HTTP header for the audited site, "NAME: VALUE"; repeatable.'),
]
CookieOption = Annotated[
    list[str] | None, typer.Option("--cookie", help="A cookie for the audited site, NAME=VALUE; repeatable.")
]
IgnoreRobotsOption = Annotated[
    bool,
    typer.Option(
        "--ignore-robots-txt",
        help="Audit pages the site's robots.txt disallows: only for your own site (a staging server).",
    ),
]


def access_overrides(
    auth: str | None, headers: list[str] | None, cookies: list[str] | None, ignore_robots_txt: bool
) -> dict[str, Any]:
    """The [access] settings the command line gives."""
    from auditor.config.access import parse_pairs

    return {
        "auth": auth,
        "headers": parse_pairs(headers or [], "--header", ":"),
        "cookies": parse_pairs(cookies or [], "--cookie", "="),
        "ignore_robots_txt": ignore_robots_txt or None,
    }


def fail(error: AuditError) -> typer.Exit:
    """One sentence on stderr and the error's exit code."""
    err.print(f"contact-audit: error: {error}", markup=False, soft_wrap=True)
    return typer.Exit(error.exit_code)
