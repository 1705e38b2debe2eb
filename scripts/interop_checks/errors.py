"""The draft's error conditions for bad requests ("Error Handling"), and that the service still
works after them.

Each check sends one request the draft calls wrong and expects exactly the defined condition,
type and application condition of the draft's table.
"""
import asyncio

from . import protocol as p
from .requests import (ack, card_problems, deliveries_of, expect_empty_result, expect_error,
                       keep_to_rate, new_card, status_of, submit, wait_card)
from .report import Fail, Skip, expect

# Cards larger than this are not tried: the stanza would exceed common servers' c2s limits.
LARGEST_CARD_TRIED = 120000


async def check_unknown_account(d):
    """A card to an account that does not exist on the recipient's server: the report says what
    that server did with the copy (bounced it, and the delivery was refused, or kept quiet, and
    it waits). It fails if the delivery ends as acked or rejected, which no client did, or
    otherwise than --expect says of that server."""
    ghost = "nosuch-%s@%s" % (d.run_id, d.recipient.bare.split("@", 1)[1])
    ds = deliveries_of(await submit(d.sender, d.service, [ghost], new_card(d, "nobody")))
    did = ds[0][0]
    deadline = asyncio.get_running_loop().time() + d.timeout
    e = None
    while asyncio.get_running_loop().time() < deadline:
        e = (await status_of(d.sender, d.service, [did])).get(did)
        if e is not None and e.get("state") not in ("pending", "sent"):
            break
        await asyncio.sleep(0.5)
    state = e.get("state") if e is not None else "unknown"
    expect(state not in ("acked", "rejected"), "the delivery to %s ended %r" % (ghost, state))
    reason = e.findtext(p.q(p.NS, "reason")) if e is not None else None
    expected = d.expected("unknown-account")
    if expected is not None:
        got = "refused" if state == "refused" else "waits"
        expect(got == expected, "%s was expected to %s (--expect); the delivery is %s%s" % (
            d.recipient.domain, "bounce the copy, the delivery refused" if expected == "refused"
            else "keep quiet, the delivery waiting", state,
            " (%s)" % reason if reason else ""))
    if state == "refused":
        return "%s: the server bounced the copy; delivery refused (%s)" % (ghost, reason)
    return "%s: no error from the server within %gs; the delivery is %s and waits" % (
        ghost, d.timeout, state)


async def check_unknown_delivery(d):
    """An ack of a delivery id the service never issued gets item-not-found/<unknown-delivery/>."""
    reply = await ack(d.recipient, d.service, p.random_id())
    expect_error(reply, "item-not-found", "cancel", "unknown-delivery", "ack of an unknown id")
    return "item-not-found/cancel with <unknown-delivery/>"


async def check_invalid_card(d):
    """A submitted card without FN gets bad-request/<invalid-card/>."""
    reply = await submit(d.sender, d.service, [d.recipient.bare], p.vcard_without_fn())
    expect_error(reply, "bad-request", "modify", "invalid-card", "submit of a card without FN")
    return "card without FN: bad-request/modify with <invalid-card/>"


async def check_invalid_recipient(d):
    """A recipient with a resource gets jid-malformed/<invalid-recipient/>."""
    bad = d.recipient.bare + "/laptop"
    reply = await submit(d.sender, d.service, [bad], new_card(d, "bad-recipient"))
    app = expect_error(reply, "jid-malformed", "modify", "invalid-recipient",
                       "submit to %s" % bad)
    return "recipient %s: jid-malformed/modify with <invalid-recipient jid=%r/>" % (
        bad, app.get("jid"))


def need_foreign(d):
    """Skip unless the recipient is on another server than the sender."""
    if d.recipient.domain.lower() == d.sender.domain.lower():
        raise Skip("both accounts are on %s: neither is foreign to %s"
                   % (d.sender.domain, d.service))


def foreign(d):
    """How a request by the recipient is named in a report line."""
    return ("%s through %s (the draft allows it only if the operator made the service serve "
            "%s too)" % (d.recipient.bare, d.service, d.recipient.domain))


async def check_foreign_submit(d):
    """A submit by a user of another server gets forbidden/<not-local-user/>."""
    need_foreign(d)
    reply = await submit(d.recipient, d.service, [d.sender.bare], new_card(d, "foreign"))
    if reply.get("type") == "result":
        d.foreign_ids = [i for i, _ in deliveries_of(reply)]
    expect_error(reply, "forbidden", "auth", "not-local-user", "submit by " + foreign(d))
    return "submit by %s: forbidden/auth with <not-local-user/>" % d.recipient.bare


