"""The store: the registry's files and the repository that holds them.

`yamlio` is the only module that imports ruamel.yaml (the fast read path and
the round-trip edits), `gitstore` the only one that imports git. Around them:
finding the registry (`location`), reading records into models (`loader`,
`bulkread`), the per-user parse cache, and running work in a forked child.
May import `model` only.
"""
