"""What reading commands need: the catalogue and the views built on it.

`catalogue` is a plain-data snapshot of every valid record (cached), and
`queries`, `network`, `overview`, `report`, `similar`/`likeness` and `filelog`
compute what list, show, search, report and log display. Returns data;
never prints. May import `check`, `store` and `model` (not `change`).
"""
