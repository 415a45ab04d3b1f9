"""Building DataFrames from generated numpy columns without pandas' string conversion."""

from __future__ import annotations

import numpy as np
import pandas as pd


def object_frame(columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """A DataFrame whose text columns stay numpy object arrays of Python strings.

    pandas 3 would convert them to Arrow strings, which costs seconds per million rows and is
    undone again when the writer hands Python values to the database driver.
    """
    data = {}
    for name, values in columns.items():
        if values.dtype.kind in "OUS":
            data[name] = pd.Series(values.astype(object), dtype=object, copy=False)
        else:
            data[name] = values
    return pd.DataFrame(data, copy=False)
