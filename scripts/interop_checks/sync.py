"""Offline delivery and synchronisation (draft: "Redelivery and Synchronisation").

The recipient logs out, a card is submitted, the recipient logs in again: the card must come
from its server's offline storage or, failing that, after its <sync/>; a sync after the ack
must not resend it; a sync from another resource resends open deliveries to that full JID.
"""
import asyncio

from . import protocol as p
from .report import Fail, Skip, expect
from .requests import (ack, card_problems, expect_empty_result, is_card, is_receipt, new_card,
                       status_of, submit_one, wait_card, wait_sent)


async def check_offline(d):
    """A card submitted while the recipient is offline reaches it at its next login: from its
    server's offline storage (delay stamp), or else after its <sync/>."""
    await d.recipient.close()
    try:
        await asyncio.sleep(0.5)
        v = new_card(d, "offline")
        did = await submit_one(d, v)
        d.offline_id = did
        await wait_sent(d, did)
        await asyncio.sleep(1.0)
    finally:
        r = await d.reconnect_recipient()
    await r.iq(r.domain, "get", p.el("ping", p.PING))
    msg = await r.inbox.wait(is_card(d.service, did), min(2.0, d.timeout))
    expected = d.expected("offline")
    if expected is not None:
        expect((msg is not None) == (expected == "stored"),
               "%s was expected to %s (--expect), but the card %s" % (
                   r.domain, "keep the card in its offline storage" if expected == "stored"
                   else "keep nothing, the card coming after <sync/>",
                   "came from its offline storage" if msg is not None
                   else "was not in its offline storage"))
    if msg is not None:
        problems = card_problems(msg, d, did, v, d.sender)
        expect(not problems, "; ".join(problems))
        delay = msg.find(p.q(p.DELAY, "delay"))
        expect_empty_result(await ack(r, d.service, did), "ack of the offline card")
        d.offline_via = "offline storage"
        how = ("from offline storage, delay stamp %s" % delay.get("stamp") if delay is not None
               else "at login, without a delay stamp")
        return "arrived %s; acked" % how
    reply = await r.iq(d.service, "set", p.el("sync"))
    msg = await wait_card(d, r, did, "the card (not in offline storage, nor resent on sync)")
    d.offline_via = "sync"
    expect_empty_result(await ack(r, d.service, did), "ack of the offline card")
    return "not in offline storage; arrived only after <sync/> (%s)" % p.describe_reply(reply)


async def check_sync_after_offline(d):
    """After the offline card is acked, <sync/> answers with 'pending' and does not resend
    it: a card that waited in offline storage arrives once."""
    if getattr(d, "offline_via", None) != "offline storage":
        raise Skip("the offline card did not come from offline storage")
    r = d.recipient
    reply = await r.iq(d.service, "set", p.el("sync"))
    s = reply.find(p.q(p.NS, "sync")) if reply.get("type") == "result" else None
    if s is None:
        raise Fail("sync: expected a result with <sync pending/>, got %s"
                   % p.describe_reply(reply))
    pending = s.get("pending")
    expect(pending is not None and pending.isdigit(), "sync pending=%r is not a number"
           % pending)
    mark = r.inbox.mark()
    await asyncio.sleep(min(2.0, d.timeout))
    again = r.inbox.find(is_card(d.service, d.offline_id), mark)
    expect(not again, "the acked offline card was sent again after the sync")
    return "pending=%s; the acked card was not resent" % pending


async def check_sync(d):
    """<sync/> from another resource makes the service resend an open delivery to that full
    JID, with the same delivery id; an ack from that resource then closes it."""
    v = new_card(d, "sync")
    did = await submit_one(d, v)
    await wait_card(d, d.recipient, did, "the card to sync")
    mark = d.sender.inbox.mark()
    r2 = await d.extra_recipient()
    reply = await r2.iq(d.service, "set", p.el("sync"))
    s = reply.find(p.q(p.NS, "sync")) if reply.get("type") == "result" else None
    if s is None:
        raise Fail("sync: expected a result with <sync pending/>, got %s"
                   % p.describe_reply(reply))
    pending = s.get("pending") or ""
    expect(pending.isdigit() and int(pending) >= 1,
           "sync pending=%r, expected at least 1 (delivery %s is open)" % (pending, did))
    msg = await r2.inbox.wait(lambda m: is_card(d.service, did)(m) and m.get("to") == r2.full,
                              d.timeout)
    if msg is None:
        raise Fail("no resend of %s addressed to %s within %gs after the sync"
                   % (did, r2.full, d.timeout))
    problems = card_problems(msg, d, did, v, d.sender)
    expect(not problems, "resend: " + "; ".join(problems))
    expect_empty_result(await ack(r2, d.service, did), "ack from the syncing resource")
    receipt = await d.sender.inbox.wait(is_receipt(d.service, did), d.timeout, mark)
    expect(receipt is not None, "no receipt after the ack of the resent card")
    e = (await status_of(d.sender, d.service, [did])).get(did)
    attempts = e.get("attempts") if e is not None else None
    expect(attempts is not None and attempts.isdigit() and int(attempts) >= 2,
           "status says attempts=%r after the first copy and the resend, expected at least 2"
           % attempts)
    return ("pending=%s; resent to the full JID with the same id; acked; receipt; attempts=%s"
            % (pending, attempts))
