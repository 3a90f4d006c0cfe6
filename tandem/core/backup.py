"""Backing up and restoring the whole database, PostgreSQL or SQLite.

PostgreSQL goes through pg_dump and pg_restore in their custom format, so a backup
restores into an empty database or over an existing one; SQLite through its own
online backup API, which copies a consistent snapshot while others keep working.
"""

import logging
import os
import shutil
import sqlite3

# pg_dump and pg_restore run with a fixed argument list and no shell.
import subprocess  # nosec B404
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.db import connections

logger = logging.getLogger(__name__)


def backup(path, *, using="default"):
    connection = connections[using]
    path = Path(path)
    if connection.vendor == "postgresql":
        _run(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={path}",
            connection=connection,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    else:
        raise ImproperlyConfigured(f"No backup for {connection.vendor} databases.")
    logger.info(
        "backup.written vendor=%s bytes=%s", connection.vendor, path.stat().st_size
    )


def restore(path, *, using="default"):
    """Replace the database's content with the backup's. Other sessions are cut."""
    connection = connections[using]
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No backup file at {path}.")
    if connection.vendor == "postgresql":
        connection.close()
        _run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(path),
            connection=connection,
            database_flag="--dbname",
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
        source.close()
    else:
        raise ImproperlyConfigured(f"No restore for {connection.vendor} databases.")
    logger.info("backup.restored vendor=%s", connection.vendor)


def _run(program, *arguments, connection, database_flag="--dbname"):
    executable = shutil.which(program)
    if executable is None:
        raise ImproperlyConfigured(f"{program} is not installed on this machine.")
    settings = connection.settings_dict
    env = {**os.environ}
    # The password travels in the environment, never on the command line.
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    options = [f"{database_flag}={settings['NAME']}"]
    if settings.get("HOST"):
        options.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        options.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        options.append(f"--username={settings['USER']}")
    # A fixed program found on PATH, arguments from settings, no shell.
    subprocess.run(  # noqa: S603  # nosec B603
        [executable, *options, "--no-password", *arguments],
        env=env,
        check=True,
        capture_output=True,
    )
