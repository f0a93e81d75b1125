import pytest

from wenming.core.masking import mask_name, mask_phone


@pytest.mark.parametrize(
    ("raw", "shown"), [("13812345678", "138****5678"), ("", ""), ("12345", "*****"), ("0519-87654321", "051******4321")]
)
def test_mask_phone(raw, shown):
    assert mask_phone(raw) == shown


@pytest.mark.parametrize(("raw", "shown"), [("张三", "张*"), ("欧阳修文", "欧**文"), ("李", "李"), ("", "")])
def test_mask_name(raw, shown):
    assert mask_name(raw) == shown
