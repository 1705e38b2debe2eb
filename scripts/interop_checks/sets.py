"""Card sets and updates (features #sets and #updates): publish, list, fetch, send a set,
the set rules (names, UID, max-sets), updates to a follower, unfollow, retract.

The checks run only when the feature is advertised and SKIP with the reason otherwise; the
run's set is retracted at the end even when a check fails.
"""
import asyncio
import secrets

from . import protocol as p
from .report import Fail, Skip, expect
from .requests import (ack, card_problems, deliveries_of, expect_empty_result, expect_error,
                       need, submit, wait_card)


async def publish(d, v):
    """Publishes V as the run's set; returns the version the service gives."""
    reply = await d.sender.iq(d.service, "set", p.el("publish", children=[p.card(v)],
                                                     name=d.set_name))
    node = reply.find(p.q(p.NS, "published")) if reply.get("type") == "result" else None
    if node is None:
        raise Fail("publish: expected <published/>, got %s" % p.describe_reply(reply))
    expect(node.get("name") == d.set_name, "published name=%r" % node.get("name"))
    return node.get("version")


async def publish_next(d):
    """Publishes the next version of the run's set; Fail unless the version grew by one.
    Returns (version, vcard)."""
    n = d.set_version + 1
    v = set_card(d, n)
    got = await publish(d, v)
    expect(got == str(n), "publication %d of the set got version %r, expected %d (versions "
           "grow by one with every publication)" % (n, got, n))
    d.set_version = n
    return n, v


def is_set_card(d, version):
    """Predicate: a message from the service with the run's set card of VERSION."""
    def pred(m):
        c = m.find(p.q(p.NS, "card"))
        return (c is not None and m.get("from") == d.service and c.get("set") == d.set_name
                and c.get("version") == str(version))
    return pred


def set_card(d, version):
    """The run's set card of VERSION (same UID every time), made once and remembered."""
    if version not in d.set_cards:
        d.set_cards[version] = p.vcard("Interop set %s v%d" % (d.run_id, version),
                                       uid=d.set_uid)
    return d.set_cards[version]


async def list_sets(d):
    """{name: <set/>} of the sender's <sets/>."""
    reply = await d.sender.iq(d.service, "get", p.el("sets"))
    node = reply.find(p.q(p.NS, "sets")) if reply.get("type") == "result" else None
    if node is None:
        raise Fail("sets: expected <sets/>, got %s" % p.describe_reply(reply))
    return {s.get("name"): s for s in node.findall(p.q(p.NS, "set"))}


async def check_sets(d):
    """Publish creates a set at version 1; <sets/> lists it; <set/> returns the card intact."""
    need(d, "sets")
    d.set_name = "interop-" + d.run_id
    d.set_uid = "urn:uuid:%s" % secrets.token_hex(16)
    d.set_cards = {}
    v = set_card(d, 1)
    version = await publish(d, v)
    d.cleanups.append(retract_quietly)
    expect(version == "1", "a new set should start at version 1, got %r" % version)
    d.set_version = 1
    listed = (await list_sets(d)).get(d.set_name)
    expect(listed is not None, "<sets/> does not list %s" % d.set_name)
    expect(listed.get("version") == "1" and p.is_utc_stamp(listed.get("updated")),
           "<sets/> lists version=%r updated=%r" % (listed.get("version"), listed.get("updated")))
    reply = await d.sender.iq(d.service, "get", p.el("set", name=d.set_name))
    got = reply.find("%s/%s/%s" % (p.q(p.NS, "set"), p.q(p.NS, "card"), p.q(p.VCARD, "vcard")))
    expect(got is not None, "<set/>: expected the card, got %s" % p.describe_reply(reply))
    expect(p.canonical(got) == p.canonical(v), "<set/> returned another vCard than published")
    return "published %s version 1, listed, fetched intact" % d.set_name


async def check_bad_sets(d):
    """A set name outside [a-z0-9-]{1,64} gets bad-request; a set card without UID gets
    bad-request/<invalid-card/>."""
    need(d, "sets")
    bad = await d.sender.iq(d.service, "set", p.el("publish", children=[p.card(
        p.vcard("Interop bad name %s" % d.run_id))], name="Interop!"))
    expect_error(bad, "bad-request", "modify", what="publish name='Interop!'")
    no_uid = p.vcard("Interop no UID %s" % d.run_id)
    no_uid.remove(no_uid.find(p.q(p.VCARD, "uid")))
    name = "interop-nouid-" + d.run_id
    reply = await d.sender.iq(d.service, "set", p.el("publish", children=[p.card(no_uid)],
                                                     name=name))
    if reply.get("type") == "result":
        await d.sender.iq(d.service, "set", p.el("retract", name=name))
    expect_error(reply, "bad-request", "modify", "invalid-card", "publish of a card without UID")
    return "name 'Interop!': bad-request/modify; card without UID: <invalid-card/>"


