"""report.json: the public, versioned contract that CI users parse.

The file is `AuditResults.report_dict()` as it is; `report.schema.json`, shipped beside
this module, describes it, and `validate_report` checks a report against it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from auditor.results import AuditResults

REPORT_NAME = "report.json"
SCHEMA_NAME = "report.schema.json"
ARTICLES = {"null": "null", "integer": "an integer", "object": "an object", "array": "an array"}


def write_json(results: AuditResults, out_dir: Path) -> Path:
    """Write `report.json` into `out_dir` (created if missing) and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_NAME
    text = json.dumps(results.report_dict(), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


@cache
def report_schema() -> dict[str, Any]:
    """The JSON Schema of report.json, as shipped in the `reports` package."""
    schema: dict[str, Any] = json.loads(files("reports").joinpath(SCHEMA_NAME).read_text(encoding="utf-8"))
    return schema


def validate_report(data: dict[str, Any]) -> list[str]:
    """Every way `data` breaks the report.json schema, one sentence each; empty when valid."""
    validator = Draft202012Validator(report_schema())
    errors: list[ValidationError] = list(validator.iter_errors(data))
    return sorted(_describe(error) for error in errors)


def _describe(error: ValidationError) -> str:
    """`checks[2].score: 1.5 is greater than the maximum of 1`."""
    # For "null or X" choices, name the failure inside X when the value was meant as an X.
    error = best_match([error])
    where = ""
    for part in error.absolute_path:
        where += f"[{part}]" if isinstance(part, int) else f".{part}"
    return f"{where.lstrip('.') or '(top level)'}: {_message(error)}"


def _message(error: ValidationError) -> str:
    # A bare oneOf only says "not valid under any of the given schemas"; say what was expected.
    if error.validator in ("oneOf", "anyOf"):
        expected = " or ".join(_expected(option) for option in error.validator_value)
        return f"{error.instance!r} is not {expected}"
    return str(error.message)


def _expected(option: dict[str, Any]) -> str:
    if "$ref" in option:
        return "a " + str(option["$ref"]).rsplit("/", 1)[-1].replace("_", " ")
    kind = str(option.get("type", "value"))
    described = ARTICLES.get(kind, f"a {kind}")
    if "minimum" in option and "maximum" in option:
        described += f" from {option['minimum']} to {option['maximum']}"
    return described
