"""What every call across the FFI guarantees, whatever the function."""

import re

import pytest

import cesizen


def test_the_library_loads_and_reports_the_sdk_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+", cesizen.sdk_version())


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
