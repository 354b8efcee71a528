"""Copying that reaches a clipboard, or says it did not.

`routes` (no Textual) knows every way out of a terminal to a clipboard and
runs the program for each; `copier` runs them in a worker and tells the
reader what happened; `dialog` is the fallback when nothing confirmed it.
"""
