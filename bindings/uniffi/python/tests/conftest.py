"""Loads the generated ``cesizen`` package with the host build of ``libcesizen_uniffi``.

The generated module loads the shared library from its own directory. To leave the source tree untouched, the
package is copied into a temporary directory together with the library named by ``CESIZEN_UNIFFI_LIB`` (set by
``cargo xtask test --only python``; by default ``target/debug`` of the workspace), and that directory is put first
on ``sys.path`` before any test imports ``cesizen``.
"""

import os
import pathlib
import shutil
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
PACKAGE = HERE.parent / "cesizen"
WORKSPACE = HERE.parents[3]
LIBRARY_NAME = {"darwin": "libcesizen_uniffi.dylib", "win32": "cesizen_uniffi.dll"}.get(
    sys.platform, "libcesizen_uniffi.so"
)
VECTORS_DIR = pathlib.Path(os.environ.get("CESIZEN_VECTORS_DIR", WORKSPACE / "tests" / "vectors"))


def _install_package() -> None:
    library = pathlib.Path(
        os.environ.get("CESIZEN_UNIFFI_LIB", WORKSPACE / "target" / "debug" / LIBRARY_NAME)
    )
    if not library.is_file():
        raise RuntimeError(f"{library} is missing: run `cargo build -p cesizen-uniffi` first")
    site = pathlib.Path(tempfile.mkdtemp(prefix="cesizen-py-"))
    shutil.copytree(PACKAGE, site / "cesizen", ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.dylib"))
    shutil.copy2(library, site / "cesizen" / LIBRARY_NAME)
    sys.path.insert(0, str(site))


_install_package()


def pytest_report_header(config):
    """Says which vectors run and which operations are skipped as not bound yet (the explicit allow-list)."""
    from vectors import load_cases, unbound_ops

    unbound = ", ".join(sorted(unbound_ops())) or "none"
    return [f"cesizen vectors: {len(load_cases())} cases from {VECTORS_DIR}; unbound (skipped): {unbound}"]
