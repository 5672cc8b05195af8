"""The command line: one module per command group; main.py holds the app and turns every
AuditError into a sentence and an exit code.
"""
