"""
The layers of the package: each module imports only from the layers below it.

Every import counts, those inside functions included; only imports under
``if TYPE_CHECKING:`` are exempt, and the one-line delegates of the value
classes (``ladder.plot()``, ``readiness.to_markdown()``), whose whole body is
one import of the upper layer and one call.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "careerladder"

#: Each private module's layer; a module may import from its own layer and below.
LAYERS = {
    "_problems": 0,
    "_model": 0,
    "_limits": 0,
    "_check": 1,
    "_ladder": 1,
    "_formats": 2,
    "presets": 2,
    "_assessment": 3,
    "_assessment_files": 3,
    "_readiness": 3,
    "_diff": 3,
    "_titles": 3,
    "_mapping": 3,
    "testing": 3,
    "_display": 4,
    "_plot": 4,
    "_cli": 5,
    "__main__": 5,
    "__init__": 6,
}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts)


def _layer(module: str) -> int:
    return LAYERS[module.split(".", maxsplit=1)[0]]


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> list[str]:
    """The package modules an import names, as dotted names inside the package."""
    if node.level == 0:
        if not (node.module or "").startswith("careerladder"):
            return []
        base = (node.module or "").removeprefix("careerladder").lstrip(".")
    else:
        here = module.split(".")
        parent = here if is_package else here[:-1]
        parent = parent[: len(parent) - (node.level - 1)]
        base = ".".join([*parent, node.module] if node.module else parent)
    if base:
        return [base]
    return [alias.name for alias in node.names]  # `from . import presets`


def _is_delegate(function: ast.FunctionDef) -> bool:
    body = [s for s in function.body if not isinstance(s, ast.Expr | ast.Pass)]
    return (
        len(body) == 2 and isinstance(body[0], ast.ImportFrom) and isinstance(body[1], ast.Return)
    )


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, whether it is in a delegate) of every import that counts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = _module(path)
    is_package = path.name == "__init__.py"
    exempt: set[int] = set()
    delegates: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            exempt |= {id(n) for n in ast.walk(node)}
        if isinstance(node, ast.FunctionDef) and _is_delegate(node):
            delegates |= {id(n) for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and id(node) not in exempt:
            found += [
                (name, node.lineno, id(node) in delegates)
                for name in _resolve(module, node, is_package)
            ]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_from_its_layer_and_below(path: Path) -> None:
    module = _module(path).removesuffix(".__init__")
    upward = [
        f"{module}:{line} imports {name}"
        for name, line, delegate in _imports(path)
        if _layer(name) > _layer(module) and not delegate
    ]
    assert upward == []


def test_no_import_loops_even_through_delegates() -> None:
    # Every import counts here, a delegate's included: a delegate imports the
    # layer above, which must not import its way back round.
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        module = _module(path).removesuffix(".__init__")
        graph[module] = {name for name, _, _ in _imports(path)} - {module, ""}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError on a loop


def test_every_module_has_a_layer() -> None:
    assert {_module(p).split(".")[0] for p in MODULES} <= set(LAYERS)
