"""The check catalogue: one module per check, discovered by `auditor.judge.registry`."""
