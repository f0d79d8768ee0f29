"""The model: what a record is, before any file or command.

Pydantic models of every record kind, the vocabulary (phases, statuses,
decisions, themagroepen), the phases and gates as pure functions, Problems
and the BiebError family, and the JSON Schemas generated from the models.
Imports nothing of bieb outside this package; never prints, never reads a file.
"""
