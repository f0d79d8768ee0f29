"""The only place that prints: text tables, JSON, CSV, YAML, Markdown, GitHub annotations, JUnit.

Each renderer takes the data a core function returned and writes it to a
stream. rich is imported here and in `cli` only. May import every core layer
below it (read, change, check, store, model), never `cli` or `site`.
"""
