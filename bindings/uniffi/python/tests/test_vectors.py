"""Every case of every shared vector file, through the Python bindings, compared value for value."""

import pytest

import cesizen
from ops import NEEDS_EXPECTED, OPS
from vectors import load_cases, normalise, to_json, unbound_ops

CASES = load_cases()
UNBOUND = unbound_ops()


@pytest.mark.parametrize(
    "case",
    [case for _, case in CASES if case["op"] not in UNBOUND],
    ids=[f"{name}:{case['name']}" for name, case in CASES if case["op"] not in UNBOUND],
)
def test_vector_case(case):
    call = OPS[case["op"]]
    try:
        if case["op"] in NEEDS_EXPECTED:
            result = call(case.get("input") or {}, case.get("expected"))
        else:
            result = call(case.get("input") or {})
    except cesizen.CesizenError as err:
        assert case.get("error") == err.code, f"expected {case.get('expected')!r}, got error {err.code}"
        return
    assert "error" not in case, f"expected error {case['error']}, got {to_json(result)!r}"
    assert normalise(to_json(result)) == normalise(case["expected"])


def test_every_operation_is_bound_or_explicitly_unbound():
    ops = {case["op"] for _, case in CASES}
    assert ops - OPS.keys() - UNBOUND == set(), "operations neither bound nor listed in vectors-unbound.txt"
    assert UNBOUND & OPS.keys() == set(), "bound operations still listed in vectors-unbound.txt"
