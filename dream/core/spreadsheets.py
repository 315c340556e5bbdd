"""Text cells that a spreadsheet program would run as a formula (CSV or formula injection).

Every download of text from the documents or from people's input (page tables as CSV and
Excel, the data package) passes its cells through `formula_safe`, as OWASP advises:
https://owasp.org/www-community/attacks/CSV_Injection
"""

import re

# Excel, LibreOffice and Google Sheets start a formula at these characters.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A signed number as documents print it ("-3.5", "- 1.1", "+1,234", "-5%") or a lone sign
# ("-" for none) cannot hold a formula, so it stays as printed.
_PLAIN_NUMBER = re.compile(r"[+-] *[\d,]*\.?\d*%?")


def formula_safe(value):
    """`value` with a `'` in front when it is text that starts like a formula; numbers,
    dates and every other value unchanged, so numeric cells stay numeric.

    Text that already starts with `'`s and then a trigger gets one more, so that a reader
    who removes the first `'` of such text always gets the original back.
    """
    if not isinstance(value, str):
        return value
    rest = value.lstrip("'")
    if rest.startswith(FORMULA_TRIGGERS) and (rest != value or not _PLAIN_NUMBER.fullmatch(value)):
        return "'" + value
    return value


# Control characters an Excel file cannot hold at all (openpyxl refuses them).
_NOT_IN_EXCEL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def excel_safe(value):
    """`formula_safe(value)`, with each control character an Excel file cannot hold shown
    as "\ufffd": the download still opens, and the stored text is unchanged."""
    return excel_storable(formula_safe(value))


def excel_storable(value):
    """`value` with each control character an Excel file cannot hold shown as "\ufffd",
    and nothing else changed: for files read back (the drafts' template), whose formula-like
    text is kept as a text cell rather than prefixed."""
    if isinstance(value, str):
        return _NOT_IN_EXCEL.sub("\ufffd", value)
    return value
