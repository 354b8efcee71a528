"""`bbtui serve`: the explorer in a browser, one app process per tab (textual-serve).

Neither core nor ui: this layer runs the explorer as a subprocess
(`python -m bbtui PATH`) and never imports Textual or the UI itself.
"""
