"""`bbtui keys`: every key binding's id, its keys and what it does.

The ids are what a `[keymap]` table in the settings file (see
`bbtui.core.config`) remaps; the keys shown are the ones in force, the
settings file's keymap applied.
"""

from __future__ import annotations

import argparse
import sys

from bbtui.cli import exit_codes
from bbtui.core.config import config_path, load_config
from bbtui.core.textsafe import visible_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        f"Remap a key in the [keymap] table of {visible_line(str(config_path()))}\n"
        '(BBTUI_CONFIG names another file), e.g.  "app.quit" = "ctrl+x"\n\n' + (parser.epilog or "")
    )


def run(args: argparse.Namespace) -> int:
    from bbtui.ui.keys import keys_table, usable_keymap

    config = load_config()
    keymap, problems = usable_keymap(config.keymap, visible_line(str(config_path())))
    for problem in [*config.problems, *problems]:
        print(problem, file=sys.stderr)
    rows = [(visible_line(i), visible_line(k), visible_line(w)) for i, k, w in keys_table(keymap)]
    id_width = max(len(row[0]) for row in rows)
    keys_width = max(len(row[1]) for row in rows)
    for binding_id, keys, what in rows:
        print(f"{binding_id:<{id_width}}  {keys:<{keys_width}}  {what}".rstrip())
    return exit_codes.OK
