"""Judge: pure functions from artifacts to results. The check API, the registry that finds the
checks, the audit that runs them, and scoring.
"""