async def check_too_many_sets(d):
    """Publishing one set more than max-sets gets resource-constraint/<too-many-sets/>; the
    sets made for it are retracted."""
    need(d, "sets")
    limit = d.limits.get("max-sets", 10)
    if limit == 0:
        raise Skip("max-sets=0: no limit")
    if limit > 50:
        raise Skip("max-sets=%d: too many sets to make" % limit)
    have = len(await list_sets(d))
    made = []
    try:
        for i in range(max(limit - have, 0) + 1):
            name = "interop-%s-%d" % (d.run_id, i)
            reply = await d.sender.iq(d.service, "set", p.el("publish", children=[p.card(
                p.vcard("Interop many %s %d" % (d.run_id, i)))], name=name))
            if reply.get("type") == "result":
                made.append(name)
                continue
            expect(len(made) + have == limit,
                   "publish %s failed with %d sets (max-sets %d): %s"
                   % (name, have + len(made), limit, p.describe_reply(reply)))
            app = expect_error(reply, "resource-constraint", "cancel", "too-many-sets",
                               "publish beyond max-sets")
            return "set %d refused: resource-constraint/cancel with <too-many-sets max=%s/>" % (
                limit + 1, app.get("max"))
        raise Fail("%d sets published, max-sets is %d" % (have + len(made), limit))
    finally:
        for name in made:
            await d.sender.iq(d.service, "set", p.el("retract", name=name))


async def check_set_delivery(d):
    """A submit naming the set delivers its card with 'set' and 'version'; acked (with
    follow='true' when #updates is advertised)."""
    need(d, "sets")
    if not getattr(d, "set_version", None):
        raise Skip("no set published")
    reply = await submit(d.sender, d.service, [d.recipient.bare], set_name=d.set_name)
    did = deliveries_of(reply)[0][0]
    msg = await wait_card(d, d.recipient, did, "the set's card")
    problems = card_problems(msg, d, did, set_card(d, 1), d.sender)
    c = msg.find(p.q(p.NS, "card"))
    if c.get("set") != d.set_name or c.get("version") != "1":
        problems.append("card set=%r version=%r, expected %r and '1'"
                        % (c.get("set"), c.get("version"), d.set_name))
    follow = "true" if p.FEATURES["updates"] in d.features else None
    expect_empty_result(await ack(d.recipient, d.service, did, follow=follow), "ack")
    d.following = bool(follow)
    expect(not problems, "; ".join(problems))
    return "card with set=%s version=1 delivered%s" % (d.set_name,
                                                      "; acked with follow" if follow else "")


async def check_unknown_set(d):
    """A submit naming a set the user does not have gets item-not-found/<unknown-set/>."""
    need(d, "sets")
    name = "interop-missing-" + d.run_id
    reply = await submit(d.sender, d.service, [d.recipient.bare], set_name=name)
    expect_error(reply, "item-not-found", "cancel", "unknown-set", "submit of set %s" % name)
    return "submit set=%s: item-not-found/cancel with <unknown-set/>" % name


async def check_update(d):
    """A new publication reaches the follower as an update: headline, no-store, update='true',
    the new version, the vCard intact; <sets/> counts one follower."""
    need(d, "sets", "updates")
    if not getattr(d, "following", False):
        raise Skip("the recipient does not follow the set")
    listed = (await list_sets(d)).get(d.set_name)
    followers = listed.get("followers") if listed is not None else None
    expect(followers in (None, "1"), "<sets/> says followers=%r, expected 1" % followers)
    mark = d.recipient.inbox.mark()
    n, v = await publish_next(d)
    msg = await d.recipient.inbox.wait(is_set_card(d, n), d.timeout, mark)
    if msg is None:
        raise Fail("no update of %s version %d reached the follower within %gs"
                   % (d.set_name, n, d.timeout))
    c = msg.find(p.q(p.NS, "card"))
    problems = []
    if c.get("update") not in ("true", "1"):
        problems.append("update=%r, expected 'true'" % c.get("update"))
    if msg.get("type") != "headline":
        problems.append("type=%r, expected 'headline'" % msg.get("type"))
    if msg.find(p.q(p.HINTS, "no-store")) is None:
        problems.append("no <no-store/> hint")
    got = c.find(p.q(p.VCARD, "vcard"))
    if got is None or p.canonical(got) != p.canonical(v):
        problems.append("the vCard of version %d changed on the way" % n)
    expect_empty_result(await ack(d.recipient, d.service, c.get("id")), "ack of the update")
    expect(not problems, "; ".join(problems))
    return "headline with update='true', version %d, no-store; acked (followers=%s)" % (
        n, followers)


