"""``eperf users``: the dashboard accounts in the users file (dashboards.lib.users).

    eperf users add --username budi --role PIMPINAN --unit DITJEN-REHSOS
    eperf users list
    eperf users remove --username budi

The file is ``--file``, else ``EPERF_USERS_FILE``, else ``<EPERF_DATA_DIR>/users.toml``. ``add``
asks for the password twice (``--password`` for scripts). Exit status: 0 done, 1 ``remove`` of
an account that is not there, 2 a refused input (a missing ``--unit`` or ``--nip``, a short
password, an unreadable file).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from dashboards.lib import users
from dashboards.lib.access import Role

EXIT_NOT_FOUND = 1
EXIT_REFUSED = 2

app = typer.Typer(help="Dashboard accounts: list, add or replace, remove.", no_args_is_help=True)


@app.callback()
def users_file(
    context: typer.Context,
    file: Annotated[
        Path | None, typer.Option("--file", help="Users file (default: EPERF_USERS_FILE).")
    ] = None,
) -> None:
    """Dashboard accounts (bcrypt hashes in a TOML file kept out of git)."""
    context.obj = (file or users.users_file()).resolve()


@contextmanager
def _refusals() -> Iterator[None]:
    """A refused input or a missing file as ``error: …`` on stderr and exit status 2."""
    try:
        yield
    except (ValueError, FileNotFoundError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_REFUSED) from error


@app.command("add")
def add(
    context: typer.Context,
    username: Annotated[str, typer.Option(help="Login name: 2-64 of a-z 0-9 . _ -")],
    role: Annotated[Role, typer.Option(help="Dashboard role.")],
    unit: str = typer.Option(None, help="Unit id: root of the subtree the account sees."),
    nip: str = typer.Option(None, help="The account holder's NIP (required for PEGAWAI)."),
    name: str = typer.Option(None, help="Display name."),
    password: str = typer.Option(None, help="Password (asked for when left out)."),
) -> None:
    """Add an account, or replace the one of that username."""
    path: Path = context.obj
    with _refusals():
        password = users.read_password(password)
        if len(password) < users.MIN_PASSWORD_CHARS:
            raise ValueError(f"password: at least {users.MIN_PASSWORD_CHARS} characters")
        user = users.add_user(path, username, role, password, unit, nip, name)
    typer.echo(f"{user.username} ({user.role}) saved in {path}")


@app.command("remove")
def remove(context: typer.Context, username: str = typer.Option(..., help="Login name.")) -> None:
    """Remove an account."""
    with _refusals():
        found = users.remove_user(context.obj, username)
    typer.echo(f"{username} removed" if found else f"{username} not found")
    if not found:
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command("list")
def list_accounts(context: typer.Context) -> None:
    """The accounts, one a line: username, role, unit, NIP (never the hashes)."""
    with _refusals():
        accounts = users.load_users(context.obj)
    for user in accounts.values():
        typer.echo(f"{user.username}\t{user.role}\t{user.unit_id or '-'}\t{user.nip or '-'}")
