"""Decimal helpers: points are Decimal end to end and print without float noise."""

from decimal import Decimal, InvalidOperation


def to_decimal(value) -> Decimal:
    """Exact conversion; floats go through their shortest repr so 0.05 stays 0.05."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"不是有效的数字：{value!r}") from None


def plain(value: Decimal | int | None) -> str:
    """``Decimal('69.650')`` → ``'69.65'``; ``Decimal('10.00')`` → ``'10'``; never exponent notation."""
    if value is None:
        return ""
    d = to_decimal(value)
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")