async def check_superseded_update(d):
    """A follower offline while two versions are published gets only the newest, once, when
    it synchronises: the older update is superseded."""
    need(d, "sets", "updates")
    if not getattr(d, "following", False):
        raise Skip("the recipient does not follow the set")
    await d.recipient.close()
    try:
        await asyncio.sleep(0.5)
        older, _ = await publish_next(d)
        newest, v = await publish_next(d)
        await asyncio.sleep(1.0)
    finally:
        r = await d.reconnect_recipient()
    await r.iq(r.domain, "get", p.el("ping", p.PING))
    reply = await r.iq(d.service, "set", p.el("sync"))
    expect(reply.get("type") == "result", "sync: %s" % p.describe_reply(reply))
    msg = await r.inbox.wait(is_set_card(d, newest), d.timeout)
    if msg is None:
        raise Fail("version %d did not reach the follower after its sync within %gs"
                   % (newest, d.timeout))
    c = msg.find(p.q(p.NS, "card"))
    expect_empty_result(await ack(r, d.service, c.get("id")), "ack of the newest update")
    resent = [m for m in r.inbox.find(is_set_card(d, older)) if m.get("to") == r.full]
    expect(not resent, "the superseded version %d was resent on the sync" % older)
    expect(c.get("update") in ("true", "1"), "update=%r, expected 'true'" % c.get("update"))
    return "versions %d and %d published while offline; the sync brought only %d" % (
        older, newest, newest)


async def check_unfollow(d):
    """<unfollow/> gets an empty result, and the next publication sends no update."""
    need(d, "sets", "updates")
    if not getattr(d, "following", False):
        raise Skip("the recipient does not follow the set")
    reply = await d.recipient.iq(d.service, "set", p.el("unfollow", **{"from": d.sender.bare},
                                                        set=d.set_name))
    expect_empty_result(reply, "unfollow")
    mark = d.recipient.inbox.mark()
    n, _ = await publish_next(d)
    await asyncio.sleep(min(2.0, d.timeout))
    late = d.recipient.inbox.find(is_set_card(d, n), mark)
    expect(not late, "an update of version %d arrived after the unfollow" % n)
    return "empty result; version %d sent no update" % n


async def check_retract(d):
    """<retract/> gets an empty result; the set is then item-not-found/<unknown-set/>."""
    need(d, "sets")
    if not getattr(d, "set_version", None):
        raise Skip("no set published")
    token = None
    if p.FEATURES["tokens"] in d.features:
        made = await d.sender.iq(d.service, "set", p.el("create-token", set=d.set_name))
        t = made.find(p.q(p.NS, "token"))
        token = t.get("value") if t is not None else None
    reply = await d.sender.iq(d.service, "set", p.el("retract", name=d.set_name))
    expect_empty_result(reply, "retract")
    d.set_version = None
    again = await d.sender.iq(d.service, "get", p.el("set", name=d.set_name))
    expect_error(again, "item-not-found", "cancel", "unknown-set", "set after retract")
    if token is None:
        return "retracted; <set/> then: item-not-found/cancel with <unknown-set/>"
    listed = await d.sender.iq(d.service, "get", p.el("tokens"))
    values = [e.get("value") for e in listed.iter(p.q(p.NS, "token"))]
    if token in values:
        await d.sender.iq(d.service, "set", p.el("revoke-token", value=token))
    expect(token not in values, "<tokens/> still lists a token of the retracted set")
    return ("retracted; <set/> then: item-not-found/cancel with <unknown-set/>; its token is "
            "gone from <tokens/>")


async def retract_quietly(d):
    """Retracts the run's set if it still exists (this also deletes its tokens)."""
    if getattr(d, "set_version", None):
        await d.sender.iq(d.service, "set", p.el("retract", name=d.set_name))
