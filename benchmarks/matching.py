"""Benchmark the matching engine against scipy, hospital-resident and greedy.

One command, seeded:

    .venv/bin/python benchmarks/matching.py                  # all sizes
    .venv/bin/python benchmarks/matching.py --sizes 2000x1000  # quick CI size

Every solver runs in its own subprocess on the same generated instance, so its
peak memory (ru_maxrss of that process, instance and libraries included) is its
own. Results go to benchmarks/results/matching.{md,json} and to stdout.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file shares its name with the `matching` package it compares against:
# drop its own folder from the import path so that package is found.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

DEFAULT_SIZES = "2000x1000,10000x5000,20000x10000,50000x25000"
# Where each reference still fits in memory and finishes in reasonable time.
DENSE_LIMIT = 10_000 * 5_000
GREEDY_LIMIT = 10_000 * 5_000
HOSPITAL_LIMIT = 2_000 * 1_000
WORKER_TIMEOUT = 1800


def _worker(solver: str, n: int, m: int, kind: str, seed: int) -> dict:
    import numpy as np

    from matchengine import MatchSession, generate
    from matchengine import baselines as bl

    data = generate(n, m, kind, seed)
    started = time.perf_counter()
    session = MatchSession(data)
    if solver == "engine":
        result = session.solve()
        elapsed = time.perf_counter() - started
        local = {p.mentee_id: p for p in result.pairs if not p.pinned}
        rows = np.array([session.mentee_index[k] for k in local], np.int64)
        cols = np.array([session.mentor_index[p.mentor_id] for p in local.values()])
        extra = {
            "proof_gap": result.diagnostics["proof"]["gap"],
            "rounds": result.diagnostics["proof"]["rounds"],
            "candidate_pairs": result.diagnostics["candidate_pairs"],
            "stages": result.diagnostics["time_seconds"],
        }
    else:
        fn = {
            "scipy": bl.scipy_assignment,
            "greedy": bl.greedy_assignment,
            "hospital_resident": bl.hospital_resident_assignment,
        }[solver]
        rows, cols = fn(session)
        elapsed = time.perf_counter() - started
        extra = {}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = bl.evaluate(session, rows, cols)
    return {"seconds": elapsed, "peak_mb": peak_mb, **figures, **extra}


def _resolve_worker(n: int, m: int, seed: int) -> dict:
    """Median seconds of a re-solve after one veto and after one pin."""
    import statistics

    from matchengine import MatchSession, generate

    session = MatchSession(generate(n, m, "realistic", seed))
    first = session.solve()
    assigned = set(first.assignment())
    pool = session._candidate_pool()
    times = {"veto": [], "pin": []}
    for pair in [p for p in first.pairs if not p.pinned][:5]:
        started = time.perf_counter()
        session.veto(pair.mentor_id, pair.mentee_id)
        times["veto"].append(time.perf_counter() - started)
        session.unveto(pair.mentor_id, pair.mentee_id)
    tries = zip(pool.rows.tolist(), pool.cols.tolist(), strict=False)
    for i, j in tries:
        mentor_id, mentee_id = session.mentors[j].id, session.mentees[i].id
        if (mentor_id, mentee_id) in assigned or not _pinnable(
            session, mentor_id, mentee_id
        ):
            continue
        started = time.perf_counter()
        session.pin(mentor_id, mentee_id)
        times["pin"].append(time.perf_counter() - started)
        session.unpin(mentor_id, mentee_id)
        if len(times["pin"]) == 5:
            break
    return {k: statistics.median(v) for k, v in times.items() if v}


def _pinnable(session, mentor_id, mentee_id) -> bool:
    from matchengine.rules import pair_violation

    mentor = session.mentors[session.mentor_index[mentor_id]]
    mentee = session.mentees[session.mentee_index[mentee_id]]
    load = sum(1 for a, _ in session.pins if a == mentor_id)
    vetoed = (mentor_id, mentee_id) in session.vetoes
    return (
        not vetoed and load < mentor.capacity and pair_violation(mentor, mentee) is None
    )


def _spawn(args: list[str]) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--worker", *args],
            capture_output=True,
            check=False,
            text=True,
            timeout=WORKER_TIMEOUT,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {WORKER_TIMEOUT} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1][:200]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _solvers(n: int, m: int) -> list[str]:
    out = ["engine"]
    if n * m <= DENSE_LIMIT:
        out.append("scipy")
    if n * m <= HOSPITAL_LIMIT:
        out.append("hospital_resident")
    if n * m <= GREEDY_LIMIT:
        out.append("greedy")
    return out


def _row(size, kind, solver, r, optimum) -> str:
    if "error" in r:
        return f"| {size} | {kind} | {solver} | {r['error']} |" + " |" * 11
    share = r["total_score"] / optimum if optimum else 1.0
    fill = (
        min((v / r["mentees_per_assoc"][k] for k, v in r["fill"].items()), default=0.0)
        if r.get("mentees_per_assoc")
        else None
    )
    return (
        f"| {size} | {kind} | {solver} | {r['seconds']:.3f} | {r['peak_mb']:.0f} "
        f"| {r['matched']} | {r['total_score']:.6f} | {share:.9f} "
        f"| {r['worst'] or 0:.4f} | {r['p10'] or 0:.4f} "
        f"| {'' if fill is None else f'{fill:.3f}'} | {r['blocking_pairs']} "
        f"| {r['violations']} | {'yes' if r['pins_honoured'] else 'NO'} "
        f"| {r['hash'][:12]} |"
    )


HEADER = (
    "| size | kind | solver | time s | peak MB | matched | total score | share of "
    "optimum | worst | p10 | lowest assoc. fill | blocking pairs | rule violations "
    "| pins kept | hash |\n" + "|---" * 15 + "|"
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--kinds", default="uniform,realistic")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--resolve", default="1000x600", help="re-solve cohort size")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--worker", nargs="+")
    args = parser.parse_args()
    if args.worker:
        w = args.worker
        if w[0] == "resolve":
            out = _resolve_worker(int(w[1]), int(w[2]), int(w[3]))
        else:
            out = _worker(w[0], int(w[1]), int(w[2]), w[3], int(w[4]))
        print(json.dumps(out, default=float))
        return 0
    return _run(args)


def _run(args) -> int:
    from matchengine import generate

    lines, records = [HEADER], []
    print(HEADER, flush=True)
    for size in args.sizes.split(","):
        n, m = (int(x) for x in size.lower().split("x"))
        for kind in args.kinds.split(","):
            data = generate(n, m, kind, args.seed)
            per_assoc: dict[str, int] = {}
            for p in data.mentees:
                per_assoc[p.association] = per_assoc.get(p.association, 0) + 1
            results = {}
            for solver in _solvers(n, m):
                r = _spawn([solver, str(n), str(m), kind, str(args.seed)])
                r["mentees_per_assoc"] = per_assoc
                results[solver] = r
            optimum = results["engine"].get("total_score")
            for solver, r in results.items():
                line = _row(size, kind, solver, r, optimum)
                lines.append(line)
                print(line, flush=True)
                records.append({"size": size, "kind": kind, "solver": solver, **r})
    if args.resolve:
        n, m = (int(x) for x in args.resolve.split("x"))
        r = _spawn(["resolve", str(n), str(m), str(args.seed)])
        line = f"\nRe-solve on {args.resolve} (realistic), median seconds: {r}"
        lines.append(line)
        print(line)
        records.append({"resolve": args.resolve, **r})
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "matching.md").write_text("\n".join(lines) + "\n")
    (args.out / "matching.json").write_text(
        json.dumps(records, indent=1, default=float)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
