"""Write the shipped checks' English texts to `reports/i18n/checks/en.json`, the key of every translation.

Run `python -m auditor.judge.texts` after changing a check's title or docstring;
a test fails while the file is out of date, so translations never match stale English.
"""

from __future__ import annotations

import json
from pathlib import Path

from auditor.judge.registry import discover

ENGLISH_PATH = Path(__file__).resolve().parents[2] / "reports" / "i18n" / "checks" / "en.json"


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


def as_json(texts: dict[str, dict[str, str]]) -> str:
    return json.dumps(texts, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    ENGLISH_PATH.write_text(as_json(english_check_texts()), encoding="utf-8")
    print(f"wrote {ENGLISH_PATH}")


if __name__ == "__main__":
    main()
