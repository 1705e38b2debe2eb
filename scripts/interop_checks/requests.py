"""Requests and messages of the draft as the checks use them.

Submitting within the service's advertised rate, acks, status queries, recognising a card or a
receipt by service JID and delivery id (as the draft tells clients to), and what in a delivery
or receipt message differs from the draft's rules for them.
"""
import asyncio
import datetime
import time

from . import protocol as p
from .report import Fail, Skip, expect


def need(d, *features):
    """Skip unless every one of FEATURES is advertised."""
    missing = [f for f in features if p.FEATURES[f] not in d.features]
    if missing:
        raise Skip("%s not advertised by %s" % (", ".join("#" + f for f in missing), d.service))


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


async def submit(acct, service, recipients, v=None, submit_id=None, set_name=None, card=None):
    """Sends a <submit/> within the service's advertised rate and returns the reply element;
    a rate-limited answer is retried once after its retry-after. CARD: a <card/> given whole
    (the text form) instead of V."""
    children = [p.el("recipient", jid=r) for r in recipients]
    if v is not None:
        children.append(p.card(v))
    if card is not None:
        children.append(card)
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
    d.to_ack.append(did)  # acked again at the end in case a check stops before its ack
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


def receipt_in(msg, did):
    """The <receipt/> of delivery DID in MSG (which may carry several), or None."""
    for r in msg.findall(p.q(p.NS, "receipt")):
        if r.get("id") == did:
            return r
    return None


def is_receipt(service, did):
    """Predicate: a message from SERVICE carrying the receipt of delivery DID."""
    def pred(msg):
        return (receipt_in(msg, did) is not None
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
    body = msg.findtext(p.q(p.CLIENT, "body")) or ""
    if sender.bare not in body:
        problems.append("the body does not name the sender %s" % sender.bare)
    fn = None
    if sent is not None:
        fn = sent.findtext("%s/%s" % (p.q(p.VCARD, "fn"), p.q(p.VCARD, "text")))
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


def new_card(d, label):
    """A fresh vCard for this run, named so that a person sees where it came from."""
    return p.vcard("Interop %s %s" % (label, d.run_id))
