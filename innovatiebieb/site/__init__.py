"""`bieb site build`: the registry as a static website (Dutch, for library staff)."""
