"""Where a scan stands, saved after every site so that an interrupted scan resumes."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from auditor.run.files import write_atomic

FINISHED = ("done", "failed")


@dataclass
class SiteState:
    status: str = "pending"  # pending, done (audited), failed (the audit could not finish)
    run_dir: str = ""
    exit_code: int | None = None
    score: int | None = None
    error: str = ""


@dataclass
class ScanState:
    started_at: str
    sites: dict[str, SiteState] = field(default_factory=dict)
    probes_collected: bool = False
    alerts_sent: bool = False
    finished: bool = False

    @classmethod
    def load(cls, path: Path) -> ScanState | None:
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            sites = {name: SiteState(**site) for name, site in data.pop("sites").items()}
            return cls(sites=sites, **data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None  # no state, or a damaged one: a new pass is the safe answer

    def save(self, path: Path) -> None:
        write_atomic(path, json.dumps(asdict(self), indent=2, ensure_ascii=False))

    def site(self, name: str) -> SiteState:
        return self.sites.setdefault(name, SiteState())
