"""The docs stay true: every setting and every open-data column is documented."""

import re
import subprocess
import sys
from pathlib import Path

from dream.opendata.services import RESOURCES

ROOT = Path(__file__).resolve().parent.parent


def test_every_environment_setting_is_documented_in_the_readme():
    settings = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', settings))

    assert names, "settings read no environment variable?"
    assert {name for name in names if f"`{name}`" not in readme} == set()


def test_every_open_data_column_is_documented():
    doc = (ROOT / "docs" / "opendata.md").read_text(encoding="utf-8")
    for resource in RESOURCES:
        section = doc.split(f"### {resource.name}.csv", 1)[1].split("###", 1)[0]
        documented = re.findall(r"^\| (\w+) \| (\w+) \|", section, flags=re.M)[1:]
        assert documented == [(c.name, c.type) for c in resource.columns], resource.name


def test_the_dream_command_accepts_hyphenated_command_names():
    result = subprocess.run(
        [sys.executable, "-m", "dream.cli", "import-plan", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )

    assert result.returncode == 0, result.stderr
    assert "시행계획" in result.stdout
