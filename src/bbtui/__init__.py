"""bbtui: a terminal explorer for a source-cited dataset on BlackBerry and government access.

Importing the package imports nothing heavy: `bbtui validate`, `search` and
`export` never load Textual.
"""

__version__ = "0.1.0"
