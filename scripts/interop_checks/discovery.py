"""Finding a user's card service and checking what it advertises (draft: "Discovering Support").

A client queries the disco#items of its own server and the disco#info of each item; the card
service is the item with the feature urn:xmpp:bizcard:0. Its disco#info must have the identity
component/generic, and its limits form (FORM_TYPE urn:xmpp:bizcard:0#limits) holds
non-negative integers, never 0 for the sizes the draft names, and the set and backup limits only
with their features.
"""
from . import protocol as p
from .requests import set_submit_rate
from .report import Fail, expect


async def disco_info(acct, jid):
    """(identities, features, limits, reply) of JID's disco#info; limits is {field: text}."""
    reply = await acct.iq(jid, "get", p.el("query", p.DISCO_INFO))
    if reply.get("type") != "result":
        raise Fail("disco#info of %s: expected a result, got %s" % (jid, p.describe_reply(reply)))
    query = reply.find(p.q(p.DISCO_INFO, "query"))
    identities = [(i.get("category"), i.get("type"))
                  for i in query.findall(p.q(p.DISCO_INFO, "identity"))]
    features = {f.get("var") for f in query.findall(p.q(p.DISCO_INFO, "feature"))}
    limits = None
    for form in query.findall(p.q(p.DATA, "x")):
        fields = {}
        for field in form.findall(p.q(p.DATA, "field")):
            value = field.find(p.q(p.DATA, "value"))
            fields[field.get("var")] = (value.text or "").strip() if value is not None else None
        if fields.get("FORM_TYPE") == p.LIMITS_FORM:
            fields.pop("FORM_TYPE")
            limits = fields
    return identities, features, limits, reply


async def find_service(acct, given):
    """The card service for ACCT: GIVEN if set, else the first item of the user's server
    that advertises urn:xmpp:bizcard:0. Returns (jid, sentence saying how it was found)."""
    reply = await acct.iq(acct.domain, "get", p.el("query", p.DISCO_ITEMS))
    items = []
    if reply.get("type") == "result":
        query = reply.find(p.q(p.DISCO_ITEMS, "query"))
        items = [i.get("jid") for i in query.findall(p.q(p.DISCO_ITEMS, "item"))]
    if given:
        listed = "listed" if given in items else "not listed"
        return given, "%s given with --service (%s in %s's disco#items)" % (given, listed,
                                                                        acct.domain)
    if reply.get("type") != "result":
        raise Fail("disco#items of %s: expected a result, got %s"
                   % (acct.domain, p.describe_reply(reply)))
    for jid in items:
        try:
            _, features, _, _ = await disco_info(acct, jid)
        except Fail:
            continue
        if p.NS in features:
            return jid, "%s found in %s's disco#items (%d items)" % (jid, acct.domain, len(items))
    raise Fail("no item of %s's disco#items (%s) advertises %s; give the service with --service"
               % (acct.domain, ", ".join(items) or "none", p.NS))


def check_limits(limits, features):
    """Problems of the limits form against the draft's rules (an empty list when none)."""
    problems = []
    for name, value in limits.items():
        if name not in p.LIMIT_FIELDS:
            continue
        if value is None or not value.isdigit():
            problems.append("%s=%r is not a non-negative integer" % (name, value))
        elif int(value) == 0 and name in ("max-card-bytes", "max-backup-bytes",
                                            "max-chunk-bytes", "max-backups"):
            problems.append("%s=0, which the draft forbids" % name)
    if "max-sets" in limits and p.FEATURES["sets"] not in features:
        problems.append("max-sets listed without #sets")
    for name in ("max-backup-bytes", "max-chunk-bytes", "max-backups"):
        if name in limits and p.FEATURES["backup"] not in features:
            problems.append("%s listed without #backup" % name)
    return problems


async def check_discovery(d):
    """The service is found and its disco#info is what the draft says; fills d.features and
    d.limits for the other checks."""
    d.service, how = await find_service(d.sender, d.given_service)
    identities, features, limits, _ = await disco_info(d.sender, d.service)
    d.features = features
    d.limits = {k: int(v) for k, v in (limits or {}).items() if v and v.isdigit()}
    set_submit_rate(d.service, d.limits.get("submits-per-minute", 10))
    expect(p.NS in features, "%s does not advertise %s" % (d.service, p.NS))
    expect(("component", "generic") in identities,
           "identity component/generic expected, got %s" % identities)
    for name in ("tokens", "updates"):
        expect(p.FEATURES[name] not in features or p.FEATURES["sets"] in features,
               "#%s is advertised without #sets, which it requires" % name)
    optional = [n for n in ("sets", "tokens", "updates", "backup") if p.FEATURES[n] in features]
    if limits is None:
        limit_text = "no limits form (defaults apply)"
    else:
        problems = check_limits(limits, features)
        expect(not problems, "limits form: " + "; ".join(problems))
        limit_text = "limits " + ", ".join("%s=%s" % (k, v) for k, v in limits.items())
    return "%s; features: core%s; %s" % (how, "".join(" #" + n for n in optional), limit_text)
