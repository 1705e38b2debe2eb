"""Tokens and exchange (feature #tokens): create, list, preview, exchange in both ways, the
token rules (a repeat uses nothing, the owner's own exchange, no card, an expiry in the past),
revoke. The run's token is revoked at the end even when a check fails.
"""
from . import protocol as p
from .report import Fail, Skip, expect
from .requests import (ack, card_problems, expect_empty_result, expect_error, is_receipt, need,
                       wait_card)


async def check_tokens(d):
    """create-token returns a token with its URI; <tokens/> lists it."""
    need(d, "sets", "tokens")
    if not getattr(d, "set_version", None):
        raise Skip("no set published")
    reply = await d.sender.iq(d.service, "set", p.el("create-token", set=d.set_name, uses=2))
    t = reply.find(p.q(p.NS, "token")) if reply.get("type") == "result" else None
    if t is None:
        raise Fail("create-token: expected <token/>, got %s" % p.describe_reply(reply))
    d.token = t.get("value")
    d.token_web = t.get("web")
    d.cleanups.append(revoke_quietly)
    problems = []
    if not p.is_opaque_id(d.token):
        problems.append("value %r is not an opaque id" % d.token)
    want_uri = "xmpp:%s?bizcard;token=%s" % (d.service, d.token)
    if t.get("uri") != want_uri:
        problems.append("uri=%r, expected %r" % (t.get("uri"), want_uri))
    if t.get("uses-left") != "2" or t.get("set") != d.set_name:
        problems.append("uses-left=%r set=%r, expected '2' and %r"
                        % (t.get("uses-left"), t.get("set"), d.set_name))
    if not p.is_utc_stamp(t.get("expires")):
        problems.append("expires=%r is not a UTC DateTime" % t.get("expires"))
    listed = await d.sender.iq(d.service, "get", p.el("tokens"))
    values = [e.get("value") for e in listed.iter(p.q(p.NS, "token"))]
    if d.token not in values:
        problems.append("<tokens/> does not list it (%s)" % p.describe_reply(listed))
    expect(not problems, "; ".join(problems))
    return "token %s, uri %s, listed" % (d.token, t.get("uri"))


async def check_preview(d):
    """<preview/> (IQ get) names the owner, the set and the card's FN without using the token;
    a token that cannot be used gets the exchange's error for it."""
    need(d, "sets", "tokens")
    if not getattr(d, "token", None):
        raise Skip("no token")
    reply = await d.recipient.iq(d.service, "get", p.el("preview", token=d.token))
    node = reply.find(p.q(p.NS, "preview")) if reply.get("type") == "result" else None
    if node is None:
        raise Fail("preview: expected <preview/>, got %s" % p.describe_reply(reply))
    current = d.set_cards[max(d.set_cards)]
    fn = current.findtext("%s/%s" % (p.q(p.VCARD, "fn"), p.q(p.VCARD, "text")))
    problems = []
    if node.get("from") != d.sender.bare.lower() or node.get("set") != d.set_name:
        problems.append("from=%r set=%r, expected %r and %r"
                        % (node.get("from"), node.get("set"), d.sender.bare, d.set_name))
    if node.get("fn") != fn:
        problems.append("fn=%r, expected the set card's FN %r" % (node.get("fn"), fn))
    if node.get("accepts-card") not in ("true", "1"):
        problems.append("accepts-card=%r, expected true for a scanner who has not exchanged"
                        % node.get("accepts-card"))
    if node.get("org") is not None or node.get("title") is not None or len(node):
        problems.append("more than the card has or the summary allows: %s"
                        % p.describe_reply(reply))
    listed = await d.sender.iq(d.service, "get", p.el("tokens"))
    left = [e.get("uses-left") for e in listed.iter(p.q(p.NS, "token"))
            if e.get("value") == d.token]
    if left != ["2"]:
        problems.append("after a preview <tokens/> says uses-left=%s, expected 2 (none used)"
                        % (left or "not listed"))
    unknown = await d.recipient.iq(d.service, "get",
                                   p.el("preview", token="A" + d.token[1:] if d.token[0] != "A"
                                        else "B" + d.token[1:]))
    try:
        expect_error(unknown, "item-not-found", "cancel", "invalid-token", "preview of an "
                     "unknown token")
    except Fail as failure:
        problems.append(str(failure))
    expect(not problems, "; ".join(problems))
    return ("from, set and fn of the set's card, accepts-card='true', no use taken; an unknown "
            "token: item-not-found/cancel with <invalid-token/>")


