import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus: `TANDEM_CORPUS`, else `shared/corpus` beside the checkout."""
    default = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    path = Path(os.environ.get("TANDEM_CORPUS", default))
    assert (path / "EXPECTED.md").is_file(), f"corpus not found at {path}"
    return path
