"""The core of the draft, end to end: submit, delivery, ack, receipt, status, rejection,
submit retry by id, recipient normalisation.

Each check takes the Direction d (sender, recipient, service, timeout, what earlier checks
found) and returns a sentence or raises Fail/Skip. Cards are fresh and random per run.
"""
import asyncio

from . import protocol as p
from .report import Fail, Skip, expect
from .requests import (ack, card_problems, deliveries_of, expect_empty_result, expect_error,
                       is_receipt, new_card, receipt_in, stanza_problems, status_of, submit,
                       submit_one, wait_card)


async def check_submit(d):
    """A submit is answered with <submitted/> and one delivery id."""
    d.first_card = new_card(d, "online")
    d.first_id = await submit_one(d, d.first_card)
    return "delivery %s to %s" % (d.first_id, d.recipient.bare)


async def check_online_delivery(d):
    """The online recipient gets the card: type chat, body, fallback, origin-id, store hint,
    the delivery id and the vCard unchanged."""
    if not d.first_id:
        raise Skip("no delivery (submit failed)")
    msg = await wait_card(d, d.recipient, d.first_id)
    problems = card_problems(msg, d, d.first_id, d.first_card, d.sender)
    expect(not problems, "; ".join(problems))
    note = ""
    origin = msg.find(p.q(p.SID, "origin-id"))
    if msg.get("id") != origin.get("id"):
        note = " (message id differs from origin-id, which the draft says SHOULD be equal)"
    return "chat message with body, fallback, origin-id, store hint and the vCard intact" + note


async def check_spoofed_ack(d):
    """An ack by someone who is not the recipient gets forbidden with <not-recipient/>."""
    if not d.first_id:
        raise Skip("no delivery (submit failed)")
    reply = await ack(d.sender, d.service, d.first_id, "rejected")
    expect_error(reply, "forbidden", "auth", "not-recipient",
                 "ack by %s of a card to %s" % (d.sender.bare, d.recipient.bare))
    return "ack by %s refused: forbidden/auth with <not-recipient/>" % d.sender.bare


async def check_ack(d):
    """The recipient's ack 'saved' gets an empty result."""
    if not d.first_id:
        raise Skip("no delivery (submit failed)")
    d.receipt_mark = d.sender.inbox.mark()
    expect_empty_result(await ack(d.recipient, d.service, d.first_id), "ack saved")
    d.first_acked = True
    return "empty result"


async def check_receipt(d):
    """The sender gets a receipt with the delivery id, the recipient and status saved (and
    the spoofed ack before changed nothing)."""
    if not getattr(d, "first_acked", False):
        raise Skip("no acknowledged delivery")
    msg = await d.sender.inbox.wait(is_receipt(d.service, d.first_id), d.timeout)
    if msg is None:
        raise Fail("no receipt for %s within %gs" % (d.first_id, d.timeout))
    r = receipt_in(msg, d.first_id)
    problems = stanza_problems(msg, d.service)
    if r.get("status") != "saved":
        problems.append("status=%r, expected 'saved'" % r.get("status"))
    if r.get("to") != d.recipient.bare.lower():
        problems.append("to=%r, expected %r" % (r.get("to"), d.recipient.bare))
    if not p.is_utc_stamp(r.get("stamp")):
        problems.append("stamp=%r is not a UTC DateTime" % r.get("stamp"))
    expect(not problems, "; ".join(problems))
    return "receipt status saved to %s" % d.sender.bare


async def check_repeated_ack(d):
    """A repeated ack gets an empty result again and causes no second receipt."""
    if not getattr(d, "first_acked", False):
        raise Skip("no acknowledged delivery")
    expect_empty_result(await ack(d.recipient, d.service, d.first_id), "repeated ack")
    await asyncio.sleep(min(2.0, d.timeout))
    receipts = d.sender.inbox.find(is_receipt(d.service, d.first_id), d.receipt_mark)
    expect(len(receipts) <= 1, "%d receipts for %s; the draft sends one" % (len(receipts),
                                                                           d.first_id))
    return "empty result, no second receipt"


async def check_status(d):
    """<status/> reports the acked delivery and leaves out an unknown id."""
    if not getattr(d, "first_acked", False):
        raise Skip("no acknowledged delivery")
    unknown = p.random_id()
    found = await status_of(d.sender, d.service, [d.first_id, unknown])
    expect(unknown not in found, "an unknown id was not left out of the status result")
    theirs = await status_of(d.recipient, d.service, [d.first_id])
    expect(not theirs, "%s, who is not the sender, learnt the state of %s"
           % (d.recipient.bare, d.first_id))
    e = found.get(d.first_id)
    expect(e is not None, "delivery %s missing from the status result" % d.first_id)
    problems = []
    if e.get("state") != "acked":
        problems.append("state=%r, expected 'acked'" % e.get("state"))
    if e.get("to") != d.recipient.bare.lower():
        problems.append("to=%r" % e.get("to"))
    if not (e.get("attempts") or "").isdigit() or int(e.get("attempts")) < 1:
        problems.append("attempts=%r, expected at least 1" % e.get("attempts"))
    for a in ("created", "updated"):
        if not p.is_utc_stamp(e.get(a)):
            problems.append("%s=%r is not a UTC DateTime" % (a, e.get(a)))
    expect(not problems, "; ".join(problems))
    return ("state acked, attempts %s; an unknown id and the recipient's query left out"
            % e.get("attempts"))


