"""Permission-aware reads: feeds, item pages, the moderation queue, reviews and monthly counts."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from wenming.core.periods import Month
from wenming.journal.models import AuditEntry
from wenming.orgs.models import Unit
from wenming.people.permissions import can, scope_units

from .choices import SHARE_TOKEN_RE, VERB_LABELS, ClaimStatus, Status
from .models import Comment, Flag, Lead, Like, Livestream, Share, ShareLink, Story, WishClaim

# Items people can comment on, like, share and flag, by URL slug. Another app registers its own
# (the media app's articles) with ``register_target`` and needs no change to these models.
TARGETS: dict[str, type] = {"story": Story, "lead": Lead, "livestream": Livestream}
MODERATED: dict[str, type] = {"story": Story, "lead": Lead, "livestream": Livestream}


def register_target(slug: str, model: type) -> None:
    TARGETS[slug] = model


def slug_of(obj) -> str:
    for slug, model in TARGETS.items():
        if isinstance(obj, model):
            return slug
    return "comment" if isinstance(obj, Comment) else obj._meta.model_name


def _count(model, ct_id: int, **filters):
    qs = (
        model.objects.filter(content_type_id=ct_id, object_id=OuterRef("pk"), **filters)
        .order_by()
        .values("object_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(qs, output_field=IntegerField()), 0)


def with_counts(qs):
    """Comment and like counts as subqueries: one query however many items are listed."""
    ct_id = ContentType.objects.get_for_model(qs.model).pk
    return qs.annotate(
        n_comments=_count(Comment, ct_id, hidden=False),
        n_likes=_count(Like, ct_id, removed_at__isnull=True),
    )


def public(model):
    return model.objects.filter(status=Status.ACCEPTED, hidden=False)


def feed(unit: Unit | None = None, *, limit: int = 30) -> list:
    """Accepted stories and leads, newest decision first; of one unit (with its subtree) or the city."""
    items = []
    for model in (Story, Lead):
        qs = public(model).select_related("author", "unit")
        if unit is not None:
            qs = qs.filter(unit__path__startswith=unit.path)
        if model is Story:
            qs = qs.prefetch_related("images")
        items += list(with_counts(qs).order_by("-decided_at", "-id")[:limit])
    items.sort(key=lambda item: item.decided_at, reverse=True)
    return items[:limit]


def livestreams_public(*, limit: int = 30):
    return with_counts(public(Livestream).select_related("unit")).order_by("-planned_start", "-id")[:limit]


def can_moderate(user, item) -> bool:
    return can(user, "moderate", item) and getattr(item, "author_id", None) != user.pk


def can_view(user, item) -> bool:
    """Only accepted content is public; the author and the editors of its unit see it anyway."""
    if item.status == Status.ACCEPTED and not item.hidden:
        return True
    if not user.is_authenticated:
        return False
    return item.author_id == user.pk or can(user, "moderate", item)


def comments_for(target, *, viewer=None) -> list[Comment]:
    """Visible top-level comments with their replies, in two queries."""
    ct = ContentType.objects.get_for_model(target)
    rows = list(
        Comment.objects.filter(content_type=ct, object_id=target.pk, hidden=False).select_related("author").order_by("created_at", "id")
    )
    tops = [c for c in rows if c.parent_id is None]
    by_parent: dict[int, list[Comment]] = {}
    for c in rows:
        if c.parent_id is not None:
            by_parent.setdefault(c.parent_id, []).append(c)
    for c in tops:
        c.reply_list = by_parent.get(c.pk, [])
    return tops


def like_state(user, target) -> tuple[bool, int]:
    ct = ContentType.objects.get_for_model(target)
    active = Like.objects.filter(content_type=ct, object_id=target.pk, removed_at__isnull=True)
    liked = user.is_authenticated and active.filter(person=user).exists()
    return liked, active.count()


def share_count(target) -> int:
    return Share.objects.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk).count()


def owns_share_link(user, target, token: str) -> bool:
    if not SHARE_TOKEN_RE.fullmatch(token or ""):
        return False
    ct = ContentType.objects.get_for_model(target)
    return ShareLink.objects.filter(token=token, sharer=user, content_type=ct, object_id=target.pk).exists()


def active_claim(lead: Lead) -> WishClaim | None:
    return lead.claims.exclude(status=ClaimStatus.RELEASED).select_related("claimant", "unit").first()


def history(item) -> list[AuditEntry]:
    """Every recorded decision on the item (who, when, why), newest first."""
    entries = list(
        AuditEntry.objects.filter(
            target_type=f"{item._meta.app_label}.{item._meta.model_name}", target_id=str(item.pk)
        ).select_related("actor")
    )
    for entry in entries:
        entry.label = VERB_LABELS.get(entry.verb, entry.verb)
    return entries


def _in_scope(model, user, unit: Unit | None):
    qs = model.objects.filter(unit__in=scope_units(user, "moderate"))
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs


def moderation_queue(user, *, unit: Unit | None = None) -> list:
    """Pending stories, leads and livestream declarations the editor may decide, oldest first."""
    items = []
    for model in MODERATED.values():
        qs = _in_scope(model, user, unit).filter(status=Status.PENDING).exclude(author=user)
        items += list(qs.select_related("author", "unit").order_by("created_at", "id")[:200])
    items.sort(key=lambda item: (item.created_at, item.pk))
    return items


def comments_to_review(user, *, valid: bool | None = None, limit: int = 100):
    qs = Comment.objects.filter(unit__in=scope_units(user, "moderate")).exclude(author=user)
    if valid is not None:
        qs = qs.filter(valid=valid)
    return qs.select_related("author", "unit", "content_type").prefetch_related("target").order_by("-created_at", "-id")[:limit]


def flagged_items(user) -> list:
    """Items and comments hidden by reports that still wait for an editor."""
    scope = scope_units(user, "moderate")
    open_flags = Flag.objects.filter(resolved_at__isnull=True)
    rows = []
    for model in [*MODERATED.values(), Comment]:
        ct = ContentType.objects.get_for_model(model)
        ids = open_flags.filter(content_type=ct).values("object_id")
        qs = model.objects.filter(pk__in=ids, hidden=True, unit__in=scope).select_related("author", "unit")
        flag_counts = dict(
            open_flags.filter(content_type=ct).values_list("object_id").annotate(n=Count("id")).values_list("object_id", "n")
        )
        for item in qs:
            item.n_flags = flag_counts.get(item.pk, 0)
            item.kind = slug_of(item)
            rows.append(item)
    return rows


@dataclass
class UnitMonth:
    unit: Unit
    submissions: int = 0
    accepted: int = 0
    declared: int = 0
    held: int = 0
    undeclared: int = 0
    extra: dict = field(default_factory=dict)


def unit_month_counts(user, month: Month) -> list[UnitMonth]:
    """Per unit in the editor's scope: submissions and acceptances (stories and leads), livestreams
    declared (approved declarations made in the month) and held (declared ones held in the month)."""
    units = list(scope_units(user, "moderate").exclude(kind__in=["province", "city", "county"]).order_by("sort_order", "id"))
    rows = {u.pk: UnitMonth(unit=u) for u in units}
    ids = list(rows)
    start, end = month.start, month.end

    def grouped(qs):
        return dict(qs.filter(unit_id__in=ids).values_list("unit_id").annotate(n=Count("id")).values_list("unit_id", "n"))

    for model in (Story, Lead):
        for uid, n in grouped(model.objects.filter(created_at__gte=start, created_at__lt=end)).items():
            rows[uid].submissions += n
        accepted = model.objects.filter(status=Status.ACCEPTED, decided_at__gte=start, decided_at__lt=end)
        for uid, n in grouped(accepted).items():
            rows[uid].accepted += n
    lives = Livestream.objects.filter(undeclared=False)
    for uid, n in grouped(lives.filter(created_at__gte=start, created_at__lt=end, status=Status.ACCEPTED)).items():
        rows[uid].declared = n
    for uid, n in grouped(lives.filter(held_at__gte=start, held_at__lt=end)).items():
        rows[uid].held = n
    held_undeclared = Livestream.objects.filter(undeclared=True, held_at__gte=start, held_at__lt=end)
    for uid, n in grouped(held_undeclared).items():
        rows[uid].undeclared = n
    return list(rows.values())


def submissions_by_unit(start, end, unit_ids) -> dict[int, int]:
    """Stories and leads posted in [start, end) per unit, whatever their status: the bulletin's
    "submissions made" (acceptances come from the domain events). No viewer scope: the bulletin
    is computed for every enrolled unit and filtered by who may see it afterwards."""
    counts: dict[int, int] = {}
    ids = list(unit_ids)
    for model in (Story, Lead):
        rows = (
            model.objects.filter(created_at__gte=start, created_at__lt=end, unit_id__in=ids)
            .values_list("unit_id")
            .annotate(n=Count("id"))
            .values_list("unit_id", "n")
            .order_by()
        )
        for unit_id, n in rows:
            counts[unit_id] = counts.get(unit_id, 0) + n
    return counts


def _on_my_items(user) -> Q:
    """Comments on anything the person posted, and replies to the person's comments."""
    q = Q(parent__author=user)
    for model in MODERATED.values():
        ct = ContentType.objects.get_for_model(model)
        q |= Q(content_type=ct, object_id__in=model.objects.filter(author=user).values("pk"))
    return q


