"""History: runs, scores, findings and the probe ledger, stored through SQLAlchemy."""
