"""What the Business Card Exchange draft says on the wire, as small helpers.

Namespaces, builders of the request payloads, fresh random vCards, the canonical form the
draft counts card sizes on (section "Limits"), and the reading of IQ error replies. Every
check compares what a service sends with what is written here, never with what one
implementation happens to do.
"""
import base64
import secrets
import uuid
import xml.etree.ElementTree as ET

NS = "urn:xmpp:bizcard:0"
VCARD = "urn:ietf:params:xml:ns:vcard-4.0"
CLIENT = "jabber:client"
STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
DISCO_INFO = "http://jabber.org/protocol/disco#info"
DISCO_ITEMS = "http://jabber.org/protocol/disco#items"
DATA = "jabber:x:data"
PING = "urn:xmpp:ping"
FALLBACK = "urn:xmpp:fallback:0"
SID = "urn:xmpp:sid:0"
HINTS = "urn:xmpp:hints"
DELAY = "urn:xmpp:delay"
FEATURES = {"sets": NS + "#sets", "tokens": NS + "#tokens", "updates": NS + "#updates",
            "backup": NS + "#backup", "text": NS + "#text"}
LIMITS_FORM = NS + "#limits"
LIMIT_FIELDS = ("max-card-bytes", "max-recipients", "max-pending-per-recipient",
                "submits-per-minute", "card-lifetime-seconds", "max-backup-bytes", "max-sets",
                "max-chunk-bytes", "max-backups", "max-copy-bytes")
ID_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def q(ns, name):
    """The ElementTree tag of NAME in namespace NS."""
    return "{%s}%s" % (ns, name)


def el(local, ns=NS, text=None, children=(), **attrs):
    """An element LOCAL (in NS) with attributes (underscores become dashes) and children;
    attributes whose value is None are left out."""
    e = ET.Element(q(ns, local), {k.replace("_", "-"): str(v) for k, v in attrs.items()
                                 if v is not None})
    if text is not None:
        e.text = text
    for c in children:
        e.append(c)
    return e


def random_id():
    """An opaque id as the draft defines it: 16 random bytes, URL-safe Base64, no padding."""
    return base64.urlsafe_b64encode(secrets.token_bytes(16)).rstrip(b"=").decode()


def is_opaque_id(value):
    """True when VALUE has the syntax of a delivery id, token value or backup id."""
    return bool(value) and 22 <= len(value) <= 64 and set(value) <= ID_ALPHABET


def is_utc_stamp(value):
    """True when VALUE looks like an XEP-0082 DateTime in UTC."""
    return bool(value) and len(value) >= 20 and value[10] == "T" and value.endswith("Z")


def vcard(fn, uid=None, note=None):
    """A small RFC 6351 vCard with FN, a UID, an e-mail address and optionally a NOTE."""
    v = el("vcard", VCARD)
    uid_el = el("uid", VCARD)
    uid_el.append(el("uri", VCARD, text=uid or "urn:uuid:%s" % uuid.uuid4()))
    v.append(uid_el)
    fn_el = el("fn", VCARD)
    fn_el.append(el("text", VCARD, text=fn))
    v.append(fn_el)
    mail = el("email", VCARD)
    mail.append(el("text", VCARD, text="interop-%s@example.org" % secrets.token_hex(4)))
    v.append(mail)
    if note is not None:
        note_el = el("note", VCARD)
        note_el.append(el("text", VCARD, text=note))
        v.append(note_el)
    return v


def vcard_without_fn():
    """A vCard that the draft calls invalid: it has no FN property."""
    v = el("vcard", VCARD)
    n = el("org", VCARD)
    n.append(el("text", VCARD, text="No Formatted Name Ltd"))
    v.append(n)
    return v


# Characters whose canonical size differs from one octet: escapes and multi-byte UTF-8.
SIZE_PROBE = "\u00e4&<>'\"\u20ac"


