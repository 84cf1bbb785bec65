import { describe, expect, it } from "vitest";
import { parseSrvr } from "./srvr.js";
import { renderZooCfg } from "./zoo-cfg.js";
import { connectString, quorumSize } from "./spec.js";

const LEADER = `Zookeeper version: 3.8.0-debian--1, built on 2023-03-08 UTC
Latency min/avg/max: 0/0.0/0
Received: 3
Sent: 2
Connections: 1
Outstanding: 0
Zxid: 0x300000002
Mode: leader
Node count: 5
Proposal sizes last/min/max: -1/-1/-1
`;

describe("parseSrvr", () => {
  it("reads mode and epoch from the zxid", () => {
    expect(parseSrvr(LEADER)).toEqual({ role: "leading", zxid: 0x300000002n, epoch: 3 });
    expect(parseSrvr(LEADER.replace("Mode: leader", "Mode: follower")).role).toBe("following");
    expect(parseSrvr(LEADER.replace("Mode: leader", "Mode: standalone")).role).toBe("standalone");
  });

  it("leaves the epoch out while the server has seen no transaction", () => {
    expect(parseSrvr(LEADER.replace("Zxid: 0x300000002", "Zxid: 0x0").replace("Mode: leader", "Mode: follower"))).toEqual({ role: "following", zxid: 0n });
  });

  it("treats a server that does not serve as looking", () => {
    expect(parseSrvr("This ZooKeeper instance is not currently serving requests\n")).toEqual({ role: "looking" });
    expect(parseSrvr("")).toEqual({ role: "looking" });
  });
});

describe("zoo.cfg", () => {
  it("lists every server with its client port and enables the four-letter words", () => {
    const cfg = renderZooCfg({ size: 3, tickTime: 500, initLimit: 10, syncLimit: 5 });
    expect(cfg).toContain("tickTime=500\n");
    expect(cfg).toContain("4lw.commands.whitelist=*\n");
    expect(cfg).toContain("server.1=zk1:2888:3888;2181\n");
    expect(cfg).toContain("server.3=zk3:2888:3888;2181\n");
    expect(cfg).toContain("dataDir=/data\n");
    expect(cfg).toContain("quorumListenOnAllIPs=true\n");
  });

  it("runs a single server standalone", () => {
    const cfg = renderZooCfg({ size: 1, tickTime: 1000, initLimit: 10, syncLimit: 5 });
    expect(cfg).not.toContain("server.1=");
    expect(cfg).not.toContain("standaloneEnabled=false");
  });

  it("builds the connect string and quorum size", () => {
    expect(connectString({ size: 5, tickTime: 1000, initLimit: 10, syncLimit: 5 })).toBe("zk1:2181,zk2:2181,zk3:2181,zk4:2181,zk5:2181");
    expect([1, 3, 5, 7].map(quorumSize)).toEqual([1, 2, 3, 4]);
  });
});
