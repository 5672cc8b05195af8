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
from jsonschema.exceptions import ValidationError

from auditor.results import AuditResults

REPORT_NAME = "report.json"
SCHEMA_NAME = "report.schema.json"


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
    """`checks[2].score: 'high' is not valid under any of the given schemas`."""
    where = ""
    for part in error.absolute_path:
        where += f"[{part}]" if isinstance(part, int) else f".{part}"
    return f"{where.lstrip('.') or '(top level)'}: {_message(error)}"


def _message(error: ValidationError) -> str:
    # oneOf/anyOf only say "not valid under any of the given schemas"; name the types instead.
    if error.validator in ("oneOf", "anyOf"):
        expected = [_expected(option) for option in error.validator_value]
        return f"{error.instance!r} is not {' or '.join(expected)}"
    return str(error.message)


def _expected(option: dict[str, Any]) -> str:
    if "$ref" in option:
        return str(option["$ref"]).rsplit("/", 1)[-1].replace("_", " ")
    kind = option.get("type", "a valid value")
    if "minimum" in option and "maximum" in option:
        return f"{kind} from {option['minimum']} to {option['maximum']}"
    return str(kind)