async def check_rejected(d):
    """An ack 'rejected' with a reason gets an empty result and a receipt with that reason."""
    v = new_card(d, "rejected")
    did = await submit_one(d, v)
    await wait_card(d, d.recipient, did)
    mark = d.sender.inbox.mark()
    reason = "Rejected on purpose by the interop check %s." % d.run_id
    expect_empty_result(await ack(d.recipient, d.service, did, "rejected", reason), "ack rejected")
    msg = await d.sender.inbox.wait(is_receipt(d.service, did), d.timeout, mark)
    if msg is None:
        raise Fail("no receipt for the rejected delivery %s within %gs" % (did, d.timeout))
    r = receipt_in(msg, did)
    expect(r.get("status") == "rejected", "receipt status=%r, expected 'rejected'"
           % r.get("status"))
    got = r.findtext(p.q(p.NS, "reason"))
    expect(got == reason, "receipt reason %r, expected the ack's %r" % (got, reason))
    e = (await status_of(d.sender, d.service, [did])).get(did)
    expect(e is not None and e.get("state") == "rejected",
           "status of the rejected delivery: %s" % (None if e is None else e.get("state")))
    expect(e.find(p.q(p.NS, "reason")) is not None,
           "the status result of the rejected delivery has no <reason/>")
    return "receipt status rejected with the ack's reason; status rejected with a reason"


async def check_ack_batch(d):
    """<acks/> acknowledges two cards in one request; the result lists the ack of an unknown
    delivery as failed with unknown-delivery; each acked card gets its receipt; an <acks/> that
    names one delivery twice gets bad-request."""
    cards = [new_card(d, "batch-%d" % i) for i in range(2)]
    ids = [await submit_one(d, v) for v in cards]
    for did in ids:
        await wait_card(d, d.recipient, did)
    mark = d.sender.inbox.mark()
    twice = p.el("acks", children=[p.el("ack", id=ids[0], status="saved")] * 2)
    expect_error(await d.recipient.iq(d.service, "set", twice), "bad-request", "modify",
                 what="<acks/> naming %s twice" % ids[0])
    unknown = p.random_id()
    batch = p.el("acks", children=[p.el("ack", id=i, status="saved") for i in ids + [unknown]])
    reply = await d.recipient.iq(d.service, "set", batch)
    node = reply.find(p.q(p.NS, "acks")) if reply.get("type") == "result" else None
    expect(node is not None, "<acks/> with an unknown id: expected a result listing it, got %s"
           % p.describe_reply(reply))
    failed = {(f.get("id"), f.get("condition")) for f in node.findall(p.q(p.NS, "failed"))}
    expect(failed == {(unknown, "unknown-delivery")},
           "failed acks %s, expected only %s with unknown-delivery" % (sorted(failed), unknown))
    for did in ids:
        msg = await d.sender.inbox.wait(is_receipt(d.service, did), d.timeout, mark)
        expect(msg is not None, "no receipt for %s (acked in <acks/>) within %gs"
               % (did, d.timeout))
    return "two acks and an unknown id in one request: the unknown one listed, two receipts"


async def check_normalisation(d):
    """Recipients are normalised: an upper-cased duplicate collapses into one delivery whose
    'to' is the lower-case bare JID."""
    bare = d.recipient.bare
    local, domain = bare.split("@", 1)
    variants = [bare, "%s@%s" % (local.upper(), domain.upper())]
    reply = await submit(d.sender, d.service, variants, new_card(d, "normalised"))
    ds = deliveries_of(reply)
    d.to_ack.extend(i for i, _ in ds)
    expect(len(ds) == 1, "%s and %s gave %d deliveries, expected 1" % (variants[0], variants[1],
                                                                        len(ds)))
    expect(ds[0][1] == bare.lower(), "delivery to=%r, expected %r" % (ds[0][1], bare.lower()))
    expect_empty_result(await ack(d.recipient, d.service, ds[0][0]), "ack")
    return "%s and %s: one delivery to %s" % (variants[0], variants[1], ds[0][1])


async def check_submit_retry(d):
    """A submit repeated with the same 'id' gets the same deliveries; with another card it
    gets conflict."""
    sid = p.random_id()
    refused = await submit(d.sender, d.service, [d.recipient.bare], p.vcard_without_fn(), sid)
    expect_error(refused, "bad-request", "modify", "invalid-card", "submit of a card without FN")
    v = new_card(d, "retry")
    first = await submit(d.sender, d.service, [d.recipient.bare], v, sid)
    if first.get("type") == "error":
        raise Fail("a refused submit must not be remembered, but its id then got %s"
                   % p.describe_reply(first))
    ds1 = deliveries_of(first)
    d.to_ack.extend(i for i, _ in ds1)
    again = await submit(d.sender, d.service, [d.recipient.bare.upper()], v, sid)
    ds2 = deliveries_of(again)
    expect(ds1 == ds2, "the repeat (recipient upper-cased) created other deliveries: %s, first %s"
           % (ds2, ds1))
    other = await submit(d.sender, d.service, [d.recipient.bare], new_card(d, "other"), sid)
    if other.get("type") == "result":
        d.to_ack.extend(i for i, _ in deliveries_of(other))
    expect_error(other, "conflict", "cancel", what="same id, another card")
    for i, _ in ds1:
        expect_empty_result(await ack(d.recipient, d.service, i), "ack of the retried card")
    return ("id of a refused submit reusable; repeat (recipient upper-cased) answered with "
            "delivery %s; another card with that id: conflict" % ds1[0][0])
