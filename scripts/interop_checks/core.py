"""The core of the draft, end to end: submit, delivery, ack, receipt, status, offline, sync.

Each check takes the Direction d (sender, recipient, service, timeout, what earlier checks
found) and returns a sentence or raises Fail/Skip. Cards are fresh and random per run; a
recipient recognises copies by service JID and delivery id alone, as the draft says, so
redelivered copies never confuse a check.
"""
import asyncio
import datetime
import time

from . import protocol as p
from .report import Fail, Skip, expect


# ---------------------------------------------------------------- requests and messages

# Submits per minute each service allows (from its limits form), and when each user submitted.
SUBMIT_RATE = {}
_submitted_at = {}
LONGEST_RATE_WAIT = 65.0


def set_submit_rate(service, per_minute):
    """Records SERVICE's submits-per-minute (0: no limit) so that submit() keeps to it."""
    SUBMIT_RATE[service] = per_minute


async def keep_to_rate(acct, service):
    """Waits, when needed, so that ACCT's submits to SERVICE stay within its advertised rate
    (a sliding minute): a run must not be refused for going too fast."""
    limit = SUBMIT_RATE.get(service, 10)
    times = _submitted_at.setdefault((acct.bare, service), [])
    now = time.monotonic()
    times[:] = [t for t in times if now - t < 60.0]
    if limit and len(times) >= limit:
        await asyncio.sleep(60.5 - (now - times[-limit]))
    times.append(time.monotonic())


