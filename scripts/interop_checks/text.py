"""Cards as text (draft: "Cards as Text").

A recipient that sends <sync form='text'/> gets its copies with the card as one vCard 4.0 in
<vcard-text/>; a sender may submit the card as text to a service that advertises
urn:xmpp:bizcard:0#text; a sync without 'form' brings xCard back.
"""
from . import protocol as p
from .report import expect
from .requests import (ack, card_of, expect_empty_result, new_card, submit, deliveries_of,
                       submit_one, wait_card)


def unfolded_lines(text):
    """The content lines of vCard TEXT (RFC 6350 3.2: a line starting with a space or tab
    continues the one before), CRLF or LF."""
    lines = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def text_value(value):
    """VALUE escaped as an RFC 6350 text value."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\n", "\\n"))


def text_problems(msg, fn, uid):
    """What in a copy differs from a card as text holding FN and UID."""
    c = card_of(msg)
    text = c.find(p.q(p.NS, "vcard-text"))
    if text is None or len(c) != 1:
        return ["the copy does not carry the card as one <vcard-text/> (children: %s)"
                % ", ".join(p.split_tag(e.tag)[1] for e in c)]
    lines = unfolded_lines(text.text)
    problems = []
    if lines[:2] != ["BEGIN:VCARD", "VERSION:4.0"] or lines[-1:] != ["END:VCARD"]:
        problems.append("<vcard-text/> is not one vCard 4.0 (BEGIN:VCARD, VERSION:4.0 ... "
                        "END:VCARD)")
    if "FN:" + text_value(fn) not in lines:
        problems.append("the text has no FN:%s" % text_value(fn))
    if "UID:" + uid not in lines:
        problems.append("the text has no UID:%s" % uid)
    return problems


def fn_and_uid(v):
    return (v.findtext("%s/%s" % (p.q(p.VCARD, "fn"), p.q(p.VCARD, "text"))),
            v.findtext("%s/%s" % (p.q(p.VCARD, "uid"), p.q(p.VCARD, "uri"))))


async def sync_with(d, **form):
    reply = await d.recipient.iq(d.service, "set", p.el("sync", **form))
    expect(reply.get("type") == "result" and reply.find(p.q(p.NS, "sync")) is not None,
           "<sync%s/>: expected a result with <sync/>, got %s"
           % ("".join(" %s='%s'" % kv for kv in form.items()), p.describe_reply(reply)))


async def check_text(d):
    """After <sync form='text'/> the recipient's copy carries the card sent as one vCard 4.0
    in <vcard-text/>; with #text a card submitted as text arrives the same way; after a sync
    without 'form' copies carry xCard again."""
    await sync_with(d, form="text")
    try:
        v = new_card(d, "as text")
        did = await submit_one(d, v)
        msg = await wait_card(d, d.recipient, did)
        fn, uid = fn_and_uid(v)
        problems = text_problems(msg, fn, uid)
        expect(not problems, "; ".join(problems))
        expect_empty_result(await ack(d.recipient, d.service, did), "ack of the card as text")
        said = "an xCard submit came as text"
        if p.FEATURES["text"] in d.features:
            v = new_card(d, "sent as text")
            fn, uid = fn_and_uid(v)
            card = p.el("card", children=[p.el("vcard-text", text="BEGIN:VCARD\nVERSION:4.0\n"
                                                "UID:%s\nFN:%s\nEND:VCARD\n"
                                                % (uid, text_value(fn)))])
            reply = await submit(d.sender, d.service, [d.recipient.bare], card=card)
            (did, _), = deliveries_of(reply)
            d.to_ack.append(did)
            msg = await wait_card(d, d.recipient, did)
            problems = text_problems(msg, fn, uid)
            expect(not problems, "submitted as text: " + "; ".join(problems))
            expect_empty_result(await ack(d.recipient, d.service, did), "ack of the text submit")
            said += ", and so did a submit as text (#text)"
        else:
            said += " (#text not advertised: no submit as text)"
    finally:
        await sync_with(d)
    v = new_card(d, "xcard again")
    did = await submit_one(d, v)
    msg = await wait_card(d, d.recipient, did)
    expect(card_of(msg).find(p.q(p.VCARD, "vcard")) is not None,
           "after a sync without 'form' the copy still does not carry xCard")
    expect_empty_result(await ack(d.recipient, d.service, did), "ack of the xCard copy")
    return said + "; xCard again after a sync without 'form'"
