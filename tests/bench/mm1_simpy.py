"""M/M/1 in SimPy 2.x (the API of Debian's python3-simpy), the peer of bench_mm1_vs_simpy.

Usage: python3 mm1_simpy.py CUSTOMERS. Prints "customers cpu_seconds mean_response_ms" (CPU time
of this process, so that a busy machine does not distort the comparison).
Arrivals 80/s, exponential service with mean 10 ms, one server, FIFO, unbounded queue.
"""
import random
import sys
import time

from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate

RATE_PER_S = 80.0
MEAN_SERVICE_S = 0.010


class Totals:
    served = 0
    response_sum = 0.0


class Customer(Process):
    def visit(self, server):
        arrived = now()
        yield request, self, server
        yield hold, self, random.expovariate(1.0 / MEAN_SERVICE_S)
        yield release, self, server
        Totals.served += 1
        Totals.response_sum += now() - arrived


class Source(Process):
    def generate(self, customers, server):
        for _ in range(customers):
            customer = Customer()
            activate(customer, customer.visit(server))
            yield hold, self, random.expovariate(RATE_PER_S)


def main():
    customers = int(sys.argv[1])
    random.seed(1)
    started = time.process_time()
    initialize()
    server = Resource(capacity=1)
    source = Source()
    activate(source, source.generate(customers, server))
    simulate(until=customers / RATE_PER_S * 10)
    cpu = time.process_time() - started
    mean_ms = Totals.response_sum / max(1, Totals.served) * 1000
    print(f"{Totals.served} {cpu:.6f} {mean_ms:.4f}")


if __name__ == "__main__":
    main()
