"""The README's Layout map is the code's: every module listed, imports one way, no circles.

The map (README.md, section Layout, the lines under `src/copyrightable/`) lists
the layers from the top (the command line) to the bottom (files and errors).
A layer's line is `  NAME ── what it holds`, then `    imports A, B` (or
`imports nothing`), then one line per module, `    PATH  first docstring line`.
Each module may import modules of its own layer and of the layers listed below
it, never above; the package's face (`__init__.py`, `__main__.py`) stands
outside the layers. The checks read the imports with `ast`, so they hold for
the flat layout and for subpackages alike (a layer written `NAME/` is a folder,
and its `__init__.py` is the layer's own line).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "copyrightable"
SRC = REPO / "src" / PACKAGE
ROOT_FILES = ("__init__.py", "__main__.py")

HEADER = re.compile(r"^  (?P<name>[a-z_]+)(?P<folder>/?) ── (?P<about>\S.*)$")
IMPORTS = re.compile(r"^    imports (?P<layers>.+)$")
MODULE = re.compile(r"^    (?P<path>[\w/]+\.py)(?:\s+\S.*)?$")
ROOT = re.compile(r"^  (?P<path>[\w]+\.py)(?:\s+\S.*)?$")


@dataclass
class LayoutMap:
    root: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)
    folders: set[str] = field(default_factory=set)  # layers written NAME/
    layer_of: dict[str, str] = field(default_factory=dict)  # module path -> layer
    imports: dict[str, set[str]] = field(default_factory=dict)  # layer -> layers it says it imports


def _map_lines() -> list[tuple[int, str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    section = text.index("## Layout")
    start = text.index(f"src/{PACKAGE}/", section) + 1
    found = []
    for number, line in enumerate(text[start:], start + 1):
        if not line.startswith("  "):
            break
        found.append((number, line))
    assert found, f"README.md: no module lines under src/{PACKAGE}/ in the Layout section"
    return found


def _layout_map() -> LayoutMap:
    layout = LayoutMap()
    layer: str | None = None
    for number, line in _map_lines():
        where = f"README.md:{number}"
        if header := HEADER.match(line):
            layer = header["name"]
            assert layer not in layout.layers, f"{where}: layer {layer!r} listed twice"
            layout.layers.append(layer)
            if header["folder"]:
                layout.folders.add(layer)
        elif (imports := IMPORTS.match(line)) and layer is not None:
            words = [] if imports["layers"] == "nothing" else imports["layers"].split(",")
            layout.imports[layer] = {word.strip().rstrip("/") for word in words}
        elif (module := MODULE.match(line)) and layer is not None:
            path = module["path"]
            assert path not in layout.layer_of, f"{where}: {path} listed twice"
            layout.layer_of[path] = layer
        elif (root := ROOT.match(line)) and layer is None:
            layout.root.append(root["path"])
        else:
            raise AssertionError(
                f"{where}: {line.strip()!r} is not a layer, imports or module line; "
                "expected `  NAME ── what it holds`, `    imports A, B` or `    PATH  what it is`"
            )
    return layout


def _modules() -> list[str]:
    return sorted(
        p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") if "__pycache__" not in p.parts
    )


def _dotted(rel: str) -> str:
    parts = rel.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _imports() -> dict[str, set[str]]:
    """Each module (path under src/copyrightable) -> the package's modules it imports."""
    modules = _modules()
    by_name = {_dotted(rel): rel for rel in modules}
    found: dict[str, set[str]] = {}
    for rel in modules:
        here = _dotted(rel).split(".")
        package = here if rel.endswith("__init__.py") else here[:-1]
        targets: set[str] = set()
        for node in ast.walk(ast.parse((SRC / rel).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    name = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    name = node.module or ""
                for alias in node.names:
                    if f"{name}.{alias.name}" in by_name:
                        targets.add(by_name[f"{name}.{alias.name}"])
                    elif name in by_name:
                        targets.add(by_name[name])
            elif isinstance(node, ast.Import):
                targets |= {by_name[a.name] for a in node.names if a.name in by_name}
        targets.discard(rel)
        found[rel] = targets
    return found


def _layer(layout: LayoutMap, rel: str) -> str | None:
    """A module's layer; None for the package's face."""
    if rel in layout.root:
        return None
    if rel in layout.layer_of:
        return layout.layer_of[rel]
    folder = rel.split("/")[0]
    if rel == f"{folder}/__init__.py" and folder in layout.folders:
        return folder
    raise AssertionError(f"src/{PACKAGE}/{rel} is not in the README's Layout map")


def test_the_map_lists_every_module_and_no_other() -> None:
    layout = _layout_map()
    listed = set(layout.root) | set(layout.layer_of)
    listed |= {f"{folder}/__init__.py" for folder in layout.folders}
    on_disk = set(_modules())
    assert sorted(on_disk - listed) == [], "modules missing from the README's Layout map"
    assert sorted(listed - on_disk) == [], "paths in the README's Layout map that do not exist"


def test_a_layer_folder_holds_its_own_modules() -> None:
    layout = _layout_map()
    wrong = [
        f"{rel} (layer {layer})"
        for rel, layer in layout.layer_of.items()
        if layer in layout.folders and not rel.startswith(f"{layer}/")
    ]
    assert wrong == [], "modules listed under a layer folder they are not in"


def test_no_modules_import_each_other_in_a_circle() -> None:
    graph = _imports()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert circles == [], f"modules that import each other in a circle: {circles}"


def test_imports_run_from_a_layer_to_itself_or_to_a_layer_below() -> None:
    layout = _layout_map()
    order = {name: position for position, name in enumerate(layout.layers)}
    upward = []
    for rel, targets in sorted(_imports().items()):
        mine = _layer(layout, rel)
        for target in sorted(targets):
            theirs = _layer(layout, target)
            if mine is not None and theirs is not None and order[theirs] < order[mine]:
                upward.append(f"{rel} ({mine}) imports {target} ({theirs}), a layer above it")
    assert upward == [], "imports that run up the layers: move the code, or the module"


def test_each_layer_names_the_layers_it_imports() -> None:
    layout = _layout_map()
    actual: dict[str, set[str]] = {name: set() for name in layout.layers}
    for rel, targets in _imports().items():
        mine = _layer(layout, rel)
        for target in targets:
            theirs = _layer(layout, target)
            if mine is not None and theirs is not None and theirs != mine:
                actual[mine].add(theirs)
    stated = {name: layout.imports.get(name) for name in layout.layers}
    differ = {
        name: {"README says": sorted(stated[name] or ()), "the code": sorted(actual[name])}
        for name in layout.layers
        if stated[name] != actual[name]
    }
    assert differ == {}, "layers whose `imports` line in the README differs from their imports"
