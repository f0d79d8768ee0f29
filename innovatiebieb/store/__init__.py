"""The store: the registry's files and the repository that holds them.

`yamlio` is the only module that imports ruamel.yaml (the exact read path and
the round-trip edits), `fastyaml` the only one that imports rapidyaml (the
fast read of many files, where it equals the exact one), `gitstore` the only
one that imports git. `yamlrules` holds what both readers read scalars as.
Around them:
finding the registry (`location`), reading records into models (`loader`,
`bulkread`), the per-user parse cache, and running work in a forked child.
May import `model` only.
"""
