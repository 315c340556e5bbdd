"""Control characters in people's text: no form, API field or import needs one.

They are invisible on screen, PostgreSQL cannot store NUL, and an Excel file cannot hold
most of them (openpyxl refuses the whole workbook), so a text holding one would break the
downloads of everything it is in. Tab, line feed and carriage return are ordinary in typed
text; a one-line field turns them into spaces.
"""

import re

# C0 controls other than tab, line feed and carriage return, and DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_character(text: str) -> bool:
    """Whether `text` holds a character that no typed text needs (see the module)."""
    return CONTROL_CHARACTERS.search(text) is not None
