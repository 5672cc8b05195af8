"""Gate presets, as Lighthouse CI's `lighthouse:recommended`: a named set of [gate] assertions.

A preset is the bottom layer of the gate: what the [gate] table sets explicitly goes over
it, and the command line over both, key by key (a `--check X=off` switches off one check
of the preset and keeps the others). `contact-audit ci --list-presets` prints them as the
TOML a user would write, so a preset can be copied into a config file and edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

PresetName = Literal["recommended", "strict", "no-regressions"]

# The checks every site can pass without probes: a contact page linked from the shared
# templates, a written channel, and contact links that work as written.
_BASICS = {
    "contact-page-exists": "error",
    "contact-link-in-footer": "error",
    "written-channel": "error",
    "broken-contact-links": "error",
    "malformed-contact-links": "error",
}


@dataclass(frozen=True)
class Preset:
    name: PresetName
    summary: str
    gate: dict[str, Any]


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset(
            "recommended",
            "the basics pass and no high-severity finding; the score itself is not gated",
            {
                "checks": {**_BASICS, "contact-link-in-header": "warn", "unlabelled-emails": "warn"},
                "max_findings": {"high": 0},
            },
        ),
        Preset(
            "strict",
            "score 90, findability, coverage and clarity 90, no high or medium finding",
            {
                "fail_under": 90,
                "categories": {"findability": 90, "coverage": 90, "clarity": 90},
                "checks": {**_BASICS, "contact-link-in-header": "error", "unlabelled-emails": "error"},
                "max_findings": {"medium": 0},
            },
        ),
        Preset(
            "no-regressions",
            "nothing may get worse than the newest stored run of the site: no new finding, no regression",
            {"baseline": "latest", "fail_on": "any"},
        ),
    )
}


def preset_gate(name: str) -> dict[str, Any]:
    """The [gate] values of a preset (a copy, safe to update)."""
    return {key: dict(value) if isinstance(value, dict) else value for key, value in PRESETS[name].gate.items()}


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return f"{value:g}" if isinstance(value, float) else str(value)


def preset_toml(name: str) -> str:
    """A preset as the [gate] table that would say the same."""
    preset = PRESETS[name]
    lines = [f"# preset {name}: {preset.summary}", "[gate]"]
    tables = []
    for key, value in preset.gate.items():
        if isinstance(value, dict):
            # Check ids, categories and severities are all bare TOML keys.
            tables += ["", f"[gate.{key}]", *(f"{k} = {_toml_value(v)}" for k, v in value.items())]
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines + tables) + "\n"
