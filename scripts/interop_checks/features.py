"""The optional features a card service may advertise: card sets, updates, tokens and
exchange, backup. Each check runs only when the feature is advertised and SKIPs with the
reason otherwise. What a check creates (sets, tokens, backups) is registered in d.cleanups and
removed at the end of the run even when a check fails.
"""
import asyncio
import base64
import secrets

from . import protocol as p
from .core import (ack, card_problems, deliveries_of, expect_empty_result, expect_error,
                   is_receipt, submit, wait_card)
from .report import Fail, Skip, expect


def need(d, *features):
    """Skip unless every one of FEATURES is advertised."""
    missing = [f for f in features if p.FEATURES[f] not in d.features]
    if missing:
        raise Skip("%s not advertised by %s" % (", ".join("#" + f for f in missing), d.service))


async def publish(d, v):
    """Publishes V as the run's set; returns the version the service gives."""
    reply = await d.sender.iq(d.service, "set", p.el("publish", children=[p.card(v)],
                                                     name=d.set_name))
    node = reply.find(p.q(p.NS, "published")) if reply.get("type") == "result" else None
    if node is None:
        raise Fail("publish: expected <published/>, got %s" % p.describe_reply(reply))
    expect(node.get("name") == d.set_name, "published name=%r" % node.get("name"))
    return node.get("version")


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
    v = set_card(d, 2)
    version = await publish(d, v)
    expect(version == "2", "second publication got version %r, expected 2" % version)

    def is_update(m):
        c = m.find(p.q(p.NS, "card"))
        return (c is not None and m.get("from") == d.service and c.get("set") == d.set_name
                and c.get("version") == "2")
    msg = await d.recipient.inbox.wait(is_update, d.timeout, mark)
    if msg is None:
        raise Fail("no update of %s version 2 reached the follower within %gs"
                   % (d.set_name, d.timeout))
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
        problems.append("the vCard of version 2 changed on the way")
    expect_empty_result(await ack(d.recipient, d.service, c.get("id")), "ack of the update")
    expect(not problems, "; ".join(problems))
    return "headline with update='true', version 2, no-store; acked (followers=%s)" % followers


async def check_unfollow(d):
    """<unfollow/> gets an empty result, and the next publication sends no update."""
    need(d, "sets", "updates")
    if not getattr(d, "following", False):
        raise Skip("the recipient does not follow the set")
    reply = await d.recipient.iq(d.service, "set", p.el("unfollow", **{"from": d.sender.bare},
                                                        set=d.set_name))
    expect_empty_result(reply, "unfollow")
    mark = d.recipient.inbox.mark()
    await publish(d, set_card(d, 3))
    await asyncio.sleep(min(2.0, d.timeout))
    late = d.recipient.inbox.find(
        lambda m: (m.find(p.q(p.NS, "card")) is not None
                   and m.find(p.q(p.NS, "card")).get("set") == d.set_name), mark)
    expect(not late, "an update of version 3 arrived after the unfollow")
    return "empty result; version 3 sent no update"


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


async def check_retract(d):
    """<retract/> gets an empty result; the set is then item-not-found/<unknown-set/>."""
    need(d, "sets")
    if not getattr(d, "set_version", None):
        raise Skip("no set published")
    reply = await d.sender.iq(d.service, "set", p.el("retract", name=d.set_name))
    expect_empty_result(reply, "retract")
    d.set_version = None
    again = await d.sender.iq(d.service, "get", p.el("set", name=d.set_name))
    expect_error(again, "item-not-found", "cancel", "unknown-set", "set after retract")
    return "retracted; <set/> then: item-not-found/cancel with <unknown-set/>"


