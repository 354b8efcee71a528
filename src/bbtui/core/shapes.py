"""What an id, a country code and a web address look like: one rule for the validator
(`field_readers`) and for rows read back from a store (`store.check`).

A module of its own so that reading a store (every warm start) does not
import the YAML validator's readers.
"""

from __future__ import annotations

import re

ID_SHAPE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
COUNTRY_CODE_SHAPE = re.compile(r"[A-Z]{2}\Z")
# A web address, or a local file's `file:///` URL (an imported timeline cites
# the file it was read from).
URL_SHAPE = re.compile(r"(?:https?://[^\s/?#]+|file:///)\S*\Z", re.ASCII)
