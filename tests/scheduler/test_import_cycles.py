"""scheduler/ has no import cycle (prepare.py and rules.py had one: eligibility now lives in
rules.py and the prepared types in prepared.py), counting imports inside functions too."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "scheduler"


def _graph() -> dict[str, set[str]]:
    trees = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        trees[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = ast.parse(
            path.read_text())
    graph = {}
    for name, tree in trees.items():
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                subs = {f"{node.module}.{a.name}" for a in node.names} & trees.keys()
                deps |= subs or {node.module}  # `from scheduler import linear` is the submodule
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names}
        graph[name] = {d for d in deps if d in trees and d != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state, stack = {}, []

    def visit(m: str) -> list[str]:
        state[m] = "open"
        stack.append(m)
        for d in sorted(graph[m]):
            if state.get(d) == "open":
                return stack[stack.index(d):] + [d]
            if d not in state and (found := visit(d)):
                return found
        state[m] = "done"
        stack.pop()
        return []

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return []


def test_no_module_of_scheduler_imports_itself_back():
    graph = _graph()
    assert "scheduler.rules" in graph and "scheduler.prepare" in graph
    assert _cycle(graph) == []
