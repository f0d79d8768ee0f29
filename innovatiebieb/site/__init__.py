"""`bieb site build`: the registry as a static website (Dutch, for library staff).

`build` writes the pages that `pages` makes from the read layer's views,
escaping every value through `html` and drawing the funnel with `charts`.
Returns what it wrote as data; never prints. May import `show`, `read`,
`check`, `store` and `model`, never `cli`.
"""
