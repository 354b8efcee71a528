"""The dataset store: an SQLite file per dataset, read a few rows at a time.

`open_dataset` is the one way the explorer and every command open a dataset;
see `opening` for how a store is trusted (it is not), `build` for how it is
written, `view` for how it is read, `search` for quote search on it.
"""

from bbtui.core.store.check import StoreDamaged
from bbtui.core.store.opening import open_dataset, verify
from bbtui.core.store.view import StoredDataset

__all__ = ["StoreDamaged", "StoredDataset", "open_dataset", "verify"]
