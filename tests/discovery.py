"""The public data_layer functions that take an actor: what the permissions matrix covers and what the
pages and the command line must reach."""

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import data_layer


def public_functions_taking_an_actor() -> dict[Callable, str]:
    """Every public function defined in a module of ``data_layer`` with a parameter named ``actor``."""
    found: dict[Callable, str] = {}
    for info in pkgutil.walk_packages(data_layer.__path__, "data_layer."):
        if info.name.startswith("data_layer.migrations") or info.name.endswith(".__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isfunction(value)
                and value.__module__ == module.__name__
                and not name.startswith("_")
                and "actor" in inspect.signature(value).parameters
            ):
                found[value] = f"{module.__name__}.{name}"
    return found
