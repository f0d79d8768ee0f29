from __future__ import annotations

from innovatiebieb.cli.options import RegistryOption


def overview(registry: RegistryOption = None) -> None:
    """The network today on one screen: projects per phase, themagroep and region.

    Also the fieldlabs and the regiogidsen. For the funnel, the triage, the
    budgets, the lessons and a year's targets, see 'bieb report'.

    Example:

        \b
        $ bieb overview --registry registry/
    """
    from innovatiebieb.check.registry import load_registry
    from innovatiebieb.read.overview import network_overview
    from innovatiebieb.show import render
    from innovatiebieb.store.location import find_registry

    loaded, _problems = load_registry(find_registry(registry))
    render.overview(network_overview(loaded))
