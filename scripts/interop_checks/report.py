"""The report: one line per check, PASS, FAIL or SKIP, with why.

A check is a coroutine that returns a sentence (PASS), or raises Fail (with what the draft
expects and what happened) or Skip (with the reason). Anything else it raises, a missing answer
included, is a FAIL too: no check can pass by accident. The report prints each line as soon as
the check ends, a summary at the end, and can be written as JSON.
"""
import json
import sys
import time

from .account import NoAnswer


class Fail(Exception):
    """The service did not do what the draft says."""


class Skip(Exception):
    """The check does not apply (a feature not advertised, an earlier step failed)."""


def expect(condition, message):
    """Raises Fail(MESSAGE) unless CONDITION holds."""
    if not condition:
        raise Fail(message)


class Report:
    """Collects and prints the outcome of every check."""

    def __init__(self, out=sys.stdout):
        self.results = []
        self.out = out

    async def run(self, direction, name, check, *args):
        """Runs CHECK(*ARGS), records and prints its outcome; returns True when it passed."""
        started = time.monotonic()
        try:
            detail = await check(*args)
            status = "PASS"
        except Fail as e:
            status, detail = "FAIL", str(e)
        except Skip as e:
            status, detail = "SKIP", str(e)
        except NoAnswer as e:
            status, detail = "FAIL", str(e)
        except Exception as e:  # a crash in a check is reported, never hidden
            status, detail = "FAIL", "%s: %s" % (type(e).__name__, e)
        seconds = time.monotonic() - started
        self.results.append({"direction": direction, "check": name, "status": status,
                             "detail": detail or "", "seconds": round(seconds, 2)})
        line = "%-4s  %-9s %-22s %s" % (status, direction, name, detail or "")
        print(line.rstrip(), file=self.out, flush=True)
        return status == "PASS"

    def note(self, text):
        """Prints a line that is not a check (what is being tested against)."""
        print(text, file=self.out, flush=True)

    def counts(self):
        """{'PASS': n, 'FAIL': n, 'SKIP': n}."""
        c = {"PASS": 0, "FAIL": 0, "SKIP": 0}
        for r in self.results:
            c[r["status"]] += 1
        return c

    def summary(self):
        """Prints the closing line: N passed, N failed, N skipped."""
        c = self.counts()
        self.note("interop: %d passed, %d failed, %d skipped" % (c["PASS"], c["FAIL"], c["SKIP"]))

    def write_json(self, path, meta):
        """Writes the results and META (accounts, services) to PATH."""
        with open(path, "w", encoding="utf-8") as f:
            json.dump(dict(meta, results=self.results, counts=self.counts()), f, indent=2)
            f.write("\n")
