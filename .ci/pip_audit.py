"""Audit requirements.lock with pip-audit and say plainly what was not audited.

Fails on any known vulnerability. When the advisory service cannot be reached,
pip-audit skips packages instead of failing; this prints how many were skipped,
in a line CI logs show, and fails only when --strict is given.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(strict):
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(  # noqa: S603 (fixed command from our own venv)
            [
                str(ROOT / ".venv/bin/pip-audit"),
                "--requirement",
                str(ROOT / "requirements.lock"),
                "--disable-pip",
                "--no-deps",
                "--progress-spinner=off",
                "--format=json",
                f"--output={report.name}",
            ],
            check=False,
            timeout=600,
        )
        text = Path(report.name).read_text() or '{"dependencies": []}'
    packages = json.loads(text)["dependencies"]
    vulnerable = [p for p in packages if p.get("vulns")]
    skipped = [p for p in packages if p.get("skip_reason")]
    for package in vulnerable:
        ids = ", ".join(v["id"] for v in package["vulns"])
        print(f"pip-audit: {package['name']} {package['version']}: {ids}")
    audited = len(packages) - len(skipped)
    print(
        f"pip-audit: {audited} of {len(packages)} packages audited, "
        f"{len(vulnerable)} with known vulnerabilities"
    )
    if skipped:
        print(
            f"pip-audit: NOT AUDITED ({len(skipped)}): the advisory service did "
            f"not answer for them, e.g. {skipped[0]['skip_reason']}"
        )
    if vulnerable or not packages or (strict and skipped):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main("--strict" in sys.argv))
