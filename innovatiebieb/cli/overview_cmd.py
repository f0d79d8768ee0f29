from __future__ import annotations

from innovatiebieb.cli.options import RegistryOption


def overview(registry: RegistryOption = None) -> None:
    """The network at a glance: projects per phase, themagroep and region,
    the fieldlabs and the regiogidsen.

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
