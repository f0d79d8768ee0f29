"""The output formats commands offer, apart from the renderers (which load rich):
the command line names them without paying for the printing."""

from enum import StrEnum


class ListFormat(StrEnum):
    """For lists of records: one row each."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    YAML = "yaml"
    MARKDOWN = "markdown"


class ShowFormat(StrEnum):
    """For one record or a report: for people, or every field for machines."""

    TEXT = "text"
    JSON = "json"


class ReportFormat(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
