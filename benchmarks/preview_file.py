"""Read, map and preview one file; print counts and wall time (run under time -v).

/usr/bin/time -v python benchmarks/preview_file.py var/big.csv
"""

import sys
import time
from pathlib import Path

from tandem.tabular.applications import prepare_applications
from tandem.tabular.mapping import suggest_mapping
from tandem.tabular.reading import read_table


def main() -> None:
    path = Path(sys.argv[1])
    started = time.perf_counter()
    table = read_table(path.read_bytes(), path.name)
    preview = prepare_applications(table, suggest_mapping(table))
    elapsed = time.perf_counter() - started
    totals = preview.totals()
    groups = len(preview.duplicate_groups)
    print(f"{totals['applications']} rows, {len(preview.errors)} errors,", end=" ")
    print(f"{groups} duplicate groups, {elapsed:.2f} s")


if __name__ == "__main__":
    main()
