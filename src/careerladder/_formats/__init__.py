"""
The formats layer: reading and writing ladders, one module per format.

``_text`` turns a file into text within the limits; ``_yaml``, ``_json``,
``_toml``, ``_sheet`` (CSV and XLSX matrices) and ``_case`` (CASE 1.1) turn
text into plain data with the position of each value; ``_document`` builds the
checked `Ladder` from plain data for all of them; ``_files`` holds the one
table from suffix to format and the functions that go through it.
"""
