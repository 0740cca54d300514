#!/usr/bin/env python3
"""Generates a large, valid Ripple spec for the analyzer scale benchmark.

    python3 tests/bench/gen_spec.py > /tmp/big.yaml        # 5,000 services, 2,000 events,
                                                           # 20,000 edges (the defaults)
    python3 tests/bench/gen_spec.py --services 500 --events 200 --edges 2000 --seed 3

Edges are synchronous calls, publishes and consumes: every event is published by one operation
and consumed by three services on average, the rest are calls. Calls go mostly "down" (to a
service with a higher number), like the layers of a real system, with a few calls back up so
that the analyzers meet sync cycles too. Some calls retry, some consumers call back the owners
of fields their event does not carry. The output is deterministic for a given seed and needs
only the Python standard library.
"""

import argparse
import random
import sys


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--services", type=int, default=5000)
    p.add_argument("--events", type=int, default=2000)
    p.add_argument("--edges", type=int, default=20000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--back-calls", type=int, default=5, help="calls that close a sync cycle")
    return p.parse_args()


class Generator:
    def __init__(self, args):
        self.rng = random.Random(args.seed)
        self.n = args.services
        self.events = args.events
        self.entities = max(1, self.n // 10)
        self.brokers = 4
        self.stores = max(1, self.n // 100)
        consumes = 3 * self.events
        self.calls = max(0, args.edges - self.events - consumes)
        self.back_calls = min(args.back_calls, self.calls)
        # per service: list of operations, each a dict of lists
        self.ops = [[{"calls": [], "publishes": [], "reads": [], "writes": []} for _ in range(2)]
                    for _ in range(self.n)]
        self.consumers = [dict() for _ in range(self.n)]
        self.event_carries = []
        self.event_broker = []

    def svc(self, i):
        return f"s{i:05d}"

    def entity_owner(self, e):
        return (e * 10) % self.n

    def build(self):
        self.add_calls()
        self.add_events()
        self.add_store_work()

    def add_calls(self):
        for k in range(self.calls - self.back_calls):
            src = self.rng.randrange(0, self.n - 1)
            dst = self.rng.randrange(src + 1, min(self.n, src + 200))
            self.add_call(src, dst)
        for k in range(self.back_calls):
            src = self.rng.randrange(self.n // 2, self.n)
            dst = self.rng.randrange(0, self.n // 2)
            self.add_call(src, dst)

    def add_call(self, src, dst):
        op = self.rng.randrange(2)
        call = {"to": f"{self.svc(dst)}.op{self.rng.randrange(2)}", "timeout": "2s"}
        if self.rng.random() < 0.1:
            call["retry"] = "{attempts: 2, backoff: 20ms, jitter: full}"
        if self.rng.random() < 0.05:
            call["on_failure"] = "continue"
        self.ops[src][op]["calls"].append(call)

    def add_events(self):
        for e in range(self.events):
            entity = self.rng.randrange(self.entities)
            self.event_carries.append(entity)
            self.event_broker.append(e % self.brokers)
            publisher = self.rng.randrange(self.n)
            self.ops[publisher][self.rng.randrange(2)]["publishes"].append(f"E{e:05d}")
            consumers = set()
            while len(consumers) < 3:
                consumers.add(self.rng.randrange(self.n))
            for c in sorted(consumers):
                needs = [f"en{entity:04d}.id"]
                if self.rng.random() < 0.3:
                    other = self.rng.randrange(self.entities)
                    needs.append(f"en{other:04d}.body")
                self.consumers[c][f"E{e:05d}"] = needs

    def add_store_work(self):
        for i in range(self.n):
            if self.rng.random() < 0.5:
                store = f"db{self.rng.randrange(self.stores):03d}"
                self.ops[i][0]["writes"].append(store)
                self.ops[i][1]["reads"].append(store)

    def write(self, out):
        w = out.write
        w("ripple: 1\nname: generated\ndescription: generated for the analyzer scale benchmark\n")
        w("defaults: {replicas: 2, workers: 32, queue: 256, timeout: 1s}\n")
        w("brokers:\n")
        for b in range(self.brokers):
            w(f"  bus{b}: {{type: kafka, partitions: 12}}\n")
        w("stores:\n")
        for s in range(self.stores):
            w(f"  db{s:03d}: {{connections: 20, txn_time: 1ms, row_time: 50us}}\n")
        w("entities:\n")
        for e in range(self.entities):
            owner = self.svc(self.entity_owner(e))
            w(f"  en{e:04d}: {{owner: {owner}, read: {owner}.get, "
              f"fields: {{id: 16B, body: 512B}}}}\n")
        w("events:\n")
        for e in range(self.events):
            w(f"  E{e:05d}: {{broker: bus{self.event_broker[e]}, "
              f"key: en{self.event_carries[e]:04d}.id, carries: [en{self.event_carries[e]:04d}.id]}}\n")
        w("services:\n")
        owners = {self.entity_owner(e) for e in range(self.entities)}
        for i in range(self.n):
            self.write_service(w, i, i in owners)
        w("workload:\n  duration: 60s\n  sources:\n")
        for i in range(min(50, self.n)):
            w(f"    - {{to: {self.svc(i)}.op0, rate: 10/s}}\n")

    def write_service(self, w, i, owner):
        w(f"  {self.svc(i)}:\n    operations:\n")
        for k, op in enumerate(self.ops[i]):
            parts = ["time: exp(1ms)"]
            if op["calls"]:
                calls = ", ".join(self.call_text(c) for c in op["calls"])
                parts.append(f"calls: [{calls}]")
            if op["publishes"]:
                parts.append(f"publishes: [{', '.join(op['publishes'])}]")
            for kind in ("reads", "writes"):
                if op[kind]:
                    parts.append(f"{kind}: {{store: {op[kind][0]}}}")
            w(f"      op{k}: {{{', '.join(parts)}}}\n")
        if owner:
            w("      get: {time: exp(1ms)}\n")
        if self.consumers[i]:
            w("    consumes:\n")
            for event, needs in sorted(self.consumers[i].items()):
                w(f"      {event}: {{needs: [{', '.join(needs)}], idempotent: true}}\n")

    @staticmethod
    def call_text(call):
        fields = ", ".join(f"{k}: {v}" for k, v in call.items())
        return "{" + fields + "}"


def main():
    args = parse_args()
    gen = Generator(args)
    gen.build()
    gen.write(sys.stdout)


if __name__ == "__main__":
    main()
