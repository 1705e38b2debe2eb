#!/usr/bin/python3
"""Reads the vCard text files that vcard_convert wrote with python3-vobject, an independent
reader, and compares what it finds with the .expect.json that vcard_convert wrote next to each.

usage: vobject_check.py LABEL DIR

Every *.vcf under DIR must have a DIR/<same name>.expect.json. A file passes when it is UTF-8,
vobject reads it with validation on (FN present, VERSION once, N at most once), it holds as
many cards as we wrote, each card's VERSION is the one we meant to write, and each card's
first FN equals ours. Prints every problem and a summary line
("vobject vcard4: 58 files, 97 cards, OK"); exits 1 on any problem, 2 on a usage error.
"""

import json
import pathlib
import sys

import vobject


def read_cards(path):
    """The cards vobject reads from path, or raises ValueError saying why it cannot."""
    try:
        text = path.read_bytes().decode("utf-8")  # strict: what we write must be UTF-8
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8: {error}") from error
    try:
        return list(vobject.readComponents(text, validate=True))
    except Exception as error:  # vobject raises ParseError, ValidateError, and plain errors
        raise ValueError(f"vobject cannot read it: {type(error).__name__}: {error}") from error


def card_problems(number, card, want, version):
    problems = []
    if card.name != "VCARD":
        problems.append(f"card {number}: a {card.name} component, not VCARD")
        return problems
    versions = [line.value for line in card.contents.get("version", [])]
    if versions != [version]:
        problems.append(f"card {number}: VERSION is {versions}, expected ['{version}']")
    fns = card.contents.get("fn", [])
    if not fns:
        problems.append(f"card {number}: no FN (expected {want['fn']!r})")
    elif fns[0].value != want["fn"]:
        problems.append(f"card {number}: FN is {fns[0].value!r}, expected {want['fn']!r}")
    return problems


def check_file(path):
    """(cards read, problems) for one output file."""
    expect_path = path.with_name(path.name + ".expect.json")
    try:
        expect = json.loads(expect_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return 0, [f"cannot read {expect_path.name}: {error}"]
    try:
        cards = read_cards(path)
    except ValueError as error:
        return 0, [str(error)]
    problems = []
    if len(cards) != expect["card_count"]:
        problems.append(f"vobject reads {len(cards)} cards, we wrote {expect['card_count']}")
    for number, (card, want) in enumerate(zip(cards, expect["cards"]), start=1):
        problems += card_problems(number, card, want, expect["version"])
    return len(cards), problems


def main(argv):
    if len(argv) != 3 or not pathlib.Path(argv[2]).is_dir():
        print("usage: vobject_check.py LABEL DIR", file=sys.stderr)
        return 2
    label, root = argv[1], pathlib.Path(argv[2])
    files = sorted(root.rglob("*.vcf"))
    total_cards, failed = 0, 0
    for path in files:
        cards, problems = check_file(path)
        total_cards += cards
        if problems:
            failed += 1
            print(f"vobject {label}: {path.relative_to(root)}:")
            for problem in problems:
                print(f"  {problem}")
    if not files:
        print(f"vobject {label}: no .vcf files under {root}: FAILED")
        return 1
    verdict = "OK" if failed == 0 else f"FAILED ({failed} files)"
    print(f"vobject {label}: {len(files)} files, {total_cards} cards, {verdict}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
