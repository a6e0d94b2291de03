"""The per-installation secret key under var/ is readable by its owner only."""

import os
import stat
import subprocess
import sys


def _settings_in(home):
    env = {k: v for k, v in os.environ.items() if k != "WENNUAN_SECRET_KEY"}
    env["WENNUAN_HOME"] = str(home)
    subprocess.run([sys.executable, "-c", "import wennuan.settings"], env=env, check=True)
    return home / "var" / "secret_key"


def test_secret_key_is_written_0600(tmp_path):
    key = _settings_in(tmp_path)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text().strip()) >= 50


def test_an_older_world_readable_key_is_tightened(tmp_path):
    (tmp_path / "var").mkdir()
    old = tmp_path / "var" / "secret_key"
    old.write_text("x" * 50)
    old.chmod(0o644)
    _settings_in(tmp_path)
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert old.read_text() == "x" * 50
