"""The layering rules, checked on the import graph read from the source files.

Every ``import`` and ``from ... import`` counts, wherever it stands (inside a function, under
``TYPE_CHECKING``), and so do ``import_module("wenming....")`` and ``apps.get_model("<app>", ...)``
with a literal name. Apps are found on disk (every package of ``wenming`` with an ``apps.py``), so
an app added tomorrow is held to the same rules. Tests may import any app: they are left out of
the graph, as are migrations.
"""

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import wenming

PACKAGE = Path(wenming.__file__).resolve().parent
REPO = PACKAGE.parent
# Where the project's own Python lives (the virtualenv and build output are not the project's).
SOURCE_DIRS = [PACKAGE, REPO / "bench", REPO / "scripts"]
MAX_LINES = 700
# The lower of the pair; the upper one may use only these modules of it.
LOWER, UPPER = "orgs", "people"
LOWER_API = ("queries", "actions")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # what it imports, dotted (a module, or a module's attribute)
    line: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}"


@cache
def project_apps() -> frozenset[str]:
    return frozenset(path.parent.name for path in PACKAGE.glob("*/apps.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _skipped(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return "migrations" in parts or "tests" in parts


def app_sources():
    """(app, module name, path) of every non-test, non-migration module of the apps."""
    apps = project_apps()
    for path in sorted(PACKAGE.rglob("*.py")):
        app = path.relative_to(PACKAGE).parts[0]
        if app in apps and not _skipped(path):
            yield app, module_name(path), path


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from`` import names (``from ..models import X`` in honors.actions.votes
    is ``wenming.honors.models``)."""
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _literal(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def imports_of(module: str, path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node)
            found += [Import(module, f"{base}.{alias.name}", node.lineno) for alias in node.names]
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            value = _literal(node)
            if value and name in {"import_module", "__import__"}:
                found.append(Import(module, value, node.lineno))
            elif value and name == "get_model":
                # apps.get_model("points", "CalendarOverride") or get_model("points.CalendarOverride")
                found.append(Import(module, f"wenming.{value.split('.')[0]}", node.lineno))
    return found


def app_of(target: str) -> str | None:
    parts = target.split(".")
    if parts[0] == "wenming" and len(parts) > 1 and parts[1] in project_apps():
        return parts[1]
    return None


def graph() -> list[tuple[str, Import]]:
    """(importing app, import) for every import of another project app."""
    edges = []
    for app, module, path in app_sources():
        for imp in imports_of(module, path):
            target = app_of(imp.target)
            if target is not None and target != app:
                edges.append((app, imp))
    return edges


SAMPLE = """
from typing import TYPE_CHECKING

from django.apps import apps

from ..models import Vote
from . import base
from wenming.orgs import queries

if TYPE_CHECKING:
    from wenming.people.models import User


def later():
    from wenming.assessment.actions import record_fraud_finding
    import wenming.points.engine
    import_module("wenming.media.receivers")
    return apps.get_model("wechat", "KeywordReply")
"""


def test_the_reader_sees_every_kind_of_import(tmp_path):
    path = tmp_path / "votes.py"
    path.write_text(SAMPLE, encoding="utf-8")
    targets = sorted(imp.target for imp in imports_of("wenming.honors.actions.votes", path))
    assert targets == sorted([
        "typing.TYPE_CHECKING",
        "django.apps.apps",
        "wenming.honors.models.Vote",
        "wenming.honors.actions.base",
        "wenming.orgs.queries",
        "wenming.people.models.User",
        "wenming.assessment.actions.record_fraud_finding",
        "wenming.points.engine",
        "wenming.media.receivers",
        "wenming.wechat",
    ])
    assert sorted(filter(None, map(app_of, targets))) == [
        "assessment", "honors", "honors", "media", "orgs", "people", "points", "wechat"
    ]
    package = tmp_path / "__init__.py"
    package.write_text("from .votes import cast_vote\nfrom .. import queries\n", encoding="utf-8")
    assert [imp.target for imp in imports_of("wenming.honors.actions", package)] == [
        "wenming.honors.actions.votes.cast_vote",
        "wenming.honors.queries",
    ]


def test_core_imports_no_app():
    offenders = [str(imp) for app, imp in graph() if app == "core"]
    assert offenders == [], "core must not import the apps built on it:\n" + "\n".join(offenders)


def test_orgs_and_people_import_each_other_in_one_direction_only():
    edges = graph()
    downward = [imp for app, imp in edges if app == UPPER and app_of(imp.target) == LOWER]
    upward = [str(imp) for app, imp in edges if app == LOWER and app_of(imp.target) == UPPER]
    assert upward == [], f"{LOWER} is below {UPPER} and must not import it:\n" + "\n".join(upward)
    allowed = [f"wenming.{LOWER}.{name}" for name in LOWER_API]
    around = [str(imp) for imp in downward if not any(imp.target == a or imp.target.startswith(a + ".") for a in allowed)]
    assert around == [], f"{UPPER} uses {LOWER} through {', '.join(allowed)} only:\n" + "\n".join(around)


def test_no_module_over_700_lines():
    offenders = []
    for directory in SOURCE_DIRS:
        for path in sorted(directory.rglob("*.py")) if directory.is_dir() else ():
            if "migrations" in path.parts:
                continue
            with path.open(encoding="utf-8") as handle:
                lines = sum(1 for _line in handle)
            if lines > MAX_LINES:
                offenders.append(f"{path.relative_to(REPO)}: {lines} lines")
    assert offenders == [], f"split these into a package by sub-domain (at most {MAX_LINES} lines each):\n" + "\n".join(
        offenders
    )
