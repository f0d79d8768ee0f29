"""The characters no registry text may hold, for every layer that checks text.

C0 and C1 controls (but tab and line breaks), zero-width and bidirectional
controls, and a BOM inside the text: invisible in an editor and in review,
and on a terminal an ESC starts a command. And the noncharacters U+FFFE and
U+FFFF, which YAML forbids: the C parser refuses a file holding one.
"""

INVISIBLE = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064"
             "\u2066-\u2069\ufeff\ufffe\uffff")
