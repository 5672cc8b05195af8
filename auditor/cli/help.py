"""How `--help` names what a command takes: URL, DIR, N, SECONDS, CATEGORY=SCORE, never a
Python type (`<str>`, `<list[str]>`, `<int range>`), and every default said one way.

Every command and group of the CLI is built by `App`, so a new option gets a name for its
value here, by the parameter's name (`delay` is SECONDS on every command), or from its
type (an int is N) when the table does not know it. Only typer is imported: `--help` must
answer at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter, Parameter
    from typer.models import CommandFunctionType

# What a value is, by the parameter's name in the command's signature.
VALUE_NAMES = {
    "url": "URL",
    "sites": "FILE",
    "out": "DIR",
    "from_run": "RUN_DIR",
    "config": "FILE",
    "max_pages": "N",
    "max_depth": "N",
    "keep": "N",
    "limit": "N",
    "concurrency": "N",
    "processes": "N",
    "delay": "SECONDS",
    "time_budget": "SECONDS",
    "wait": "SECONDS",
    "fail_under": "SCORE",
    "noise": "POINTS",
    "minimums": "CATEGORY=SCORE",
    "checks": "CHECK=LEVEL",
    "baseline": "RUN",
    "formats": "FORMATS",
    "auth": "USER:PASSWORD",
    "headers": "NAME:VALUE",
    "cookies": "NAME=VALUE",
    "lang": "LANG",
    "queue": "URL",
    "authorised_domain": "DOMAIN",
    "domain": "DOMAIN",
    "target": "ADDRESS",
    "name": "NAME",
    "at": "WHEN",
}
# What a value is, by its type, for a parameter the table does not name.
TYPE_NAMES: dict[type, str] = {int: "N", float: "NUMBER", str: "TEXT", Path: "PATH"}


def value_name(param: Parameter) -> str:
    """The name `--help` gives the value a parameter takes."""
    name = param.name or ""
    if name in VALUE_NAMES:
        return VALUE_NAMES[name]
    described = getattr(param, "type_descriptor", None)
    choices = described.choices if described is not None else None
    if choices:
        return "[" + "|".join(str(c.value if isinstance(c, Enum) else c) for c in choices) + "]"
    if isinstance(param, TyperArgument):
        return name.upper()
    annotation = described.annotation if described is not None else str
    element = (getattr(annotation, "__args__", None) or (annotation,))[0]
    return TYPE_NAMES.get(element, name.upper())


def name_values(params: Iterable[Parameter]) -> None:
    """Name the value of every parameter that takes one and was given no metavar."""
    for param in params:
        if param.metavar is None and not getattr(param, "is_flag", False) and not getattr(param, "count", False):
            param.metavar = value_name(param)


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (list, tuple)):
        return ",".join(_shown(v) for v in value)
    return str(value)


def _range(param: Parameter) -> str:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    if high is not None:
        return f"at most {high}"
    return ""


def _default(param: Parameter) -> str:
    """`default: X` for a default the help text does not already give."""
    value = param.default
    if (
        not getattr(param, "show_default", False)
        or value is None
        or value == []
        or (value is False and not param.secondary_opts)
    ):
        return ""
    if isinstance(param, TyperOption) and param.is_flag and param.secondary_opts:
        return "default: " + (param.opts[0] if value else param.secondary_opts[0])
    return f"default: {_shown(value)}"


def help_text(param: Parameter) -> str:
    """The parameter's help with its range and default in one parenthesis: `(at least 1; default: 4)`."""
    text = (getattr(param, "help", None) or "").strip()
    extras = [_range(param)]
    if "(default" not in text:
        extras.append(_default(param))
    if param.required and isinstance(param, TyperOption):
        extras.append("required")
    said = "; ".join(extra for extra in extras if extra)
    if not said:
        return text
    body, period = (text[:-1], ".") if text.endswith(".") else (text, "")
    written = body.rfind("(default")
    if written != -1 and body.endswith(")"):  # "(default: one per core)" written by hand
        return f"{body[: written + 1]}{said}; {body[written + 1 :]}{period}"
    return f"{body} ({said}){period}".strip()


def _names(param: Parameter) -> str:
    if isinstance(param, TyperArgument):
        return param.metavar or (param.name or "").upper()
    assert isinstance(param, TyperOption)
    names = ", ".join(sorted(param.opts, key=lambda opt: len(opt) - len(opt.lstrip("-"))))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    elif not param.is_flag and not param.count:
        names += f" {param.metavar}"
    return names


def format_parameters(command: TyperCommand | TyperGroup, ctx: Context, formatter: HelpFormatter) -> None:
    """The Arguments and Options sections of a command's help."""
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        row = (_names(param), help_text(param))
        (arguments if isinstance(param, TyperArgument) else options).append(row)
    for title, rows in (("Arguments", arguments), ("Options", options)):
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


def usage_pieces(command: TyperCommand | TyperGroup, ctx: Context) -> list[str]:
    """`[OPTIONS] URL`, `[OPTIONS] [SITE]`: arguments by their value's name, optional ones in brackets."""
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = param.metavar or (param.name or "").upper()
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
    return pieces


class Command(TyperCommand):
    """A command whose help names its values and says its defaults one way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_values(self.params)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        format_parameters(self, ctx, formatter)

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return usage_pieces(self, ctx)


class Group(TyperGroup):
    """A group of commands, listed with their whole first sentence, never cut with "..."."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_values(self.params)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        format_parameters(self, ctx, formatter)
        rows = [
            (name, command.get_short_help_str(limit=1000))
            for name, command in self.commands.items()
            if not command.hidden
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return [*usage_pieces(self, ctx), self.subcommand_metavar]


class App(typer.Typer):
    """A typer app whose commands and groups are `Command` and `Group`."""

    def __init__(self, **settings: Any) -> None:
        settings.setdefault("cls", Group)
        settings.setdefault("rich_markup_mode", None)
        super().__init__(**settings)

    def command(  # type: ignore[override]
        self, name: str | None = None, **settings: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        settings.setdefault("cls", Command)
        return super().command(name, **settings)
