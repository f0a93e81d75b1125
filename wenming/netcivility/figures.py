"""The figures assessment reads (registered in ``NetcivilityConfig.ready``): per county for a year."""

from wenming.orgs.models import Unit

from .queries.quotas import county_figures


def _counties(unit_ids):
    return Unit.objects.filter(pk__in=unit_ids).order_by("path")


def prompt_completion(year: int, unit_ids: list[int]):
    """Completed assignments of the year's prompts over all assignments, per county."""
    return {uid: f["completion"] for uid, f in county_figures(year, _counties(unit_ids)).items()}


def quota_compliance(year: int, unit_ids: list[int]):
    """Member-months and unit-months at quota over those due (elapsed months), per county."""
    return {uid: f["compliance"] for uid, f in county_figures(year, _counties(unit_ids)).items()}


def register() -> None:
    from wenming.assessment import figures

    figures.register("netcivility.prompt_completion", prompt_completion)
    figures.register("netcivility.quota_compliance", quota_compliance)