def indent(e, level=0):
    """Adds indentation (white space the canonical form leaves out) inside E."""
    children = list(e)
    if children:
        e.text = "\n" + "  " * (level + 1)
        for c in children:
            indent(c, level + 1)
            c.tail = "\n" + "  " * (level + 1)
        children[-1].tail = "\n" + "  " * level


def vcard_of_size(size, fn):
    """A vCard whose canonical form has exactly SIZE octets, padded with a NOTE that holds
    characters counted as several octets (escaped, or multi-byte in UTF-8), and indented with
    white space that the canonical form does not count: a service must count as the draft
    says to accept it at its limit and refuse it one octet above."""
    uid = "urn:uuid:%s" % uuid.uuid4()
    v = vcard(fn, uid=uid, note="x")
    text = v.find(q(VCARD, "note")).find(q(VCARD, "text"))
    room = size - canonical_size(v) + 1
    if room < 1:
        raise ValueError("a card of %d octets is too small for FN and UID" % size)
    probe = len(escape(SIZE_PROBE).encode("utf-8"))
    text.text = SIZE_PROBE * min(room // probe, 100)
    text.text += "x" * (size - canonical_size(v))
    indent(v)
    assert canonical_size(v) == size
    return v


def card(v):
    """<card/> around a vCard, for submit, publish and exchange."""
    return el("card", children=[v])


def escape(text):
    """Character data and attribute values as the draft's canonical form writes them."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&apos;").replace('"', "&quot;"))


def split_tag(tag):
    """(namespace, local name) of an ElementTree tag."""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def canonical(e, parent_ns=None):
    """The canonical form of an element as the draft's section "Limits" defines it."""
    ns, local = split_tag(e.tag)
    out = "<" + local
    if ns != parent_ns:
        out += " xmlns='%s'" % escape(ns)
    prefix = 0
    for name, value in e.attrib.items():
        ans, alocal = split_tag(name)
        if ans:
            out += " xmlns:a%d='%s' a%d:%s='%s'" % (prefix, escape(ans), prefix, alocal,
                                                    escape(value))
            prefix += 1
        else:
            out += " %s='%s'" % (alocal, escape(value))
    children = list(e)
    text = e.text or ""
    if children and not text.strip():
        text = ""
    parts = [escape(text)]
    for c in children:
        parts.append(canonical(c, ns))
        tail = c.tail or ""
        parts.append("" if not tail.strip() else escape(tail))
    inner = "".join(parts)
    if not inner:
        return out + "/>"
    return out + ">" + inner + "</" + local + ">"


def canonical_size(e):
    """Octets of the UTF-8 encoding of the canonical form of E."""
    return len(canonical(e).encode("utf-8"))


def child(e, ns, name):
    """The first child NAME in NS of E, or None."""
    return None if e is None else e.find(q(ns, name))


def error_of(reply):
    """(type, defined condition, application condition element, text) of an IQ error reply,
    or None when REPLY is not an error."""
    if reply is None or reply.get("type") != "error":
        return None
    err = reply.find(q(CLIENT, "error"))
    if err is None:
        return (None, None, None, None)
    cond = text = None
    app = None
    for c in err:
        ns, local = split_tag(c.tag)
        if ns == STANZAS and local == "text":
            text = c.text
        elif ns == STANZAS:
            cond = local
        elif ns == NS:
            app = c
    return (err.get("type"), cond, app, text)


def describe_reply(reply):
    """A short description of an IQ reply for a report line."""
    if reply is None:
        return "no answer"
    if reply.get("type") == "error":
        etype, cond, app, text = error_of(reply)
        name = split_tag(app.tag)[1] if app is not None else None
        s = "error %s/%s" % (cond, etype)
        if name:
            s += " with <%s/>" % name
        if text:
            s += " (%s)" % text.strip()[:120]
        return s
    payload = list(reply)
    if not payload:
        return "empty result"
    return "result <%s/>" % split_tag(payload[0].tag)[1]
