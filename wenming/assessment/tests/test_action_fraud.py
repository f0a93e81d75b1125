import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from wenming.assessment.actions import record_fraud_finding
from wenming.assessment.models import FraudFinding
from wenming.journal.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_admin_records_finding_with_evidence_and_audit(personas):
    finding = record_fraud_finding(
        personas.town, 2017, evidence="投票记录显示同一设备刷票 300 次", actor=personas.admin, source="honors:review:1"
    )
    assert finding.recorded_by == personas.admin
    assert finding.source == "honors:review:1"
    assert AuditEntry.objects.filter(verb="assessment.record_fraud_finding", target_id=str(finding.pk)).exists()


def test_evidence_is_required(personas):
    with pytest.raises(ValidationError):
        record_fraud_finding(personas.town, 2017, evidence="   ", actor=personas.admin)
    assert not FraudFinding.objects.exists()


@pytest.mark.parametrize("who", ["liaison", "editor", "reviewer"])
def test_only_admin_may_record(personas, who):
    with pytest.raises(PermissionDenied):
        record_fraud_finding(personas.town, 2017, evidence="证据", actor=getattr(personas, who))
    assert not FraudFinding.objects.exists()


def test_database_refuses_empty_evidence(personas):
    with pytest.raises(IntegrityError):
        FraudFinding.objects.create(unit=personas.town, year=2017, evidence="")
