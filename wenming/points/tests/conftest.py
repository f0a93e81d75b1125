import pytest

from wenming.assessment.schemes import load_scheme


@pytest.fixture
def liyang(personas):
    """The Liyang 2017 scheme with its rule set, its units under the personas' 溧阳市."""
    return load_scheme("liyang-2017")
