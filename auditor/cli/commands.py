"""Commands beyond audit/report/demo, one module per family; they register on the main app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from auditor.cli.history import diff_command, history_command

    app.command("history")(history_command)
    app.command("diff")(diff_command)

    from auditor.cli.ci import ci_command

    app.command("ci")(ci_command)

    from auditor.cli.scan import scan_command, schedule_app

    app.command("scan")(scan_command)
    app.add_typer(schedule_app, name="schedule")

    from auditor.cli.batch import batch_command, worker_command

    app.command("batch")(batch_command)
    app.command("worker")(worker_command)