def rate_limit_wait(reply):
    """Seconds to wait when REPLY is policy-violation with <rate-limited/>, else None."""
    err = p.error_of(reply)
    if not err or err[1] != "policy-violation" or err[2] is None:
        return None
    if p.split_tag(err[2].tag)[1] != "rate-limited":
        return None
    try:
        until = datetime.datetime.fromisoformat(err[2].get("retry-after", "").replace("Z",
                                                                                      "+00:00"))
        left = (until - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    except ValueError:
        left = 60.0
    return min(max(left, 0.0) + 0.5, LONGEST_RATE_WAIT)


async def submit(acct, service, recipients, v=None, submit_id=None, set_name=None):
    """Sends a <submit/> within the service's advertised rate and returns the reply element;
    a rate-limited answer is retried once after its retry-after."""
    children = [p.el("recipient", jid=r) for r in recipients]
    if v is not None:
        children.append(p.card(v))
    for attempt in (1, 2):
        await keep_to_rate(acct, service)
        reply = await acct.iq(service, "set", p.el("submit", children=list(children),
                                                    id=submit_id, set=set_name))
        wait = rate_limit_wait(reply)
        if wait is None or attempt == 2:
            return reply
        await asyncio.sleep(wait)


def deliveries_of(reply, parent="submitted"):
    """[(id, to)] of a <submitted/> (or other PARENT) result; Fail when it is not one."""
    node = reply.find(p.q(p.NS, parent)) if reply.get("type") == "result" else None
    if node is None:
        raise Fail("expected a result with <%s/>, got %s" % (parent, p.describe_reply(reply)))
    return [(e.get("id"), e.get("to")) for e in node.findall(p.q(p.NS, "delivery"))]


async def submit_one(d, v, submit_id=None, set_name=None):
    """Submits V (or set SET_NAME) from d.sender to d.recipient; returns the delivery id."""
    reply = await submit(d.sender, d.service, [d.recipient.bare], v, submit_id, set_name)
    ds = deliveries_of(reply)
    expect(len(ds) == 1, "one <delivery/> expected in <submitted/>, got %d" % len(ds))
    did, to = ds[0]
    expect(p.is_opaque_id(did), "delivery id %r is not an opaque id (22-64 URL-safe Base64)"
           % did)
    expect(to == d.recipient.bare.lower(), "delivery to=%r, expected %r" % (to,
                                                                             d.recipient.bare))
    return did


def card_of(msg):
    """The <card/> of a message, or None."""
    return msg.find(p.q(p.NS, "card"))


def is_card(service, did):
    """Predicate: a message from SERVICE carrying the card of delivery DID."""
    def pred(msg):
        c = card_of(msg)
        return (c is not None and c.get("id") == did
                and msg.get("from", "").lower() == service.lower())
    return pred


def is_receipt(service, did):
    """Predicate: a message from SERVICE carrying the receipt of delivery DID."""
    def pred(msg):
        r = msg.find(p.q(p.NS, "receipt"))
        return (r is not None and r.get("id") == did
                and msg.get("from", "").lower() == service.lower())
    return pred


async def wait_card(d, acct, did, what="the card"):
    """The first message with delivery DID at ACCT, or Fail after the timeout."""
    msg = await acct.inbox.wait(is_card(d.service, did), d.timeout)
    if msg is None:
        raise Fail("%s (delivery %s) did not reach %s within %gs"
                   % (what, did, acct.full, d.timeout))
    return msg


async def ack(acct, service, did, status="saved", reason=None, follow=None):
    """Sends an <ack/> and returns the reply element."""
    children = [p.el("reason", text=reason)] if reason else []
    return await acct.iq(service, "set", p.el("ack", children=children, id=did, status=status,
                                                follow=follow))


def expect_empty_result(reply, what):
    """Fail unless REPLY is a result without payload."""
    expect(reply.get("type") == "result" and len(reply) == 0,
           "%s: expected an empty result, got %s" % (what, p.describe_reply(reply)))


def expect_error(reply, cond, etype, app=None, what="request"):
    """Fail unless REPLY is the error COND of type ETYPE with application condition APP."""
    got = p.error_of(reply)
    want = "%s/%s%s" % (cond, etype, " with <%s/>" % app if app else "")
    if got is None:
        raise Fail("%s: expected error %s, got %s" % (what, want, p.describe_reply(reply)))
    gtype, gcond, gapp, _ = got
    gapp_name = p.split_tag(gapp.tag)[1] if gapp is not None else None
    expect(gcond == cond and gtype == etype and (app is None or gapp_name == app),
           "%s: expected error %s, got %s" % (what, want, p.describe_reply(reply)))
    return gapp


def stanza_problems(msg, service, kind="card", mtype="chat", hint="store"):
    """What in a delivery or receipt message differs from the draft's rules for them."""
    problems = []
    if msg.get("type") != mtype:
        problems.append("type=%r, expected %r" % (msg.get("type"), mtype))
    if msg.get("from") != service:
        problems.append("from=%r, expected %r" % (msg.get("from"), service))
    body = msg.find(p.q(p.CLIENT, "body"))
    if body is None or not (body.text or "").strip():
        problems.append("no fallback <body/>")
    fb = msg.find(p.q(p.FALLBACK, "fallback"))
    if fb is None or fb.get("for") != p.NS:
        problems.append("no <fallback for='%s'/>" % p.NS)
    origin = msg.find(p.q(p.SID, "origin-id"))
    if origin is None or not origin.get("id"):
        problems.append("no <origin-id/>")
    if msg.find(p.q(p.HINTS, hint)) is None:
        problems.append("no <%s/> hint" % hint)
    return problems


def card_problems(msg, d, did, sent, sender):
    """What in a delivered card message differs from the draft (shape, ids, intact vCard)."""
    problems = stanza_problems(msg, d.service)
    c = card_of(msg)
    if c.get("from") != sender.bare.lower():
        problems.append("card from=%r, expected %r" % (c.get("from"), sender.bare))
    if not p.is_utc_stamp(c.get("stamp")):
        problems.append("card stamp=%r is not a UTC DateTime" % c.get("stamp"))
    got = c.find(p.q(p.VCARD, "vcard"))
    if got is None or len(c) != 1:
        problems.append("<card/> does not hold exactly one <vcard/>")
    elif sent is not None and p.canonical(got) != p.canonical(sent):
        problems.append("the vCard changed on the way (%d octets sent, %d received)"
                        % (p.canonical_size(sent), p.canonical_size(got)))
    body = (msg.findtext(p.q(p.CLIENT, "body")) or "")
    if sender.bare not in body:
        problems.append("the body does not name the sender %s" % sender.bare)
    fn = sent.findtext("%s/%s" % (p.q(p.VCARD, "fn"), p.q(p.VCARD, "text"))) if sent is not None else None
    if fn and fn not in body:
        problems.append("the body does not show the card's FN %r" % fn)
    return problems


async def status_of(acct, service, ids):
    """{id: <delivery/> element} of a <status/> query for IDS."""
    reply = await acct.iq(service, "get", p.el("status", children=[p.el("delivery", id=i)
                                                                    for i in ids]))
    node = reply.find(p.q(p.NS, "status")) if reply.get("type") == "result" else None
    if node is None:
        raise Fail("status: expected a result with <status/>, got %s" % p.describe_reply(reply))
    return {e.get("id"): e for e in node.findall(p.q(p.NS, "delivery"))}


def new_card(d, label):
    """A fresh vCard for this run, named so that a person sees where it came from."""
    return p.vcard("Interop %s %s" % (label, d.run_id))


# ---------------------------------------------------------------- checks

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
    r = msg.find(p.q(p.NS, "receipt"))
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
    r = msg.find(p.q(p.NS, "receipt"))
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


async def wait_sent(d, did):
    """Waits (bounded) until the service reports DID as no longer pending."""
    deadline = time.monotonic() + d.timeout
    state = None
    while time.monotonic() < deadline:
        e = (await status_of(d.sender, d.service, [did])).get(did)
        state = e.get("state") if e is not None else None
        if state and state != "pending":
            return state
        await asyncio.sleep(0.2)
    raise Fail("delivery %s still %r after %gs" % (did, state, d.timeout))


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
    return "pending=%s; resent to the full JID with the same id; acked; receipt" % pending
