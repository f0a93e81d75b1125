"""Factories for assessment rows; schemes themselves come from their data files via ``load_scheme``."""

import factory

from wenming.assessment.models import Enrollment, Scheme


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme

    slug = factory.Sequence(lambda n: f"scheme-{n}")
    name = factory.Sequence(lambda n: f"考核方案{n}")
    year = 2017


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    scheme = factory.SubFactory(SchemeFactory)