async def check_exchange(d):
    """The recipient exchanges cards with the token (share='true'): it gets the set's card
    and its own card reaches the token's owner with via='token'; the owner's ack gives the
    scanner a receipt."""
    need(d, "sets", "tokens")
    if not getattr(d, "token", None):
        raise Skip("no token")
    mine = p.vcard("Interop scanner %s" % d.run_id)
    mark = d.recipient.inbox.mark()
    reply = await d.recipient.iq(d.service, "set", p.el("exchange", children=[p.card(mine)],
                                                        token=d.token, share="true"))
    node = reply.find(p.q(p.NS, "exchange")) if reply.get("type") == "result" else None
    if node is None:
        raise Fail("exchange: expected <exchange/>, got %s" % p.describe_reply(reply))
    c = node.find(p.q(p.NS, "card"))
    expect(c is not None and c.get("from") == d.sender.bare.lower()
           and c.get("set") == d.set_name,
           "exchange result card from=%r set=%r, expected %r and %r"
           % (None if c is None else c.get("from"), None if c is None else c.get("set"),
              d.sender.bare, d.set_name))
    got_card = c.find(p.q(p.VCARD, "vcard"))
    version = c.get("version") or ""
    current = d.set_cards.get(int(version)) if version.isdigit() else None
    expect(current is not None and got_card is not None
           and p.canonical(got_card) == p.canonical(current),
           "the exchange result card (version %r) is not the set's published card of that "
           "version (published up to %d)" % (c.get("version"), max(d.set_cards)))
    dl = node.find(p.q(p.NS, "delivery"))
    expect(dl is not None and dl.get("to") == d.sender.bare.lower(),
           "exchange result lacks <delivery to=%r/>" % d.sender.bare)
    did = dl.get("id")
    msg = await wait_card(d, d.sender, did, "the scanner's card")
    got = msg.find(p.q(p.NS, "card"))
    problems = card_problems(msg, d, did, mine, d.recipient)
    if got.get("via") != "token":
        problems.append("via=%r, expected 'token'" % got.get("via"))
    expect_empty_result(await ack(d.sender, d.service, did), "owner's ack")
    receipt = await d.recipient.inbox.wait(is_receipt(d.service, did), d.timeout, mark)
    if receipt is None:
        problems.append("the scanner got no receipt")
    # The repeat spells the boolean "1", which the draft says every implementation accepts.
    again = await d.recipient.iq(d.service, "set", p.el("exchange", children=[p.card(mine)],
                                                        token=d.token, share="1"))
    dl2 = again.find("%s/%s" % (p.q(p.NS, "exchange"), p.q(p.NS, "delivery")))
    if dl2 is None or dl2.get("id") != did:
        problems.append("a repeated exchange (share='1') did not return the same delivery (%s)"
                        % p.describe_reply(again))
    own = await d.sender.iq(d.service, "set", p.el("exchange", token=d.token, share="false"))
    own_node = own.find(p.q(p.NS, "exchange"))
    if own_node is None or own_node.find(p.q(p.NS, "card")) is None:
        problems.append("the owner's exchange with its own token: %s, expected the card"
                        % p.describe_reply(own))
    elif own_node.find(p.q(p.NS, "delivery")) is not None:
        problems.append("the owner's exchange with its own token created a delivery")
    listed = await d.sender.iq(d.service, "get", p.el("tokens"))
    left = [e.get("uses-left") for e in listed.iter(p.q(p.NS, "token"))
            if e.get("value") == d.token]
    if left != ["1"]:
        problems.append("after two exchanges by the scanner and one by the owner <tokens/> "
                        "says uses-left=%s, expected 1 (one use of 2)" % (left or "not listed"))
    expect(not problems, "; ".join(problems))
    return ("got set card version %s; own card delivered via=token, acked, receipt; a repeat "
            "(share='1') returned the same delivery; the owner's own exchange got the card; "
            "one use consumed" % c.get("version"))


async def check_exchange_without_card(d):
    """An exchange with share='true' and no card gets bad-request/<invalid-card/> and uses
    nothing."""
    need(d, "sets", "tokens")
    if not getattr(d, "token", None):
        raise Skip("no token")
    reply = await d.recipient.iq(d.service, "set", p.el("exchange", token=d.token,
                                                        share="true"))
    expect_error(reply, "bad-request", "modify", "invalid-card", "exchange share='true', no card")
    return "bad-request/modify with <invalid-card/>"


async def check_token_in_past(d):
    """create-token with an expiry in the past gets bad-request."""
    need(d, "sets", "tokens")
    if not getattr(d, "set_version", None):
        raise Skip("no set published")
    reply = await d.sender.iq(d.service, "set", p.el("create-token", set=d.set_name,
                                                     expires="2001-01-01T00:00:00Z"))
    t = reply.find(p.q(p.NS, "token"))
    if t is not None:
        await d.sender.iq(d.service, "set", p.el("revoke-token", value=t.get("value")))
    expect_error(reply, "bad-request", "modify", what="create-token expiring in 2001")
    return "expires=2001-01-01T00:00:00Z: bad-request/modify"


async def check_revoke(d):
    """revoke-token gets an empty result; the token then gets item-not-found/<invalid-token/>."""
    need(d, "sets", "tokens")
    if not getattr(d, "token", None):
        raise Skip("no token")
    reply = await d.sender.iq(d.service, "set", p.el("revoke-token", value=d.token))
    expect_empty_result(reply, "revoke-token")
    token, d.token = d.token, None
    d.revoked_web = getattr(d, "token_web", None)
    again = await d.recipient.iq(d.service, "set", p.el("exchange", token=token, share="false"))
    expect_error(again, "item-not-found", "cancel", "invalid-token", "exchange after revoke")
    return "revoked; exchange then: item-not-found/cancel with <invalid-token/>"


async def revoke_quietly(d):
    """Revokes the run's token if it is still there."""
    if getattr(d, "token", None):
        await d.sender.iq(d.service, "set", p.el("revoke-token", value=d.token))
