"""The `bieb` command: Typer apps, one module per noun, and the one exit point (`main`).

Each command parses its options, makes one call into the layers below and
hands the result to `show`. The top layer: it may import every other
sub-package, and none of them may import it.
"""
