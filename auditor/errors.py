"""Errors a user can cause, each with its exit code and one clear sentence."""

from __future__ import annotations

EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
EXIT_USAGE = 2
EXIT_SITE_FAILED = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130  # as a shell reports a command ended by Ctrl-C


class AuditError(Exception):
    """An error that ends the run with a message and an exit code, never a traceback."""

    exit_code = EXIT_USAGE


class UsageError(AuditError):
    exit_code = EXIT_USAGE


class ConfigError(AuditError):
    exit_code = EXIT_USAGE


class SiteError(AuditError):
    """The site could not be audited: unreachable, failing, or redirecting off-site.

    Carries whatever was gathered before the failure, so it can still be saved.
    """

    exit_code = EXIT_SITE_FAILED

    def __init__(self, message: str, partial: object | None = None) -> None:
        super().__init__(message)
        self.partial = partial


class AuditInterruptedError(SiteError):
    """The audit was stopped (Ctrl-C, a kill): what was gathered is saved, marked partial."""

    exit_code = EXIT_INTERRUPTED