async def check_foreign_requests(d):
    """The requests only for users of the service (card sets, tokens, backups) get
    forbidden/<not-local-user/> from a user of another server."""
    need_foreign(d)
    tried = []
    for feature, payload in (("sets", p.el("sets")), ("tokens", p.el("tokens")),
                             ("backup", p.el("backups"))):
        if p.FEATURES[feature] not in d.features:
            continue
        reply = await d.recipient.iq(d.service, "get", payload)
        expect_error(reply, "forbidden", "auth", "not-local-user",
                     "<%s/> by %s" % (p.split_tag(payload.tag)[1], foreign(d)))
        tried.append("<%s/>" % p.split_tag(payload.tag)[1])
    if not tried:
        raise Skip("no #sets, #tokens or #backup advertised")
    return "%s by %s: forbidden/auth with <not-local-user/>" % (", ".join(tried),
                                                                d.recipient.bare)


async def check_too_many_recipients(d):
    """A submit to one recipient more than max-recipients gets not-acceptable with
    <too-many-recipients/>."""
    limit = d.limits.get("max-recipients", 50)
    source = "advertised" if "max-recipients" in d.limits else "the draft's default"
    if limit == 0:
        raise Skip("max-recipients=0: no limit")
    if limit > 200:
        raise Skip("max-recipients=%d is too many addresses to try" % limit)
    domain = d.recipient.domain
    many = ["interop-%s-%d@%s" % (d.run_id, i, domain) for i in range(limit + 1)]
    reply = await submit(d.sender, d.service, many, new_card(d, "many"))
    app = expect_error(reply, "not-acceptable", "modify", "too-many-recipients",
                       "submit to %d recipients (max-recipients %d)" % (limit + 1, limit))
    return "%d recipients (%s max %d): not-acceptable/modify with <too-many-recipients max=%s/>" % (
        limit + 1, source, limit, app.get("max"))


async def check_malformed_submit(d):
    """A submit with neither a card nor a set gets bad-request."""
    reply = await submit(d.sender, d.service, [d.recipient.bare])
    expect_error(reply, "bad-request", "modify", what="submit without card or set")
    return "submit without card or set: bad-request/modify"


async def check_bad_ack_status(d):
    """An ack whose status is neither saved nor rejected gets bad-request."""
    reply = await ack(d.recipient, d.service, p.random_id(), status="maybe")
    expect_error(reply, "bad-request", "modify", what="ack with status='maybe'")
    text = p.error_of(reply)[3] or ""
    expect("status" in text and "maybe" in text,
           "bad-request text %r does not name the attribute and quote its value, as the draft "
           "says" % text)
    return "status='maybe': bad-request/modify, text %r" % text


async def check_wrong_iq_type(d):
    """A known request in an IQ of the wrong type (<sync/> as get) gets bad-request."""
    reply = await d.recipient.iq(d.service, "get", p.el("sync"))
    expect_error(reply, "bad-request", "modify", what="<sync/> in an IQ get")
    return "<sync/> in an IQ get: bad-request/modify"


async def check_unknown_child(d):
    """A child element in the protocol's namespace that the request does not define gets
    bad-request."""
    payload = p.el("status", children=[p.el("frobnicate")])
    reply = await d.sender.iq(d.service, "get", payload)
    expect_error(reply, "bad-request", "modify", what="<status/> with a <frobnicate/> child")
    text = p.error_of(reply)[3] or ""
    expect("frobnicate" in text,
           "bad-request text %r does not name the element, as the draft says" % text)
    return "<status><frobnicate/></status>: bad-request/modify, text %r" % text


async def check_unknown_request(d):
    """A payload the protocol does not define gets service-unavailable."""
    reply = await d.sender.iq(d.service, "set", p.el("frobnicate"))
    expect_error(reply, "service-unavailable", "cancel", what="<frobnicate/> request")
    return "<frobnicate xmlns='%s'/>: service-unavailable/cancel" % p.NS


async def check_too_many_ids(d):
    """A <status/> naming more than 100 delivery ids gets bad-request."""
    payload = p.el("status", children=[p.el("delivery", id=p.random_id()) for _ in range(101)])
    reply = await d.sender.iq(d.service, "get", payload)
    expect_error(reply, "bad-request", "modify", what="<status/> with 101 ids")
    return "101 ids: bad-request/modify"


async def check_extension_ignored(d):
    """Child elements in other namespaces are extensions and are ignored: the submit works
    and the card arrives."""
    v = new_card(d, "extension")
    children = [p.el("recipient", jid=d.recipient.bare), p.card(v),
                p.el("hint", "urn:example:interop", text="ignore me")]
    await keep_to_rate(d.sender, d.service)
    reply = await d.sender.iq(d.service, "set", p.el("submit", children=children))
    ds = deliveries_of(reply)
    d.to_ack.extend(i for i, _ in ds)
    msg = await wait_card(d, d.recipient, ds[0][0])
    problems = card_problems(msg, d, ds[0][0], v, d.sender)
    expect_empty_result(await ack(d.recipient, d.service, ds[0][0]), "ack")
    expect(not problems, "; ".join(problems))
    return "submit with a foreign-namespace child accepted; card delivered intact"


