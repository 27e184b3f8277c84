"""CR-only line endings (classic Mac, some CMS exports) are line breaks like LF and CRLF: no
capital is lowered after one, findings are reported on their own lines, and the CRs stay."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nato-russia.txt"


def cli(*args, stdin=b""):
    p = subprocess.run([sys.executable, "-m", "repair.cli", *args], input=stdin, capture_output=True, cwd=ROOT,
                       timeout=300)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def test_a_lone_cr_ends_a_line():
    text = "The talks ended\rThe two sides went home.\r"
    code, out, err = cli("fix", "-", stdin=text.encode())
    assert code == 0 and out == text, (out, err)
    code, out, err = cli("check", "-", stdin=text.encode())
    assert code == 0 and out == "", out


def test_findings_after_lone_crs_are_on_their_lines(tmp_path):
    lf = SEED.read_text(encoding="utf-8")
    for nl in ("\r", "\r\n"):
        p = tmp_path / "seed.txt"
        p.write_bytes(lf.replace("\n", nl).encode("utf-8"))
        code, got, _ = cli("check", str(p))
        code_lf, want, _ = cli("check", str(SEED))
        assert code == code_lf == 1
        assert got.replace(str(p), "SEED") == want.replace(str(SEED), "SEED")
        assert len({line.split(":")[1] for line in got.splitlines()}) > 5      # not all on line 1
        code, fixed, _ = cli("fix", str(p))
        _, fixed_lf, _ = cli("fix", str(SEED))
        assert fixed == fixed_lf.replace("\n", nl)                              # and the CRs stay
