import pytest

from wenming.assessment.actions import enroll
from wenming.assessment.schemes import load_scheme
from wenming.orgs import actions as org_actions


@pytest.fixture
def luoyang(db):
    """The Luoyang 2014 scheme with two enrolled municipal organs."""
    scheme = load_scheme("luoyang-2014")
    units = []
    for name in ("市教育局", "市财政局"):
        unit, _ = org_actions.ensure_unit(name, "department", scheme.region)
        enroll(scheme, unit)
        units.append(unit)
    scheme.test_units = units
    return scheme


@pytest.fixture
def liyang(personas):
    """The Liyang 2017 scheme loaded over the personas' tree (溧城镇, 天目湖镇, 教育局 are enrolled)."""
    return load_scheme("liyang-2017")
