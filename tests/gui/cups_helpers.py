"""A real CUPS queue printing to PDF files (cups-pdf), for the printing tests.

.ci/run installs cups and cups-pdf, starts cupsd and creates the queue; elsewhere the tests that need it are
skipped with the reason (no CUPS, scheduler not running, no cups-pdf backend).
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

QUEUE = "PAC-PDF"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
PPD_CANDIDATES = (
    "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd",
    "/usr/share/cups/model/CUPS-PDF_opt.ppd",
)


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)


def cups_pdf_output_dir() -> Path:
    """Where cups-pdf writes the jobs of the user running the tests (its "Out" setting, ~/PDF by default)."""
    out = "${HOME}/PDF"
    if CUPS_PDF_CONF.is_file():
        for line in CUPS_PDF_CONF.read_text(errors="replace").splitlines():
            match = re.match(r"\s*Out\s+(\S+)", line)
            if match:
                out = match.group(1)
    user = pwd.getpwuid(os.getuid())
    return Path(out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


def ensure_queue() -> str:
    """The name of a cups-pdf queue, created if missing; skips the test when CUPS cannot give one."""
    if shutil.which("lp") is None or shutil.which("lpstat") is None:
        pytest.skip("CUPS is not installed (.ci/run installs cups and cups-pdf)")
    if "is running" not in _run("lpstat", "-r").stdout:
        pytest.skip("the CUPS scheduler is not running (.ci/run starts cupsd)")
    if _run("lpstat", "-p", QUEUE).returncode == 0:
        return QUEUE
    ppd = next((p for p in PPD_CANDIDATES if Path(p).is_file()), None)
    if ppd is None or shutil.which("lpadmin") is None:
        pytest.skip("the cups-pdf printer is not installed")
    made = _run("lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", ppd)
    if made.returncode != 0:
        pytest.skip(f"the cups-pdf queue could not be created: {made.stderr.strip()}")
    return QUEUE


def wait_for_output(since: float, job_id: str | None = None, timeout_s: float = 60.0) -> Path:
    """The PDF cups-pdf wrote for a job sent after ``since`` (time.time()): once CUPS says the job ``job_id`` is
    completed, the newest such file that is whole (ends with %%EOF; under load Ghostscript writes in bursts)."""
    folder = cups_pdf_output_dir()
    deadline = time.monotonic() + timeout_s
    while job_id and time.monotonic() < deadline:
        done = _run("lpstat", "-W", "completed", "-o", QUEUE).stdout.split()
        if job_id in done:
            break
        time.sleep(0.2)
    while time.monotonic() < deadline:
        if folder.is_dir():
            fresh = [p for p in folder.glob("*.pdf") if p.stat().st_mtime >= since - 1]
            if fresh:
                newest = max(fresh, key=lambda p: p.stat().st_mtime)
                if _is_whole_pdf(newest):
                    return newest
        time.sleep(0.2)
    raise AssertionError(f"no whole PDF from the {QUEUE} queue in {folder} after {timeout_s} s")


def _is_whole_pdf(path: Path) -> bool:
    with path.open("rb") as pdf:
        pdf.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in pdf.read()
