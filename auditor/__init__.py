"""contact-auditor: audit how customers can reach a company."""

__version__ = "0.1.0"
