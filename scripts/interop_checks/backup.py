"""Backup and restore (feature #backup): a round trip in chunks and every backup error
condition of the draft. The chunks are random bytes: the draft says the service never
interprets them. Backups the run stores are deleted at the end even when a check fails.
"""
import base64
import secrets

from . import protocol as p
from .report import Fail, expect
from .requests import expect_empty_result, expect_error, need


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


async def delete_backup_quietly(d):
    """Deletes the run's backup if it is still there."""
    if getattr(d, "backup_id", None):
        await d.sender.iq(d.service, "set", p.el("delete-backup", id=d.backup_id))
