"""Sparse candidate graph: each mentee's best k mentors, each mentor's best k mentees.

The full mentee x mentor score matrix is never held at once: rows are scored in
blocks of about BLOCK_CELLS cells and only the running top k survive a block.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp
from threadpoolctl import ThreadpoolController

from .scoring import Features, same_employer, screen_block

BLOCK_CELLS = 1 << 22
# BLAS's own threads spin while they wait for a core; on a busy machine that
# burnt several times the scoring's CPU time. Blocks run one ahead in a worker
# thread instead, so BLAS is held to one thread while blocks are scored. The
# limit is process-wide for the length of a scan.
_BLAS = ThreadpoolController()
# Longest run of cells whose maximum stands for them in the top-k bound.
RUN_CELLS = 32
# A pack of language groups may score this many times its eligible cells.
PACK_WASTE = 1.5


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

    Rows are grouped by language profile (`language_packs`) and a block holds
    only the mentors its rows may meet by the language rule, about a third of
    all pairs in generated cohorts; within a group rows keep the given order.
    `cols_for(rows)` may name the only mentor columns worth scoring for a block
    (None: all); the caller reads `cols` to map block columns to mentors.
    The next block is scored in a worker thread while the caller reads the
    current one (numpy and BLAS release the GIL), at most one block ahead so
    memory stays at two blocks. Blocks arrive in order, so results do not
    depend on timing.
    """
    with _BLAS.limit(limits=1, user_api="blas"):
        rows = scope.rows if rows is None else rows
        parts = []
        for pack, allowed in language_packs(feat, rows):
            width = int(allowed.sum())
            step = max(1, BLOCK_CELLS // width)
            every = width == feat.m
            for start in range(0, len(pack), step):
                part = pack[start : start + step]
                if cols_for is None:
                    cols = None if every else np.flatnonzero(allowed)
                else:
                    cols = cols_for(part)
                    cols = cols[allowed[cols]]
                if cols is None or len(cols):
                    parts.append((part, cols))
        if len(parts) <= 1:
            for part, cols in parts:
                yield (
                    part,
                    _all_or(cols, feat.m),
                    _masked_block(feat, scope, part, cols),
                )
            return
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(_masked_block, feat, scope, *parts[0])
            for k, (part, cols) in enumerate(parts):
                block = pending.result()
                if k + 1 < len(parts):
                    pending = pool.submit(_masked_block, feat, scope, *parts[k + 1])
                yield part, _all_or(cols, feat.m), block


def language_packs(feat: Features, rows):
    """Split `rows` by language profile: (rows, bool per mentor they may meet).

    Small groups whose allowed mentors overlap are packed together while the
    pack's cells stay within PACK_WASTE of the eligible ones, so a cohort with
    hundreds of language profiles does not become hundreds of tiny blocks.
    Rows with no allowed mentor are left out: every pair of theirs is -inf.
    """
    codes = feat.tables["pair_type"][0][rows]
    order = np.argsort(codes, kind="stable")
    present, starts = np.unique(codes[order], return_index=True)
    ends = np.append(starts[1:], len(order)) if len(order) else starts
    packs = []
    for code, lo, hi in zip(present, starts, ends, strict=True):
        allowed = feat.lang_cols[code]
        cells = (hi - lo) * int(allowed.sum())
        if not cells:
            continue
        if packs and packs[-1][3] < BLOCK_CELLS // 4:
            members, mask, count, held = packs[-1]
            union = mask | allowed
            if (count + hi - lo) * int(union.sum()) <= PACK_WASTE * (held + cells):
                packs[-1] = (
                    [*members, order[lo:hi]],
                    union,
                    count + hi - lo,
                    held + cells,
                )
                continue
        packs.append(([order[lo:hi]], allowed, hi - lo, cells))
    return [(rows[np.sort(np.concatenate(p[0]))], p[1]) for p in packs]


def _all_or(cols, m: int) -> np.ndarray:
    return np.arange(m) if cols is None else cols


def _kth_largest_of_maxima(block, k: int, axis: int) -> np.ndarray:
    """A lower bound, per row (axis 1) or column (axis 0), on its k-th largest value.

    The values are cut into runs of a few cells along `axis`; the k-th largest
    run maximum is k distinct cells that are at least that large, so every one
    of the k largest cells is at least it too. -inf where there are under k runs.
    """
    size = block.shape[axis]
    run = int(np.clip(size // (4 * k), 1, RUN_CELLS))
    if axis == 1:  # runs of columns, by reduceat: no copy of the block
        maxima = np.maximum.reduceat(block, np.arange(0, size, run), axis=1)
    else:  # whole runs of rows are contiguous, so the reshape copies nothing
        whole = size // run
        maxima = block[: whole * run].reshape(whole, run, -1).max(axis=1)
    at = maxima.shape[axis] - k
    if at < 0:
        return np.full(block.shape[1 - axis], -np.inf, np.float32)
    return np.partition(maxima, at, axis=axis).take(at, axis=axis)


def _best_per_group(group, value, other, k: int):
    """Keep each group's k largest values, ties to the smaller `other` index."""
    order = np.lexsort((other, -value, group))
    group, value, other = group[order], value[order], other[order]
    rank = np.arange(len(group)) - np.searchsorted(group, group)
    keep = rank < k
    return group[keep], value[keep], other[keep]


def top_k_pairs(feat: Features, scope: Scope, k: int):
    """Union of each row's k and each column's 2k best eligible pairs, sorted.

    Ties at the k-th value go to the lower mentor (rows) or mentee (columns)
    index. Each block keeps only cells at or above a cheap lower bound on the
    k-th value (`_kth_largest_of_maxima`, and for columns the k-th best kept
    from earlier blocks), so the exact ranking sorts a few cells per row and
    column instead of partitioning whole rows and columns.

    Also returns every row's and column's best screening score: upper bounds
    that let later scans skip pairs which cannot matter.
    """
    m = feat.m
    # A mentor takes up to three mentees, so it keeps more of its best ones.
    kc = 2 * k
    found_r, found_c = [], []
    empty = np.zeros(0, np.int64)
    # Column candidates (col, value, row), ranked only when many have waited:
    # the floors they give are a speed-up, stale floors just keep more cells.
    held = [(empty, np.zeros(0, np.float32), empty)]
    waiting = 0
    col_floor = np.full(m, -np.inf, np.float32)
    row_max = np.full(feat.n, -np.inf, np.float32)
    col_max = np.full(m, -np.inf, np.float32)
    for rows, cols, block in masked_blocks(feat, scope):
        row_max[rows] = block.max(axis=1)
        col_max[cols] = np.maximum(col_max[cols], block.max(axis=0))
        row_floor = _kth_largest_of_maxima(block, min(k, len(cols)), axis=1)
        floor = np.maximum(col_floor[cols], _kth_largest_of_maxima(block, kc, axis=0))
        wanted = (block >= row_floor[:, None]) | (block >= floor[None, :])
        wanted &= block > -np.inf
        li, lc = np.nonzero(wanted)
        v = block[li, lc]
        by_row = v >= row_floor[li]
        r, _, rc = _best_per_group(li[by_row], v[by_row], lc[by_row], k)
        found_r.append(rows[r])
        found_c.append(cols[rc])
        by_col = v >= floor[lc]
        held.append((cols[lc[by_col]], v[by_col], rows[li[by_col]]))
        waiting += int(by_col.sum())
        if waiting > 2 * kc * m:
            col_keep = _best_per_group(
                *map(np.concatenate, zip(*held, strict=True)), kc
            )
            held, waiting = [col_keep], 0
            full = np.bincount(col_keep[0], minlength=m) >= kc
            last = np.searchsorted(col_keep[0], np.flatnonzero(full), "right") - 1
            col_floor[full] = col_keep[1][last]
    col_keep = _best_per_group(*map(np.concatenate, zip(*held, strict=True)), kc)
    found_r.append(col_keep[2])
    found_c.append(col_keep[0])
    rows, cols = unique_pairs(np.concatenate(found_r), np.concatenate(found_c), m)
    return rows, cols, row_max, col_max


def unique_pairs(rows, cols, m: int) -> tuple[np.ndarray, np.ndarray]:
    keys = np.unique(np.asarray(rows, np.int64) * m + np.asarray(cols, np.int64))
    return keys // m, keys % m
