"""Ids from request parameters: anything but a positive 64-bit integer finds nothing (a 404, not a 500)."""

from wenming.core.params import id_param, id_params


def test_id_param_takes_only_positive_64_bit_ids():
    assert id_param("42") == 42 and id_param(" 7 ") == 7
    assert [id_param(v) for v in ("0", "-3", "abc", "x\ufffdy", "٣", str(2**63), None)] == [None] * 7
    assert id_params(["1", "abc", "2"]) == [1, 2]