async def check_backup(d):
    """A backup in two chunks: begin, chunks, query, commit, list, restore byte for byte,
    delete; afterwards it is item-not-found/<unknown-backup/>."""
    need(d, "backup")
    chunk = min(1000, d.limits.get("max-chunk-bytes", 32768))
    data = [secrets.token_bytes(chunk), secrets.token_bytes(chunk // 2 or 1)]
    total = sum(len(c) for c in data)
    s, svc = d.sender, d.service
    reply = await s.iq(svc, "set", p.el("backup-begin", bytes=total, chunks=len(data)))
    up = reply.find(p.q(p.NS, "backup-upload")) if reply.get("type") == "result" else None
    if up is None:
        raise Fail("backup-begin: expected <backup-upload/>, got %s" % p.describe_reply(reply))
    uid = up.get("id")
    expect(p.is_opaque_id(uid), "upload id %r is not an opaque id" % uid)
    for i, c in enumerate(data):
        r = await s.iq(svc, "set", p.el("backup-chunk", text=base64.b64encode(c).decode(),
                                        upload=uid, index=i))
        expect_empty_result(r, "backup-chunk %d" % i)
    r = await s.iq(svc, "get", p.el("backup-upload", id=uid))
    ranges = [(e.get("first"), e.get("last")) for e in r.iter(p.q(p.NS, "received"))]
    expect(ranges == [("0", "1")], "backup-upload query: received %s, expected [0-1] (%s)"
           % (ranges, p.describe_reply(r)))
    r = await s.iq(svc, "set", p.el("backup-commit", upload=uid))
    stored = r.find(p.q(p.NS, "backup-stored")) if r.get("type") == "result" else None
    if stored is None:
        raise Fail("backup-commit: expected <backup-stored/>, got %s" % p.describe_reply(r))
    d.backup_id = stored.get("id")
    d.cleanups.append(delete_backup_quietly)
    expect(d.backup_id == uid and stored.get("bytes") == str(total),
           "backup-stored id=%r bytes=%r, expected %r and %d"
           % (d.backup_id, stored.get("bytes"), uid, total))
    r = await s.iq(svc, "get", p.el("backups"))
    expect(uid in [e.get("id") for e in r.iter(p.q(p.NS, "backup"))],
           "<backups/> does not list %s" % uid)
    for i, c in enumerate(data):
        r = await s.iq(svc, "get", p.el("restore", backup=uid, index=i))
        rc = r.find(p.q(p.NS, "restore-chunk")) if r.get("type") == "result" else None
        expect(rc is not None, "restore %d: %s" % (i, p.describe_reply(r)))
        expect(base64.b64decode(rc.text or "") == c, "restore %d returned other bytes" % i)
    expect_empty_result(await s.iq(svc, "set", p.el("delete-backup", id=uid)), "delete-backup")
    d.backup_id = None
    r = await s.iq(svc, "get", p.el("restore", backup=uid, index=0))
    expect_error(r, "item-not-found", "cancel", "unknown-backup", "restore after delete")
    return "%d bytes in 2 chunks stored, listed, restored byte for byte, deleted" % total


async def chunk(d, upload, index, data):
    """Sends one backup chunk and returns the reply."""
    return await d.sender.iq(d.service, "set", p.el(
        "backup-chunk", text=base64.b64encode(data).decode(), upload=upload, index=index))


async def check_backup_errors(d):
    """The backup errors of the draft: too large, chunks too large, index out of range, a
    conflicting chunk, an incomplete commit; the upload is then completed and deleted."""
    need(d, "backup")
    max_backup = d.limits.get("max-backup-bytes", 67108864)
    max_chunk = d.limits.get("max-chunk-bytes", 32768)
    s, svc = d.sender, d.service
    chunks = -(-(max_backup + 1) // max_chunk)
    r = await s.iq(svc, "set", p.el("backup-begin", bytes=max_backup + 1, chunks=chunks))
    expect_error(r, "policy-violation", "modify", "backup-too-large",
                 "backup-begin of max-backup-bytes + 1")
    r = await s.iq(svc, "set", p.el("backup-begin", bytes=max_chunk + 1, chunks=1))
    expect_error(r, "policy-violation", "modify", "chunk-too-large",
                 "backup-begin of max-chunk-bytes + 1 in one chunk")
    r = await s.iq(svc, "set", p.el("backup-begin", bytes=3, chunks=2))
    up = r.find(p.q(p.NS, "backup-upload"))
    if up is None:
        raise Fail("backup-begin: expected <backup-upload/>, got %s" % p.describe_reply(r))
    uid = up.get("id")
    expect_error(await chunk(d, uid, 2, b"x"), "bad-request", "modify", "chunk-out-of-range",
                 "chunk index 2 of 2")
    expect_empty_result(await chunk(d, uid, 0, b"ab"), "chunk 0")
    expect_empty_result(await chunk(d, uid, 0, b"ab"), "chunk 0 sent again")
    expect_error(await chunk(d, uid, 0, b"cd"), "conflict", "cancel", "chunk-conflict",
                 "chunk 0 with other bytes")
    r = await s.iq(svc, "set", p.el("backup-commit", upload=uid))
    expect_error(r, "unexpected-request", "modify", "upload-incomplete", "commit of 1 of 2")
    expect_empty_result(await chunk(d, uid, 1, b"e"), "chunk 1")
    r = await s.iq(svc, "set", p.el("backup-commit", upload=uid))
    stored = r.find(p.q(p.NS, "backup-stored"))
    if stored is None:
        raise Fail("commit after the missing chunk: %s" % p.describe_reply(r))
    d.backup_id = uid
    d.cleanups.append(delete_backup_quietly)
    r = await s.iq(svc, "get", p.el("restore", backup=uid, index=0))
    expect(base64.b64decode(r.findtext(p.q(p.NS, "restore-chunk")) or "") == b"ab",
           "restore of chunk 0 after the conflict did not return the first bytes")
    expect_empty_result(await s.iq(svc, "set", p.el("delete-backup", id=uid)), "delete-backup")
    d.backup_id = None
    return ("backup-too-large, chunk-too-large, chunk-out-of-range, chunk-conflict (first "
            "bytes kept), upload-incomplete; then committed and deleted")


# ---------------------------------------------------------------- cleanup

async def retract_quietly(d):
    """Retracts the run's set if it still exists (this also deletes its tokens)."""
    if getattr(d, "set_version", None):
        await d.sender.iq(d.service, "set", p.el("retract", name=d.set_name))


async def revoke_quietly(d):
    """Revokes the run's token if it is still there."""
    if getattr(d, "token", None):
        await d.sender.iq(d.service, "set", p.el("revoke-token", value=d.token))


async def delete_backup_quietly(d):
    """Deletes the run's backup if it is still there."""
    if getattr(d, "backup_id", None):
        await d.sender.iq(d.service, "set", p.el("delete-backup", id=d.backup_id))
