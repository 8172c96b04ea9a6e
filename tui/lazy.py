"""Package names imported on first use (PEP 562).

A package ``__init__`` that imported all its modules made every command pay for all of them:
``natproj-tui figures`` loaded the corpus index, the store and TinyDB, a third of its start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_names(package: str, modules: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports ``name`` from
    ``package.modules[name]`` when it is first asked for, and keeps it."""
    clash = set(modules) & set(modules.values())
    if clash:  # once the module is imported, the package attribute is the module, not the name
        raise ValueError(f"{package}: a name is also a module's name: {', '.join(sorted(clash))}")
    namespace = import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return __getattr__


def lazy_function(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported at its first call: a subcommand's run function, so that building
    the parser does not import what only that command needs."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(import_module(module), name)(*args, **kwargs)

    call.__qualname__ = call.__name__ = name
    return call
