"""Data in and out: `import`, `export`, `backup` (PRODUCT.md §4.3)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from followthrough.cli.context import Ctx, json_option, pass_ctx


def _render() -> Any:
    """Return the human renderers (imported only when a person reads the output)."""
    from followthrough.cli.render import imports

    return imports

def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    from followthrough.domain.errors import ValidationError

    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise ValidationError(
                "map", f"{pair!r}; write COLUMN=FIELD, e.g. --map Employer=company"
            )
        out[column.strip()] = target.strip()
    return out


def _line_estimate(path: Path) -> int | None:
    """Return about how many rows a CSV has (its line count; cells with newlines add a few)."""
    if path.suffix.lower() != ".csv":
        return None
    count = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            count += chunk.count(b"\n")
    return max(count - 1, 1)


@contextmanager
def _progress(ctx: Ctx, path: Path) -> Iterator[Callable[[int], None] | None]:
    """Yield a per-row callback that drives a Rich progress bar (only at a terminal)."""
    if ctx.json or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    total = _line_estimate(path)
    columns = [TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("import", total=total)
        seen = 0

        def step(_number: int) -> None:
            nonlocal seen
            seen += 1
            if seen % 250 == 0:
                bar.update(task, completed=seen)

        yield step
        bar.update(task, completed=seen, total=seen)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
              help="Use COLUMN for FIELD (or COLUMN=- to ignore it). Repeatable.")
@click.option("--dry-run", is_flag=True, help="Check everything and show what would be created.")
@click.option("--skip-bad", is_flag=True,
              help="Import the good rows; write the bad ones to --rejects.")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path),
              help="Where --skip-bad writes the bad rows (default: FILE.rejects.csv).")
@click.option("--dayfirst/--monthfirst", "dayfirst", default=None,
              help="How to read dates like 03/04/2026 (asked only when a date is ambiguous).")
@click.option("--sheet", help="The XLSX sheet to read (default: the first).")
@click.option("--encoding", help="The CSV's encoding (default: UTF-8, else Windows-1252).")
@json_option
@pass_ctx
def import_(
    ctx: Ctx,
    file: Path,
    maps: tuple[str, ...],
    dry_run: bool,
    skip_bad: bool,
    rejects: Path | None,
    dayfirst: bool | None,
    sheet: str | None,
    encoding: str | None,
) -> None:
    """Import a spreadsheet of applications (CSV or XLSX), all rows or none; or restore a
    backup made by `export --format json` (into an empty database).

    Columns are recognised by name (company, role, status, date applied, interview date,
    contact, recruiter, e-mail, phone, URL, notes, salary, location...), as are the CSV exports
    of JobSync and Huntr. One bad row stops the import with a report of every problem.
    """
    if file.suffix.lower() == ".json":
        _restore(ctx, file)
        return
    from followthrough.io import sheets
    from followthrough.io.sheets.dates import infer_dates
    from followthrough.services.importing import ImportProblemsError, run_import

    overrides = _mapping(maps)
    target = rejects or file.with_name(file.stem + ".rejects.csv")
    if skip_bad and not dry_run:
        _check_writable(target, "rejects")
    table = sheets.read_table(file, encoding=encoding, sheet=sheet, overrides=overrides)
    columns = sheets.map_columns(table.header, overrides)
    svc = ctx.service()
    dates = None
    if dayfirst is None:  # the file's own dates say, else your country
        again = sheets.read_table(file, encoding=encoding, sheet=sheet, overrides=overrides)
        dayfirst, dates = infer_dates(again, columns, svc.settings().get("country"))
    bad_rows: list[tuple[int, list[str], str]] = []

    def on_bad(number: int, cells: list[str], problems: list[Any]) -> None:
        bad_rows.append((number, cells, "; ".join(f"{p.column}: {p.problem}" for p in problems)))

    try:
        with _progress(ctx, file) as step:
            result = run_import(
                svc, table, columns, dry_run=dry_run, skip_bad=skip_bad, dayfirst=dayfirst,
                dates=dates, on_row=step, on_bad=on_bad if skip_bad else None,
            )
    except ImportProblemsError as exc:
        failed = exc.result.as_json()
        ctx.emit(failed, lambda: _render().import_report(failed))
        raise
    payload = result.as_json()
    if skip_bad and bad_rows and not dry_run:
        payload.update(_write_rejects(target, table.header, bad_rows))
    ctx.emit(payload, lambda: _render().import_report(payload))


def _write_rejects(
    target: Path, header: list[str], bad_rows: list[tuple[int, list[str], str]]
) -> dict[str, str]:
    """Write the bad rows to `target`; return what the report says about it."""
    try:
        with target.open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(["row", *header, "problem"])
            for number, cells, problem in bad_rows:
                out.writerow([number, *cells, problem])
    except OSError as exc:  # the good rows are in: say so, and what could not be written
        return {"rejects_error": f"could not write {target}: {exc.strerror or exc}"}
    return {"rejects": str(target)}


def _restore(ctx: Ctx, file: Path) -> None:
    """`import FILE.json`: restore a full backup made by `export --format json`."""
    import json

    from followthrough.domain.errors import ValidationError

    try:
        with file.open("rb") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise ValidationError("file", f"{file} does not exist") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError("file", f"{file} is not a JSON backup ({exc})") from None
    except RecursionError:
        raise ValidationError("file", f"{file} is nested too deeply to be a backup") from None
    except OSError as exc:
        raise ValidationError("file", f"cannot read {file}: {exc.strerror or exc}") from None
    from followthrough.services.data import restore_backup

    counts = restore_backup(ctx.service(), data)
    payload = {"restored": counts, "file": str(file)}

    def human() -> None:
        listed = ", ".join(f"{n} {t}" for t, n in counts.items() if n)
        click.echo(f"Restored {file}: {listed or 'nothing (an empty backup)'}.")

    ctx.emit(payload, human)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "ics"]),
              required=True, help="csv/xlsx: applications with their next action; json: a "
              "full backup `import` restores; ics: the open actions for a calendar.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (default: standard output; xlsx needs a file).")
@click.option("--todo", is_flag=True, help="ics: to-dos instead of events.")
@pass_ctx
def export(ctx: Ctx, fmt: str, output: Path | None, todo: bool) -> None:
    """Export your applications, a full backup, or your plan as a calendar."""
    from followthrough.domain.errors import ValidationError

    svc = ctx.existing()
    if output is not None and output.exists() and output.is_dir():
        raise ValidationError("output", f"{output} is a folder; give a file name")
    if fmt == "xlsx" and output is None:
        raise ValidationError("output", "an XLSX file needs -o FILE.xlsx")
    from followthrough.services.data import export_bytes

    data = export_bytes(svc, fmt, todo=todo, bom=output is not None)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        _atomic(output, lambda tmp: tmp.write_bytes(data))


def _check_writable(target: Path, option: str) -> None:
    """Refuse, before anything is written, a file that cannot be created where asked."""
    import os

    from followthrough.domain.errors import ValidationError

    if target.is_dir():
        raise ValidationError(option, f"{target} is a folder; give a file name")
    if not target.parent.is_dir():
        raise ValidationError(option, f"{target.parent} does not exist")
    if not os.access(target.parent, os.W_OK):
        raise ValidationError(option, f"cannot write in {target.parent}; choose another folder")


def _atomic(target: Path, write: Callable[[Path], Any]) -> None:
    """Write a file through a temporary one beside it: the target is never half-written."""
    import os

    from followthrough.domain.errors import ValidationError

    _check_writable(target, "output")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        write(tmp)
        tmp.replace(target)
    except OSError as exc:
        reason = exc.strerror or exc
        raise ValidationError("output", f"could not write {target}: {reason}") from None
    finally:
        tmp.unlink(missing_ok=True)
    click.echo(f"Wrote {target}", err=True)


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The copy (default: backups/followthrough-<time>.db beside your database).")
@json_option
@pass_ctx
def backup(ctx: Ctx, output: Path | None) -> None:
    """A consistent copy of your database, safe to take while the app runs."""
    from followthrough.services.data import copy_database

    source = ctx.db_path
    svc = ctx.existing()  # migrated when it is older
    if output is not None:
        _check_writable(output, "output")
    if output is None:
        stamp = svc.now.astimezone(svc.week().zone).strftime("%Y%m%d-%H%M%S")
        folder = source.parent / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        output = folder / f"followthrough-{stamp}.db"
    copy_database(source, output)
    size = output.stat().st_size
    payload = {"backup": str(output), "bytes": size}
    ctx.emit(payload, lambda: click.echo(f"Backed up to {output} ({size:,} bytes)"))
