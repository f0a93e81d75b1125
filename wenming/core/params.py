"""Reading ids from request parameters: anything that is not a positive 64-bit integer is no id."""

MAX_ID = 2**63 - 1


def id_param(value) -> int | None:
    """``value`` as an object id, or None (a lookup with None finds nothing: a 404, never a 500)."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def id_params(values) -> list[int]:
    """The valid ids among ``values`` (e.g. ``request.POST.getlist("record")``), in order."""
    return [n for n in (id_param(v) for v in values) if n is not None]