def my_activity(user) -> dict:
    """Everything on "my page": posts with status, comments, likes given, shares, claims."""
    return {
        "stories": Story.objects.filter(author=user).select_related("decided_by").order_by("-created_at")[:50],
        "leads": Lead.objects.filter(author=user).order_by("-created_at")[:50],
        "livestreams": Livestream.objects.filter(author=user).select_related("unit").order_by("-created_at")[:50],
        "comments": Comment.objects.filter(author=user).select_related("content_type").prefetch_related("target").order_by("-created_at")[:50],
        "replies": Comment.objects.filter(_on_my_items(user))
        .exclude(author=user)
        .filter(hidden=False)
        .select_related("author")
        .order_by("-created_at")[:20],
        "likes": Like.objects.filter(person=user, removed_at__isnull=True).select_related("content_type").prefetch_related("target")[:50],
        "shares": Share.objects.filter(sharer=user).select_related("content_type").prefetch_related("target")[:50],
        "claims": WishClaim.objects.filter(claimant=user).select_related("lead").order_by("-claimed_at")[:50],
    }


def liaison_units(user):
    return scope_units(user, "declare_livestream").exclude(kind__in=["province", "city", "county"])


def livestreams_of(user):
    return Livestream.objects.filter(unit__in=liaison_units(user)).select_related("unit", "decided_by").order_by("-planned_start", "-id")
