"""`build_channels` under its published name (see `auditor.extract`)."""

from auditor.gather.extract.merge import build_channels

__all__ = ["build_channels"]
