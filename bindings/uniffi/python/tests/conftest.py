"""Checks that the tests run against the installed ``cesizen`` package, as a user would import it.

``cargo xtask test --only python`` builds the wheel, installs it in a fresh virtual environment and runs pytest
from outside the source tree; run by hand, install the wheel first (``pip install target/python/wheels/*.whl``).
The source tree holds no ``cesizen`` package (maturin generates it into the wheel), and the check below refuses a
``cesizen`` found anywhere but in the running interpreter's environment.
"""

import os
import pathlib
import sys

import cesizen

HERE = pathlib.Path(__file__).resolve().parent
WORKSPACE = HERE.parents[3]
VECTORS_DIR = pathlib.Path(os.environ.get("CESIZEN_VECTORS_DIR", WORKSPACE / "tests" / "vectors"))

if not pathlib.Path(cesizen.__file__).resolve().is_relative_to(pathlib.Path(sys.prefix).resolve()):
    raise RuntimeError(f"cesizen was imported from {cesizen.__file__}, not from the environment {sys.prefix}")


def pytest_report_header(config):
    """Says which vectors run and which operations are skipped as not bound yet (the explicit allow-list)."""
    from vectors import load_cases, unbound_ops

    unbound = ", ".join(sorted(unbound_ops())) or "none"
    return [f"cesizen vectors: {len(load_cases())} cases from {VECTORS_DIR}; unbound (skipped): {unbound}"]
