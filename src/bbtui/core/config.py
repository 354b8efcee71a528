"""The user's settings: `config.toml` in the platform's config folder.

    theme = "nord"                # a theme name, as in the palette's Change theme
    citation_style = "apa"        # read by the citation code, when it knows styles
    [keymap]                      # binding id -> keys (see `bbtui keys`)
    "app.quit" = "ctrl+x"
    "search" = "slash,s"

`BBTUI_CONFIG` names another file. A missing file means the defaults. A file
that cannot be read or is not TOML, a value of the wrong type, an unknown
binding id or a key another binding already answers to each give one line in
`Config.problems` and the default for what they concern; never an exception.

The explorer saves the theme chosen in its palette with `save_theme`, which
edits only the top-level `theme = ...` line (or adds one at the top), so every
other setting and comment the user wrote is kept; a file that is not valid
TOML is never rewritten.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bbtui.core.atomic import write_atomic
from bbtui.core.textsafe import visible_line

if TYPE_CHECKING:
    import tomllib

KNOWN = ("theme", "citation_style", "keymap")


def config_path() -> Path:
    """Where the settings live: `BBTUI_CONFIG`, else the platform's config folder."""
    override = os.environ.get("BBTUI_CONFIG")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_config_path("bbtui") / "config.toml"


@dataclass
class Config:
    theme: str | None = None
    citation_style: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_config(path: Path | None = None) -> Config:
    """The settings at `path` (default: `config_path()`); problems are reported, not raised."""
    path = config_path() if path is None else path
    config = Config()
    where = visible_line(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as exc:
        config.problems.append(
            f"{where}: cannot read the settings ({_reason(exc)}); using defaults"
        )
        return config
    import tomllib  # here: without a settings file (the usual case) start-up skips it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        config.problems.append(f"{where}{_toml_message(exc)}; using defaults")
        return config
    for key in data:
        if key not in KNOWN:
            config.problems.append(
                f"{where}: unknown setting {visible_line(repr(key))} (known: {', '.join(KNOWN)})"
            )
    for name in ("theme", "citation_style"):
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, str) and value.strip():
            setattr(config, name, value.strip())
        else:
            config.problems.append(f"{where}: '{name}' must be a name in quotes; using the default")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        config.problems.append(f'{where}: [keymap] must be a table of binding id = "keys"')
        keymap = {}
    for binding_id, keys in keymap.items():
        if isinstance(keys, str) and _split(keys):
            config.keymap[binding_id] = ",".join(_split(keys))
        else:
            config.problems.append(
                f"{where}: keymap {visible_line(repr(binding_id))} must be keys in quotes, "
                'such as "ctrl+x" or "j,down"; keeping its default'
            )
    return config


def check_keymap(
    keymap: Mapping[str, str], scopes: Iterable[Mapping[str, str]], where: str
) -> tuple[dict[str, str], list[str]]:
    """The keymap entries that can be applied, and one line per entry that cannot.

    `scopes`: each a group of bindings active together (binding id -> default
    keys). An entry is refused when its id is in no scope, or when one of its
    keys is answered by another binding of a scope it shares (Textual would
    silently take the key from that binding).
    """
    scopes = [dict(scope) for scope in scopes]
    known = {binding_id for scope in scopes for binding_id in scope}
    accepted: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            problems.append(
                f"{where}: keymap: unknown binding id {visible_line(repr(binding_id))} "
                "(bbtui keys lists them); ignored"
            )
            continue
        clash = _clash(binding_id, _split(keys), scopes, accepted)
        if clash is not None:
            key, other = clash
            problems.append(
                f"{where}: keymap: {visible_line(repr(key))} for {binding_id!r} is already "
                f"{other!r}'s key; keeping {binding_id!r}'s default"
            )
            continue
        accepted[binding_id] = ",".join(_split(keys))
    return accepted, problems


def _clash(
    binding_id: str,
    keys: list[str],
    scopes: list[Mapping[str, str]],
    accepted: Mapping[str, str],
) -> tuple[str, str] | None:
    for scope in scopes:
        if binding_id not in scope:
            continue
        own = set(_split(scope[binding_id]))
        for other, default in scope.items():
            if other == binding_id:
                continue
            # Another binding answers to its remapped keys if remapped, else its defaults.
            theirs = set(_split(accepted.get(other, default)))
            for key in keys:
                # Keys it shared by default (help's q and quit's q) are no new clash.
                if key in theirs and key not in own:
                    return key, other
    return None


def save_theme(theme: str, path: Path | None = None) -> str | None:
    """Record `theme` in the settings file; None when saved, else why not (one line).

    Only the top-level `theme` line changes: everything else in the file stays.
    """
    path = config_path() if path is None else path
    line = f"theme = {json.dumps(theme)}"  # a JSON string is a TOML basic string
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = None
    except (OSError, UnicodeDecodeError) as exc:
        return f"{visible_line(str(path))}: theme not saved ({_reason(exc)})"
    if text is None:
        new = line + "\n"
    else:
        import tomllib

        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return f"{visible_line(str(path))}: theme not saved: the file is not valid TOML"
        new = _with_theme_line(text, line)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, new, force=True)
    except OSError as exc:
        return f"{visible_line(str(path))}: theme not saved ({_reason(exc)})"
    return None


_TOP_THEME = re.compile(r'^[ \t]*(?:theme|"theme"|\'theme\')[ \t]*=.*$', re.MULTILINE)
_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _with_theme_line(text: str, line: str) -> str:
    table = _TABLE.search(text)
    top_end = table.start() if table else len(text)
    match = _TOP_THEME.search(text, 0, top_end)
    if match is not None:
        return text[: match.start()] + line + text[match.end() :]
    return line + "\n" + text


def _split(keys: str) -> list[str]:
    return [key.strip() for key in keys.split(",") if key.strip()]


def _toml_message(exc: tomllib.TOMLDecodeError) -> str:
    # tomllib says "Expected '=' ... (at line 3, column 7)": put the place first, as everywhere.
    message = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    if found:
        message = message[: found.start()].rstrip()
        return f":{found.group(1)}:{found.group(2)}: not valid TOML: {visible_line(message)}"
    return f": not valid TOML: {visible_line(message)}"


def _reason(exc: BaseException) -> str:
    return visible_line(getattr(exc, "strerror", None) or type(exc).__name__)
