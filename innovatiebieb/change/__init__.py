"""What mutating commands do: build or edit a record, validate it, write it, commit it.

`records` (add, set, edit), `ideas` and `decisions` (the phase decisions and
triage) produce new file text; `changes.apply` validates it, writes it
atomically under a lock and commits only the paths it wrote. `init` makes a new
registry from `templates/`. `intake` and `choices` are the rules of an intake
as data (its questions, the registry's choices, the check of one answer); the
asking is cli's. Returns results as data; never prints.
May import `check`, `store` and `model` (not `read`).
"""
