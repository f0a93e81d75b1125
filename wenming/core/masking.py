"""Masking of personal data for display: stored whole, shown partly hidden."""


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(name: str) -> str:
    name = name.strip()
    if not name:
        return ""
    if len(name) == 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
