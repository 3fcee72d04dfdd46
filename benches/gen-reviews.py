#!/usr/bin/env python3
"""Generate many review files for measuring `scorps report` (docs/report-scaling.md).

    python3 benches/gen-reviews.py COUNT DIR [--seed N] [--current]

Writes COUNT reviews of the six built-in pillar packs (about 60 questions, every one answered,
noted or left open at random, about 13 KB each) into DIR, one workload per file, spread over
folders of 100. By default every review records an older version of each pack (version 0.9.0
and another digest), as reviews answered a year ago do, so `report` has a "pack changed" note
for every pack of every file; `--current` records the packs as they are now (no notes).

Only the standard library: the built-in packs are read line by line (their layout is fixed by
the project), so the script runs on a clean machine.
"""

import argparse
import hashlib
import os
import random
import sys

PILLARS = ["security", "reliability", "operational-excellence", "performance", "cost",
           "sustainability"]
TEAMS = ["Orion", "Vega", "Lyra", "Draco", "Cygnus", "Aquila", "Perseus", "Hydra"]
WORDS = ("the squad agreed to revisit this after the migration because the runbook is out of "
         "date and nobody owns the alerts for the batch jobs yet so we track it here").split()


def read_pack(path):
    """Pack id, version, digest and questions [(id, [practice ids], none id)] of a built-in."""
    data = open(path, "rb").read()
    pack = {"id": None, "version": None, "digest": "sha256:" + hashlib.sha256(data).hexdigest(),
            "questions": []}
    question = None
    for line in data.decode("utf-8").splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0 and stripped.startswith("id:") and pack["id"] is None:
            pack["id"] = stripped[3:].strip()
        elif indent == 0 and stripped.startswith("version:"):
            pack["version"] = stripped[8:].strip()
        elif indent == 6 and stripped.startswith("- id:"):
            question = {"id": stripped[5:].strip(), "practices": [], "none": None}
            pack["questions"].append(question)
        elif indent == 10 and stripped.startswith("- id:") and question is not None:
            question["practices"].append(stripped[5:].strip())
        elif indent == 12 and stripped == "none: true" and question is not None:
            question["none"] = question["practices"].pop()
    return pack


def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stamp(day, seconds):
    """An RFC 3339 UTC time `day` days after 2026-01-01 (no calendar library needed)."""
    days_in = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    month, day = 0, day % 365
    while day >= days_in[month]:
        day -= days_in[month]
        month += 1
    h, m, s = seconds // 3600 % 24, seconds // 60 % 60, seconds % 60
    return f"2026-{month + 1:02d}-{day + 1:02d}T{h:02d}:{m:02d}:{s:02d}Z"


def review(n, packs, rng, current):
    day = rng.randrange(365)
    out = [
        "format = 1",
        f"workload = {toml_string(f'Workload {n:05d}')}",
        f"team = {toml_string(rng.choice(TEAMS))}",
        'facilitator = "Sam"',
        'participants = ["Ana", "Ben", "Chen"]',
        f"created = {stamp(day, 9 * 3600)}",
        f"updated = {stamp(day, 9 * 3600 + rng.randrange(20000))}",
        "",
    ]
    for p in packs:
        version = p["version"] if current else "0.9.0"
        digest = p["digest"] if current else "sha256:" + "0" * 64
        out += ["[[packs]]", f'id = "{p["id"]}"', f'version = "{version}"',
                f'digest = "{digest}"', ""]
    for p in packs:
        for q in p["questions"]:
            roll = rng.random()
            out.append(f'[answers."{p["id"]}/{q["id"]}"]')
            if roll < 0.08:
                out.append('state = "not-applicable"')
                out.append(f'reason = {toml_string(" ".join(rng.sample(WORDS, 8)))}')
            elif roll < 0.15:
                out.append('state = "unanswered"')
                out.append("flagged = true")
            else:
                chosen = [c for c in q["practices"] if rng.random() < 0.55]
                if not chosen and q["none"]:
                    chosen = [q["none"]]
                out.append('state = "answered"')
                out.append("selected = [" + ", ".join(f'"{c}"' for c in chosen) + "]")
            out.append(f'notes = {toml_string(" ".join(rng.sample(WORDS, rng.randrange(2, 11))))}')
            if rng.random() < 0.3:
                out.append(f'evidence = ["https://wiki.example/{p["id"]}/{q["id"]}/{n}"]')
            out.append(f"updated = {stamp(day, 9 * 3600 + rng.randrange(20000))}")
            out.append("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("count", type=int)
    ap.add_argument("dir")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--current", action="store_true",
                    help="record the packs as they are now (no 'pack changed' notes)")
    args = ap.parse_args()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pillars")
    packs = [read_pack(os.path.join(root, f"{p}.yaml")) for p in PILLARS]
    rng = random.Random(args.seed)
    total = 0
    for n in range(args.count):
        folder = os.path.join(args.dir, f"batch-{n // 100:03d}")
        os.makedirs(folder, exist_ok=True)
        text = review(n, packs, rng, args.current)
        with open(os.path.join(folder, f"workload-{n:05d}.review.toml"), "w") as f:
            f.write(text)
        total += len(text)
    questions = sum(len(p["questions"]) for p in packs)
    print(f"wrote {args.count} reviews of {questions} questions, {total / 1e6:.1f} MB, to {args.dir}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
