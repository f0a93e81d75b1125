"""Identity documents: format checks per type (GB 11643 check digit for the resident ID) and masking."""

import re
from datetime import date

from django.utils.translation import gettext as _

from .choices import IdType

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_RESIDENT = re.compile(r"^[1-9]\d{16}[\dX]$")
_PATTERNS = {
    # 中华人民共和国护照 (E/G + 8 digits, or EA-EH + 7) and foreign passports: letters and digits.
    IdType.PASSPORT: re.compile(r"^(?=.*\d)[A-Z0-9]{6,17}$"),
    # 港澳居民来往内地通行证: H (Hong Kong) or M (Macao) + 8 digits (older cards: + 10 digits).
    IdType.HK_MACAO: re.compile(r"^[HM](\d{8}|\d{10})$"),
    # 台湾居民来往大陆通行证: 8 digits (older cards: 10 digits with an optional letter).
    IdType.TAIWAN: re.compile(r"^(\d{8}|\d{10}[A-Z]?)$"),
}


def normalize(number: str) -> str:
    return re.sub(r"[\s-]", "", number or "").upper()


def gb11643_check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def resident_id_errors(number: str, today: date | None = None) -> list[str]:
    if not _RESIDENT.match(number):
        return [_("居民身份证号码应为 18 位（最后一位可为 X）")]
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return [_("居民身份证号码中的出生日期无效")]
    if born > (today or date.today()) or born.year < 1900:
        return [_("居民身份证号码中的出生日期无效")]
    if gb11643_check_digit(number[:17]) != number[17]:
        return [_("居民身份证号码校验位错误")]
    return []


def id_errors(id_type: str, number: str) -> list[str]:
    """Chinese messages for what is wrong with ``number`` as a document of ``id_type`` ([] when fine)."""
    number = normalize(number)
    if not number:
        return [_("请填写证件号码")]
    if id_type == IdType.RESIDENT:
        return resident_id_errors(number)
    pattern = _PATTERNS.get(id_type)
    if pattern is None:
        return [_("未知的证件类型")]
    if not pattern.match(number):
        return [_("%(type)s号码格式不正确") % {"type": IdType(id_type).label}]
    return []


def birth_date(id_type: str, number: str) -> date | None:
    number = normalize(number)
    if id_type == IdType.RESIDENT and not resident_id_errors(number):
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return None


def mask_id(number: str) -> str:
    """320481********123X: the region and the last four shown, the rest hidden."""
    number = normalize(number)
    if len(number) >= 15:
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    if len(number) <= 3:
        return "*" * len(number)
    return number[0] + "*" * (len(number) - 3) + number[-2:]
