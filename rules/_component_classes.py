"""Which classes of a file are Pulumi component resources, and how the file names the SDK.

A class is a component when its ``extends`` resolves to ``ComponentResource`` of
``@pulumi/pulumi`` (``pulumi.ComponentResource`` under any alias, a named import of
``ComponentResource``, ``const pulumi = require('@pulumi/pulumi')``), or to another class of the
same file that is a component.
"""

from __future__ import annotations

from pulumi_lint.model import ClassInfo, Construction, Program
from pulumi_lint.model_builder import import_prefixes, resolve_name

PULUMI_SDK = "@pulumi/pulumi"
COMPONENT_BASES = frozenset({"pulumi.ComponentResource", "pulumi.resource.ComponentResource"})


def component_classes(program: Program) -> dict[str, ClassInfo]:
    """The component classes of the file by name, including subclasses of other components here."""
    found: dict[str, ClassInfo] = {}
    pending = [cls for cls in program.classes if cls.name and cls.extends]
    changed = True
    while changed:
        changed = False
        for cls in list(pending):
            assert cls.extends is not None
            resolved = resolve_name(program, cls.extends)
            is_component = False
            if resolved is not None and resolved[0] == PULUMI_SDK:
                is_component = resolved[1] in COMPONENT_BASES
            elif cls.extends in found:
                is_component = True
            if is_component:
                found[cls.name] = cls
                pending.remove(cls)
                changed = True
    return found


def constructs_component(construction: Construction, components: dict[str, ClassInfo]) -> bool:
    """``new Child(...)`` of a component class declared in this file."""
    return construction.resource_type is None and construction.value.name in components


def pulumi_namespace(program: Program) -> str | None:
    """The local name under which the whole ``@pulumi/pulumi`` module is bound, if any."""
    for imp in program.imports:
        if imp.module != PULUMI_SDK:
            continue
        for binding in imp.bindings:
            if binding.imported in ("*", "default"):
                return binding.local
    for name, (package, path) in import_prefixes(program).items():
        if package == PULUMI_SDK and path == "pulumi":
            return name
    return None
