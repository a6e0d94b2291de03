"""Backing up and restoring the whole database, for either engine.

PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore`` in one transaction (so a failed restore leaves the
target as it was). SQLite: the SQLite online backup API, which copies a consistent snapshot while the app
keeps running. A backup file is restored into the same kind of engine it came from; the first bytes tell
which, so a wrong file is refused before anything is touched.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connections

from .errors import DomainError

PG_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupFailed(DomainError):
    code = "backup_failed"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    size_bytes: int


def _vendor(alias: str) -> str:
    return connections[alias].vendor  # "sqlite" or "postgresql": the two engines wennuan accepts


def _pg_command(tool: str, settings_dict: dict) -> tuple[list[str], dict]:
    """``tool``'s connection arguments for the database in ``settings_dict``; the password in the environment,
    never on the command line (where ``ps`` would show it)."""
    exe = shutil.which(tool)
    if exe is None:
        raise BackupFailed(f"找不到 {tool}：请安装 PostgreSQL 客户端（Debian: postgresql-client）")
    args = [exe, "--dbname", settings_dict["NAME"] or "postgres"]
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args + ["--no-password"], env


def _run(args: list[str], env: dict, what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupFailed(f"{what}失败：{detail[-1] if detail else f'退出码 {done.returncode}'}")


def backup(path: Path, *, alias: str = "default") -> BackupResult:
    """Write a full copy of the database ``alias`` to ``path`` (replaced if it exists)."""
    path = Path(path)
    if path.parent and not path.parent.is_dir():
        raise BackupFailed(f"目录不存在：{path.parent}")
    tmp = path.with_name(path.name + ".partial")  # a crash never leaves a half file under the real name
    vendor = _vendor(alias)
    if vendor == "postgresql":
        args, env = _pg_command("pg_dump", connections[alias].settings_dict)
        _run([*args, "--format=custom", "--no-owner", "--file", str(tmp)], env, "pg_dump 备份")
    else:
        conn = connections[alias]
        conn.ensure_connection()
        target = sqlite3.connect(tmp)
        try:
            conn.connection.backup(target)
        finally:
            target.close()
    os.replace(tmp, path)
    return BackupResult(path=path, engine=vendor, size_bytes=path.stat().st_size)


def _kind_of(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(PG_MAGIC):
        return "postgresql"
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    raise BackupFailed(f"{path} 不是问暖的备份文件（既不是 pg_dump 自定义格式，也不是 SQLite 数据库）")


def database_is_empty(alias: str = "default") -> bool:
    return not connections[alias].introspection.table_names()


def restore(path: Path, *, alias: str = "default", replace: bool = False) -> str:
    """Restore ``path`` into the database ``alias``; returns the engine. The target must be empty unless
    ``replace``; stop the app first (a restore replaces every table under running requests otherwise)."""
    path = Path(path)
    if not path.is_file():
        raise BackupFailed(f"备份文件不存在：{path}")
    kind, vendor = _kind_of(path), _vendor(alias)
    if kind != vendor:
        raise BackupFailed(f"这是 {kind} 的备份，不能恢复到 {vendor} 数据库")
    if not replace and not database_is_empty(alias):
        raise BackupFailed("目标数据库已有数据：确认要整体覆盖时加 --replace")
    if vendor == "postgresql":
        args, env = _pg_command("pg_restore", connections[alias].settings_dict)
        connections[alias].close()  # our own session would hold locks that --clean waits for
        flags = ["--no-owner", "--exit-on-error", "--single-transaction"]
        if replace:
            flags += ["--clean", "--if-exists"]
        _run([*args, *flags, str(path)], env, "pg_restore 恢复")
    else:
        conn = connections[alias]
        conn.ensure_connection()
        source = sqlite3.connect(path)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupFailed(f"{path} 已损坏（SQLite integrity_check 未通过）")
            source.backup(conn.connection)
        finally:
            source.close()
    return vendor
