"""The extraction API under its published name, for tools outside the project.

Evaluation tools (the shared corpus and peer-case runners) score the extractors through
`auditor.extract.extract_page` and `auditor.extract.merge.build_channels`, the same code
the crawler runs for each page; the code itself lives in `auditor.gather.extract`.
"""

from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.page import extract_page

__all__ = ["PageFindings", "extract_page"]
