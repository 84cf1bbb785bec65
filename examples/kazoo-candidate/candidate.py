"""A minimal splitbrain candidate: kazoo's Election recipe, speaking candidate protocol v1.

splitbrain starts it with SB_NODE, SB_ZK, SB_ELECTION_PATH and SB_SESSION_TIMEOUT_MS, and reads
single-line JSON objects with an "sb" key from stdout. Everything else it prints goes to the
node's log file.
"""
import json
import os
import signal
import sys
import time

from kazoo.client import KazooClient, KazooState


def emit(kind, **fields):
    print(json.dumps({"sb": kind, "ts": int(time.time() * 1000), **fields}), flush=True)


node = os.environ["SB_NODE"]
zk = KazooClient(hosts=os.environ["SB_ZK"], timeout=int(os.environ["SB_SESSION_TIMEOUT_MS"]) / 1000)
zk.add_listener(lambda state: emit("conn", state=state.lower()))  # connected / suspended / lost
leading = False


def shutdown(*_):
    # Stop acting as leader *before* the session goes: closing it deletes our election node and
    # the next candidate takes over at once. The other order is a split brain at every shutdown.
    if leading:
        emit("follower")
    zk.stop()
    os._exit(0)  # not sys.exit: unwinding election.run would try to release a lock on a closed client


signal.signal(signal.SIGTERM, shutdown)


def lead():
    global leading
    # Token: the czxid of our lock node, which grows with every new leadership (fencing).
    stat = zk.exists(f"{path}/{election.lock.node}")
    leading = True
    emit("leader", **({"token": hex(stat.czxid)} if stat else {}))
    while zk.state == KazooState.CONNECTED:  # give up as soon as the connection is in doubt
        time.sleep(0.05)
    leading = False
    emit("follower")


emit("follower")
zk.start(timeout=120)
path = os.environ["SB_ELECTION_PATH"]
election = zk.Election(path, node)
while True:
    try:
        election.run(lead)
    except Exception as err:  # connection loss while queuing: wait and queue again
        print(f"election interrupted: {err!r}", file=sys.stderr, flush=True)
        time.sleep(1)
