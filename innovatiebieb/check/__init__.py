"""Validation: one record against its model, the rules between records, the rules of a change.

`registry` loads a whole registry with its problems, `validate` adds the rules
between records, `changerules` the rules only a change against a git base can
break (`bieb validate --base`); both pin their `findings` to a line. Returns
Problems; never prints.
May import `store` and `model`.
"""
