#!/usr/bin/env python3
#
# splitbrain's writer, which measures lost writes of a database candidate (docs/patroni-3.0.2.md,
# "Lost writes"). Python 3 with psycopg2, both in the candidate-patroni image, since Patroni needs
# them. splitbrain (src/writer/script.ts) copies this file into a container of that image and runs
# it with `python3 -u`, so that no image has to be rebuilt for it.
#
# Environment:
#   SB_WRITER_MEMBERS      the members' host names on the run's network, "c1,c2,c3" (required)
#   SB_WRITER_PORT         PostgreSQL's port (default 5432)
#   SB_WRITER_INTERVAL_MS  pause between two attempts on one member (default 200)
#   SB_WRITER_READ_WAIT_MS how long to look for a primary to read at the end (default 20000)
#   SB_WRITER_NAME         the `node` of its events (default "writer")
#
# One thread per member tries, every interval, `INSERT INTO sb_writes(seq, member)` with the next
# seq (one counter for all members, so a seq names one row), in autocommit: a member that is a
# replica refuses (read-only), one that is cut off or paused times out or hangs, and its thread
# alone waits. Each insert whose commit returned is printed at once as a history `write` event
# without `t` (splitbrain stamps it on receipt). On SIGTERM it stops acknowledging (an insert that
# returns later is not printed: the read below could miss it), looks for the members that are not
# in recovery, reads every seq each holds and prints one `read` event per member (or one with a
# `reason` when none accepts writes within the wait), then exits.
#
import json, os, signal, sys, threading, time
import psycopg2

NAME = os.environ.get("SB_WRITER_NAME", "writer")
MEMBERS = [m.strip() for m in os.environ.get("SB_WRITER_MEMBERS", "").split(",") if m.strip()]
PORT = int(os.environ.get("SB_WRITER_PORT", "5432"))
INTERVAL = float(os.environ.get("SB_WRITER_INTERVAL_MS", "200")) / 1000.0
READ_WAIT = float(os.environ.get("SB_WRITER_READ_WAIT_MS", "20000")) / 1000.0
if not MEMBERS:
    print("sb-writer: SB_WRITER_MEMBERS is not set (the members' host names, e.g. c1,c2,c3)", file=sys.stderr)
    sys.exit(64)

out = threading.Lock()
state = {"seq": 0, "closed": False}
stopping = threading.Event()


def emit(event):
    event["ts"] = int(time.time() * 1000)
    print(json.dumps(event, separators=(",", ":")), flush=True)


def connect(member):
    conn = psycopg2.connect(
        host=member, port=PORT, user="postgres", dbname="postgres",
        connect_timeout=2, tcp_user_timeout=3000, keepalives=1, keepalives_idle=2,
        keepalives_interval=1, keepalives_count=2, options="-c statement_timeout=3000",
    )
    conn.autocommit = True
    return conn


def next_seq():
    with out:
        state["seq"] += 1
        return state["seq"]


def member_loop(member):
    conn = None
    refused = None
    while not stopping.is_set():
        try:
            if conn is None:
                conn = connect(member)
                try:
                    with conn.cursor() as cur:
                        cur.execute("CREATE TABLE IF NOT EXISTS sb_writes (seq bigint PRIMARY KEY, member text NOT NULL, at timestamptz NOT NULL DEFAULT now())")
                except psycopg2.Error:
                    pass  # a replica: read-only
            seq = next_seq()
            with conn.cursor() as cur:
                cur.execute("INSERT INTO sb_writes (seq, member) VALUES (%s, %s)", (seq, member))
            with out:
                if not state["closed"]:
                    emit({"node": NAME, "type": "write", "from": member, "seq": seq, "mode": "plain", "outcome": "accepted"})
            refused = None
        except psycopg2.Error as err:
            why = (str(err).strip().splitlines() or [type(err).__name__])[0]
            if why != refused:
                print("sb-writer: %s refused: %s" % (member, why), file=sys.stderr, flush=True)
                refused = why
            if conn is not None and (conn.closed or not isinstance(err, psycopg2.errors.ReadOnlySqlTransaction)):
                try:
                    conn.close()
                except Exception:
                    pass
                conn = None
        stopping.wait(INTERVAL)


def read_back():
    deadline = time.time() + READ_WAIT
    tried = []
    while True:
        primaries = []
        tried = []
        for member in MEMBERS:
            try:
                conn = connect(member)
                try:
                    with conn.cursor() as cur:
                        cur.execute("SELECT not pg_is_in_recovery()")
                        if cur.fetchone()[0]:
                            try:
                                cur.execute("SELECT seq FROM sb_writes ORDER BY seq")
                                seqs = [int(r[0]) for r in cur.fetchall()]
                            except psycopg2.errors.UndefinedTable:
                                seqs = []
                            primaries.append((member, seqs))
                        else:
                            tried.append("%s is a replica" % member)
                finally:
                    conn.close()
            except psycopg2.Error as err:
                tried.append("%s: %s" % (member, (str(err).strip().splitlines() or [type(err).__name__])[0]))
        if primaries:
            for member, seqs in primaries:
                emit({"node": NAME, "type": "read", "from": member, "seqs": seqs})
            return
        if time.time() >= deadline:
            emit({"node": NAME, "type": "read", "reason": "no member accepted writes within %d s after the run (%s)" % (round(READ_WAIT), "; ".join(tried))})
            return
        time.sleep(0.5)


def on_term(signum, frame):
    stopping.set()


signal.signal(signal.SIGTERM, on_term)
signal.signal(signal.SIGINT, on_term)
print("sb-writer: writing to %s every %d ms" % (",".join(MEMBERS), round(INTERVAL * 1000)), file=sys.stderr, flush=True)
for m in MEMBERS:
    threading.Thread(target=member_loop, args=(m,), daemon=True).start()
while not stopping.is_set():
    stopping.wait(1.0)
with out:
    state["closed"] = True
read_back()
sys.stdout.flush()
os._exit(0)
