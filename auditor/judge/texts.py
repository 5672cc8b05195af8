"""Write the shipped checks' English texts to `reports/i18n/checks/`, the key of every translation.

`en.json` holds each check's title and docstring sections, `messages.en.json` the sentences
its `Messages` say (explanations, display values). Run `python -m auditor.judge.texts` after
changing either; a test fails while the files are out of date, so translations never match
stale English.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

from auditor.judge.registry import discover
from auditor.messages import Messages

ENGLISH_PATH = Path(__file__).resolve().parents[2] / "reports" / "i18n" / "checks" / "en.json"
ENGLISH_MESSAGES_PATH = ENGLISH_PATH.with_name("messages.en.json")


def english_check_texts() -> dict[str, dict[str, str]]:
    """Per check id, the texts `auditor.judge.audit.run_check` puts into a result."""
    return {
        check.meta.id: {
            "title": check.meta.title,
            "failure_title": check.meta.failure_title,
            "summary": check.summary,
            "why": check.section("Why it matters"),
            "fix": check.section("How to fix"),
        }
        for check in discover()
        # Third-party checks (entry points) ship their own words; only ours are translated here.
        if getattr(check.run, "__module__", "").startswith("checks.")
    }


def english_messages() -> dict[str, str]:
    """Every message of the shipped checks and their helpers, by its full key."""
    found: dict[str, str] = {}
    checks = importlib.import_module("checks")  # by name, as the registry finds them
    for info in pkgutil.iter_modules(checks.__path__):
        module = importlib.import_module(f"{checks.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Messages):
                found |= value.english
    return dict(sorted(found.items()))


def as_json(texts: dict[str, dict[str, str]] | dict[str, str]) -> str:
    return json.dumps(texts, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    ENGLISH_PATH.write_text(as_json(english_check_texts()), encoding="utf-8")
    ENGLISH_MESSAGES_PATH.write_text(as_json(english_messages()), encoding="utf-8")
    print(f"wrote {ENGLISH_PATH} and {ENGLISH_MESSAGES_PATH}")


if __name__ == "__main__":
    main()
