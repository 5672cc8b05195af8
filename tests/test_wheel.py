"""The package as a user installs it: a wheel built from this tree, installed in a fresh
virtual environment, runs `contact-audit` with nothing from the repository on its path.

This is what a missing template, catalogue, data file or script in the package data
would break, while every other test, run from the repository, would still pass. The
fresh environment borrows the pinned dependencies of the test environment (a path to
its site-packages) instead of downloading them again; the project itself comes from
the wheel alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DISTRIBUTION = "contact_auditor"
WHERE = "import auditor, reports; print(auditor.__file__, reports.__file__)"
SKIPPED = (".git", ".venv", "build", "*.egg-info", "__pycache__", "node_modules", "contact-audit-*")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # A copy of the tree, so that the build's egg-info and build/ folders never land in the checkout.
    source = tmp_path_factory.mktemp("build") / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*SKIPPED))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (built,) = out.glob(f"{DISTRIBUTION}-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The dependencies, as a plain path after the venv's own site-packages: the test
    # environment's editable install of this tree is a .pth hook there, which a plain
    # path does not run.
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv


def run_installed(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '')}"
    return subprocess.run(
        [str(venv / "bin" / "contact-audit"), *args], capture_output=True, text=True, timeout=240, cwd=cwd, env=env
    )


def test_the_wheel_holds_the_packages_and_their_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "reports/templates/report.html.j2",
        "reports/templates/report.css",
        "reports/report.schema.json",
        "reports/i18n/hi.json",
        "reports/i18n/checks/hi.json",
        "auditor/data/chat_vendors.json",
        "auditor/demo/nimbus/index.html",
        "auditor/gather/extract/chat/probe.js",
    ):
        assert needed in names, f"{needed} is missing from {wheel.name}"
    assert not [n for n in names if n.startswith("tests/")], "the tests are not part of the package"


def test_the_installed_command_runs_from_the_wheel_alone(fresh_venv: Path, tmp_path: Path) -> None:
    done = run_installed(fresh_venv, "--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "0.1.0" in done.stdout
    where = subprocess.run(
        [str(fresh_venv / "bin" / "python"), "-c", WHERE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout
    assert str(ROOT) not in where and str(fresh_venv) in where


def test_an_audit_without_rendering_from_the_installed_package(fresh_venv: Path, sites: str, tmp_path: Path) -> None:
    out = tmp_path / "run"
    done = run_installed(
        fresh_venv, "audit", f"{sites}/probe/", "--no-render", "--no-history", "--out", str(out), "-q", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["site"]["pages_crawled"] >= 1
    assert report["channels"]["emails"], "the probe fixture site shows an email"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<style" in html and report["channels"]["emails"][0]["address"] in html
