"""What every command shares: common options, the error console and `fail`.

`auditor.cli.main` and the command modules import these; a command module imports from
`auditor.cli.main` only inside a function, once the CLI is complete (it registers them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from auditor.errors import AuditError, UsageError

# Wider than any line: the console's own width, were it used, would cut lines where no one reads them.
WHOLE_LINES = 1_000_000


def whole_lines(stderr: bool = False) -> Console:
    """A console for what a command prints: on a terminal, as wide as the terminal; read by a
    pipe, a file or a CI log, every line whole, never wrapped at 80 columns or cut with "…"."""
    console = Console(stderr=stderr, highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console.width = WHOLE_LINES
    return console


err = whole_lines(stderr=True)

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


def _one_verbosity(ctx: typer.Context, param: typer.CallbackParam, value: bool) -> bool:
    # Whichever of --quiet and --verbose is read second refuses the other, in either order.
    other = "verbose" if param.name == "quiet" else "quiet"
    if value and ctx.params.get(other):
        raise fail(UsageError("--quiet and --verbose contradict each other; give one of them"))
    return value


QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", callback=_one_verbosity, help="No progress or summary on the terminal.")
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        callback=_one_verbosity,
        help="More on the terminal: every page as it is fetched and rendered, each step, the warnings.",
    ),
]
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
