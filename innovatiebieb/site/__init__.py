"""`bieb site build`: the registry as a static website (Dutch, for library staff).

`build` writes the pages that `pages` and `catalogus` (the catalogue, in pages)
make from the read layer's views, with the project cards of `cards`, escaping
every value through `html` and drawing the funnel with `charts`; `searchindex`
runs Pagefind over the project pages for the catalogue's search. Returns what
it wrote as data; never prints. May import `show`, `read`, `check`, `store` and
`model`, never `cli`.
"""