# Room a copy needs besides the card: message, fallback body, ids (the draft's copies add well
# under 2,000 octets to a card whose fallback body names only its FN).
COPY_ROOM = 2000
# Room a submit needs besides the card (iq, submit, recipient, indentation), so that a card
# this much under max-copy-bytes makes a submit below it.
SUBMIT_ROOM = 800


async def check_card_size(d):
    """Over the advertised max-card-bytes a card (counted in canonical form, with escaped and
    multi-byte characters and uncounted indentation) gets not-acceptable/<card-too-large/>, and
    a card at the limit is accepted and delivered intact. When max-copy-bytes (the largest
    stanza the service sends, and the largest a client should send) leaves less room than
    that, no submit over it is sent (a server with a 64 KiB stanza limit would stop reading the
    connection): the largest card whose copy fits is accepted and delivered intact, and a card
    just under max-copy-bytes is either refused with policy-violation or delivered intact."""
    limit = d.limits.get("max-card-bytes", 65536)
    source = "advertised" if "max-card-bytes" in d.limits else "the draft's default"
    copy_limit = d.limits.get("max-copy-bytes", 64000)
    if limit > LARGEST_CARD_TRIED:
        raise Skip("max-card-bytes=%d (%s) is more than a stanza to common servers may carry"
                   % (limit, source))
    if copy_limit == 0 or limit + COPY_ROOM <= copy_limit:
        over = p.vcard_of_size(limit + 1, "Interop too large %s" % d.run_id)
        reply = await submit(d.sender, d.service, [d.recipient.bare], over)
        if reply.get("type") == "result":
            d.to_ack.extend(i for i, _ in deliveries_of(reply))
        app = expect_error(reply, "not-acceptable", "modify", "card-too-large",
                           "submit of a card of %d octets (max-card-bytes %d)" % (limit + 1, limit))
        largest = limit
        said = "%d: card-too-large max=%s" % (limit + 1, app.get("max"))
    else:
        largest = copy_limit - COPY_ROOM
        near = copy_limit - SUBMIT_ROOM
        reply = await submit(d.sender, d.service, [d.recipient.bare],
                             p.vcard_of_size(near, "Interop near the copy limit %s" % d.run_id))
        if reply.get("type") == "result":
            did = deliveries_of(reply)[0][0]
            d.to_ack.append(did)
            await wait_card(d, d.recipient, did, "the card just under max-copy-bytes")
            said = "%d (just under max-copy-bytes=%d): accepted and delivered" % (near, copy_limit)
        else:
            expect_error(reply, "policy-violation", "modify", None,
                         "submit of a card of %d octets, just under max-copy-bytes %d"
                         % (near, copy_limit))
            said = "%d (its copy over max-copy-bytes=%d): policy-violation" % (near, copy_limit)
        said += "; nothing over max-copy-bytes sent (max-card-bytes %d not reachable)" % limit
    exact = p.vcard_of_size(largest, "Interop largest %s" % d.run_id)
    ds = deliveries_of(await submit(d.sender, d.service, [d.recipient.bare], exact))
    did = ds[0][0]
    msg = await wait_card(d, d.recipient, did, "the largest card that fits")
    problems = card_problems(msg, d, did, exact, d.sender)
    expect_empty_result(await ack(d.recipient, d.service, did), "ack of the largest card")
    if problems:
        raise Fail("card of %d octets: %s" % (largest, "; ".join(problems)))
    return "%d octets (max-card-bytes %s) accepted and delivered intact; %s" % (
        largest, source, said)


async def check_still_works(d):
    """After the bad requests the service still answers: disco#info and an empty <status/>."""
    reply = await d.sender.iq(d.service, "get", p.el("query", p.DISCO_INFO))
    answered = reply.get("type") == "result"
    status = await d.sender.iq(d.service, "get", p.el("status"))
    expect(answered and status.get("type") == "result",
           "disco#info: %s; status: %s" % (p.describe_reply(reply), p.describe_reply(status)))
    node = status.find(p.q(p.NS, "status"))
    created = [e.get("created") or "" for e in node.findall(p.q(p.NS, "delivery"))]
    expect(created == sorted(created, reverse=True),
           "the empty <status/> does not list the deliveries newest first: %s" % created)
    return "disco#info and <status/> answered (%d recent deliveries, newest first)" % len(
        created)
