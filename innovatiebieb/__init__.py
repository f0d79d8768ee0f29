"""bieb: the registry of innovations of the Dutch public library network."""

__version__ = "0.1.0"
