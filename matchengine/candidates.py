"""Sparse candidate graph: each mentee's best k mentors, each mentor's best k mentees.

The full mentee x mentor score matrix is never held at once: rows are scored in
blocks of about BLOCK_CELLS cells and only the running top k survive a block.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp

from .scoring import Features, same_employer, screen_block

BLOCK_CELLS = 1 << 22


@dataclass(frozen=True)
class Scope:
    """The free part of a run: mentees not pinned, mentors with places left."""

    rows: np.ndarray  # mentee indices, sorted
    col_ok: np.ndarray  # bool per mentor: has residual capacity
    conflicts: sp.csr_matrix  # mentee x mentor conflict codes (same person, veto)
    floor: float = -np.inf  # scores below this are treated as ineligible

    @cached_property
    def col_penalty(self) -> np.ndarray:
        """0 for mentors with places, -inf for the rest: added, not indexed."""
        return np.where(self.col_ok, 0.0, -np.inf).astype(np.float32)


def block_rows(m: int) -> int:
    return max(1, BLOCK_CELLS // max(m, 1))


def _masked_block(feat: Features, scope: Scope, part, cols):
    block = screen_block(feat, part, cols)
    np.putmask(block, same_employer(feat, part, cols), -np.inf)
    local, hit = scope.conflicts[part].nonzero()
    closed = scope.col_penalty if cols is None else scope.col_penalty[cols]
    block += closed[None, :]
    if cols is None:
        block[local, hit] = -np.inf
    else:
        position = np.full(feat.m, -1, np.int64)
        position[cols] = np.arange(len(cols))
        keep = position[hit] >= 0
        block[local[keep], position[hit[keep]]] = -np.inf
    if scope.floor > -np.inf:
        block[block < scope.floor - 1e-4] = -np.inf
    return block


def masked_blocks(feat: Features, scope: Scope, rows=None, cols_for=None):
    """Yield (rows, cols, block) with every pair the hard rules forbid at -inf.

    `cols_for(rows)` may name the only mentor columns worth scoring for a block
    (None: all); the caller then reads `cols` to map block columns to mentors.
    The next block is scored in a worker thread while the caller reads the
    current one (numpy and BLAS release the GIL), at most one block ahead so
    memory stays at two blocks. Blocks arrive in order, so results do not
    depend on timing.
    """
    rows = scope.rows if rows is None else rows
    step = block_rows(feat.m)
    parts = []
    for start in range(0, len(rows), step):
        part = rows[start : start + step]
        cols = None if cols_for is None else cols_for(part)
        if cols is None or len(cols):
            parts.append((part, cols))
    if len(parts) <= 1:
        for part, cols in parts:
            yield part, _all_or(cols, feat.m), _masked_block(feat, scope, part, cols)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(_masked_block, feat, scope, *parts[0])
        for k, (part, cols) in enumerate(parts):
            block = pending.result()
            if k + 1 < len(parts):
                pending = pool.submit(_masked_block, feat, scope, *parts[k + 1])
            yield part, _all_or(cols, feat.m), block


def _all_or(cols, m: int) -> np.ndarray:
    return np.arange(m) if cols is None else cols


def top_k_pairs(feat: Features, scope: Scope, k: int):
    """Union of each row's k and each column's 2k best eligible pairs, sorted.

    Also returns every row's and column's best screening score: upper bounds
    that let later scans skip pairs which cannot matter.
    """
    m = feat.m
    # A mentor takes up to three mentees, so it keeps more of its best ones.
    kc = 2 * k
    found_r, found_c = [], []
    col_vals = np.full((0, m), -np.inf, np.float32)
    col_rows = np.zeros((0, m), np.int64)
    row_max = np.full(feat.n, -np.inf, np.float32)
    col_max = np.full(m, -np.inf, np.float32)
    for rows, _, block in masked_blocks(feat, scope):
        row_max[rows] = block.max(axis=1)
        np.maximum(col_max, block.max(axis=0), out=col_max)
        kk = min(k, m)
        idx = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
        vals = np.take_along_axis(block, idx, axis=1)
        keep = np.isfinite(vals)
        found_r.append(np.broadcast_to(rows[:, None], idx.shape)[keep])
        found_c.append(idx[keep])
        kb = min(kc, len(rows))
        cidx = np.argpartition(-block, kb - 1, axis=0)[:kb]
        col_vals = np.vstack([col_vals, np.take_along_axis(block, cidx, axis=0)])
        col_rows = np.vstack([col_rows, rows[cidx]])
        if len(col_vals) > kc:
            best = np.argpartition(-col_vals, kc - 1, axis=0)[:kc]
            col_vals = np.take_along_axis(col_vals, best, axis=0)
            col_rows = np.take_along_axis(col_rows, best, axis=0)
    keep = np.isfinite(col_vals)
    found_r.append(col_rows[keep])
    found_c.append(np.broadcast_to(np.arange(m), col_vals.shape)[keep])
    rows, cols = unique_pairs(np.concatenate(found_r), np.concatenate(found_c), m)
    return rows, cols, row_max, col_max


def unique_pairs(rows, cols, m: int) -> tuple[np.ndarray, np.ndarray]:
    keys = np.unique(np.asarray(rows, np.int64) * m + np.asarray(cols, np.int64))
    return keys // m, keys % m
