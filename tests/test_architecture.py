"""The layout holds: imports point one way between the apps, and no module grows past a readable size.

The layers, bottom to top: ``core`` <- ``stakeholders`` <- ``negotiations`` <- ``commitments`` <-
``risk`` <- ``transparency`` <- ``demo``. A module may import its own app and the apps below it.
An import of another app inside a function is refused too: it is how a cycle hides.
"""

from __future__ import annotations

import ast
import pathlib
from dataclasses import dataclass

import pytest

import ambassador

LAYERS = ("core", "stakeholders", "negotiations", "commitments", "risk", "transparency", "demo")
PACKAGE_ROOT = pathlib.Path(ambassador.__file__).parent
MAX_MODULE_LINES = 600


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. "ambassador.negotiations.admin"
    target: str  # the imported module, e.g. "ambassador.commitments.models"
    line: int
    in_function: bool


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(package + ([node.module] if node.module else []))
    if node.module is None or base == "ambassador":
        # "from . import services" and "from ambassador import core" name modules.
        return [f"{base}.{alias.name}" for alias in node.names]
    return [base]


def imports_of(source: str, module: str, is_package: bool = False) -> list[Import]:
    """Every import of an ``ambassador`` module in ``source``, and whether it sits inside a function."""
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                targets = _absolute(module, is_package, child)
            else:
                targets = []
            found.extend(
                Import(module, target, child.lineno, in_function)
                for target in targets
                if target == "ambassador" or target.startswith("ambassador.")
            )
            visit(child, nested)

    visit(ast.parse(source), False)
    return found


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def violations(found: list[Import]) -> list[str]:
    """What breaks the layering: an upward import, an unlayered app, or another app imported in a function."""
    problems = []
    for item in found:
        source, target = app_of(item.module), app_of(item.target)
        where = f"{item.module}:{item.line} imports {item.target}"
        if source == target:
            continue
        if source not in LAYERS or target not in LAYERS:
            problems.append(f"{where}: every module belongs to one of the layers {LAYERS}")
        elif LAYERS.index(target) > LAYERS.index(source):
            problems.append(f"{where}: {source} sits below {target} and may not import it")
        elif item.in_function:
            problems.append(f"{where}: inside a function; import another app at the top of the module")
    return problems


def project_modules() -> list[pathlib.Path]:
    return sorted(path for path in PACKAGE_ROOT.rglob("*.py") if "migrations" not in path.parts)


def all_imports() -> list[Import]:
    found = []
    for path in project_modules():
        found += imports_of(path.read_text(), _module_name(path), is_package=path.name == "__init__.py")
    return found


# --- the checker itself -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("ambassador.negotiations.admin", "from ambassador.commitments.models import Commitment", "sits below"),
        ("ambassador.core.jobs", "import ambassador.stakeholders.models", "sits below"),
        ("ambassador.stakeholders.models", "from ..risk import scoring", "sits below"),
        ("ambassador.commitments.services", "def f():\n    from ambassador.negotiations import models\n",
         "inside a function"),
        ("ambassador.stray", "from ambassador.core import jobs", "one of the layers"),
    ],
)
def test_the_checker_reports_a_wrong_import(module, source, expected):
    problems = violations(imports_of(source, module))

    assert len(problems) == 1
    assert expected in problems[0]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("ambassador.commitments.services", "from ambassador.negotiations.services import meeting_create"),
        ("ambassador.transparency.views", "from ambassador.risk.models import RiskAssessment"),
        ("ambassador.commitments.api.views", "from ..models import Commitment\nfrom . import serializers"),
        ("ambassador.negotiations.services", "def f():\n    from .models import Meeting\n"),
    ],
)
def test_the_checker_accepts_a_downward_or_own_import(module, source):
    assert violations(imports_of(source, module)) == []


def test_the_checker_sees_the_project():
    found = all_imports()

    assert len(found) > 100
    assert {app_of(item.module) for item in found} >= set(LAYERS) - {"demo"}


# --- the project --------------------------------------------------------------------------------------------------


def test_imports_point_down_the_layers_only():
    assert violations(all_imports()) == []


def test_core_imports_no_domain_app():
    core = [item for item in all_imports() if app_of(item.module) == "core"]

    assert [item for item in core if app_of(item.target) != "core"] == []


def test_no_module_outside_migrations_passes_six_hundred_lines():
    root = PACKAGE_ROOT.parent
    modules = [
        path for folder in ("ambassador", "config", "tests") for path in (root / folder).rglob("*.py")
        if "migrations" not in path.parts
    ]
    long = {
        str(path.relative_to(root)): lines
        for path in modules
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }

    assert len(modules) > 100

    assert long == {}


@pytest.mark.parametrize("app", ["stakeholders", "negotiations", "commitments", "risk"])
def test_every_domain_app_has_the_same_files(app):
    expected = ["models.py", "choices.py", "querysets.py", "services.py", "filtersets.py", "admin.py",
                "factories.py", "tasks.py", "api/serializers.py", "api/views.py"]

    missing = [name for name in expected if not (PACKAGE_ROOT / app / name).exists()]

    assert missing == []
