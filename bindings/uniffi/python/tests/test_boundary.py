"""What every call across the FFI guarantees, whatever the function."""

import importlib
import pathlib
import re

import pytest

import cesizen


def test_the_library_loads_and_reports_the_sdk_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+", cesizen.sdk_version())


def test_a_renamed_code_reads_as_the_current_one():
    assert cesizen.canonical_code("binding.input.invalid") == "input.argument.invalid"
    assert cesizen.canonical_code("gdpr.config.malformed") == "config.syntax.invalid"
    assert cesizen.canonical_code("validation.email.invalid") == "validation.email.invalid"


def test_the_package_internal_error_is_the_one_its_functions_raise():
    # Every UniFFI namespace (`cesizen`, `cesizen_core`, `cesizen_gdpr`) declares its own InternalError; the
    # functions are all in `cesizen`, so the package's name must be that one, whatever order the modules load in.
    assert cesizen.InternalError is cesizen._uniffi.cesizen.InternalError


def test_the_package_re_exports_every_generated_module():
    generated = pathlib.Path(cesizen.__file__).parent / "_uniffi"
    modules = [p.stem for p in generated.glob("*.py") if p.stem != "__init__"]
    assert "cesizen" in modules and len(modules) > 1
    for name in modules:
        module = importlib.import_module(f"cesizen._uniffi.{name}")
        missing = [n for n in module.__all__ if not hasattr(cesizen, n)]
        assert not missing, f"cesizen does not re-export {name}: {missing}"


@pytest.mark.parametrize(
    "variant, code",
    [
        (cesizen.CesizenError.Core, "validation.email.invalid"),
        (cesizen.CesizenError.Crypto, "crypto.decrypt.failed"),
        (cesizen.CesizenError.Gdpr, "gdpr.export.invalid"),
        (cesizen.CesizenError.Sla, "sla.target.invalid"),
        (cesizen.CesizenError.Input, "input.timestamp.out_of_range"),
        (cesizen.CesizenError.Internal, "internal.panic"),
    ],
)
def test_every_error_variant_is_a_cesizen_error_with_its_code(variant, code):
    err = variant(code, "detail")
    assert isinstance(err, cesizen.CesizenError)
    assert err.code == code
    assert code in str(err)
