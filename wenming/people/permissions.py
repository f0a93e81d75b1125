"""Who may do what to which unit: the one place that answers it.

A role is held over a unit and covers that unit's whole subtree (an editor assigned to 溧阳市
moderates every town and department under it). A unit's own leader and liaison act for that
unit only. Admins (superusers or the admin role with no scope) act everywhere.
"""

from wenming.orgs.queries import is_unit, units

from .choices import Role

# action → roles that may perform it on a unit in their scope
ACTION_ROLES: dict[str, frozenset[str]] = {
    "view_unit": frozenset({Role.LIAISON, Role.LEADER, Role.EDITOR, Role.REVIEWER, Role.ADMIN}),
    "manage_unit": frozenset({Role.LIAISON, Role.ADMIN}),
    "declare_livestream": frozenset({Role.LIAISON, Role.ADMIN}),
    "moderate": frozenset({Role.EDITOR, Role.ADMIN}),
    "review": frozenset({Role.REVIEWER, Role.ADMIN}),
    "score": frozenset({Role.REVIEWER, Role.EXPERT, Role.ADMIN}),
    "adjust_points": frozenset({Role.ADMIN}),
    "publish": frozenset({Role.ADMIN}),
    "administer": frozenset({Role.ADMIN}),
    "manage_wechat": frozenset({Role.EDITOR, Role.ADMIN}),
    "manage_survey": frozenset({Role.EDITOR, Role.ADMIN}),
}


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or _has_unscoped(user, Role.ADMIN)))


def _has_unscoped(user, role: str) -> bool:
    """An admin-group member with no RoleAssignment for admin is a platform-wide admin."""
    if not user.has_role(role):
        return False
    return not _scoped_paths(user, role)


def _assignments(user) -> list[tuple[str, str]]:
    cache = getattr(user, "_scope_cache", None)
    if cache is None:
        cache = list(user.role_assignments.values_list("role", "unit__path"))
        user._scope_cache = cache
    return cache


def _scoped_paths(user, role: str) -> list[str]:
    return [path for r, path in _assignments(user) if r == role]


def roles_for(user, unit) -> set[str]:
    """The roles ``user`` holds that reach ``unit`` (an ``orgs.Unit``)."""
    if not user or not user.is_authenticated:
        return set()
    roles: set[str] = set()
    if is_admin(user):
        roles.add(Role.ADMIN)
    if unit.liaison_id == user.pk:
        roles.add(Role.LIAISON)
    if unit.leader_id == user.pk:
        roles.add(Role.LEADER)
    for role, path in _assignments(user):
        if path and unit.path.startswith(path) and user.has_role(role):
            roles.add(role)
    return roles


def can(user, action: str, obj=None) -> bool:
    """May ``user`` perform ``action`` on ``obj`` (a Unit, or anything with a ``unit`` attribute)?"""
    if action not in ACTION_ROLES:
        raise ValueError(f"unknown action {action!r}")
    if not user or not user.is_authenticated or not user.is_active:
        return False
    allowed = ACTION_ROLES[action]
    if obj is None:
        return (is_admin(user) and Role.ADMIN in allowed) or any(user.has_role(r) for r in allowed)
    unit = obj if is_unit(obj) else getattr(obj, "unit", None)
    if unit is None:
        return is_admin(user) and Role.ADMIN in allowed
    return bool(roles_for(user, unit) & allowed)


def scope_units(user, action: str):
    """Units on which ``user`` may perform ``action``: the queryset every list page filters by."""
    allowed = ACTION_ROLES[action]
    if not user or not user.is_authenticated:
        return units().none()
    if is_admin(user) and Role.ADMIN in allowed:
        return units()
    from django.db.models import Q

    q = Q(pk__in=[])
    if Role.LIAISON in allowed:
        q |= Q(liaison=user)
    if Role.LEADER in allowed:
        q |= Q(leader=user)
    for role, path in _assignments(user):
        if role in allowed and path and user.has_role(role):
            q |= Q(path__startswith=path)
    return units().filter(q)
