#!/usr/bin/env python3
"""Hot-method tables from a JFR recording (jdk.ExecutionSample), for docs/performance.md.

usage: hot.py recording.jfr [top-n]
Prints, as Markdown: (1) samples by where the request path spends them (inclusive: a sample counts for a
component when any frame of its stack is in it; first matching rule wins), (2) the top frames by package,
(3) the hottest merchantdesk frames (the first io.merchantdesk frame of each stack)."""
import collections, re, subprocess, sys

rec = sys.argv[1]
top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", rec],
                      capture_output=True, text=True, check=True).stdout
stacks = []
for block in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w$.<>]+)\(.*?\)\s+line:", block, re.M)
    if frames:
        stacks.append(frames)
total = len(stacks)

# (label, regex on any frame) in order; a sample goes to the first rule one of its frames matches
RULES = [
    ("merchantdesk CurrentUser (token subject -> users row)", r"io\.merchantdesk\.kernel\.security\.CurrentUser"),
    ("merchantdesk IdempotencyFilter", r"io\.merchantdesk\.kernel\.http\.Idempotency"),
    ("merchantdesk CorrelationId", r"io\.merchantdesk\.kernel\.http\.CorrelationId"),
    ("merchantdesk AccessService / Tenancy (access decision)", r"io\.merchantdesk\.kernel\.access|OrganizationTenancy"),
    ("JWT verification (smallrye-jwt, jose4j, RSA)", r"io\.smallrye\.jwt|org\.jose4j|sun\.security\.rsa"),
    ("logging (JBoss LogManager, JSON formatter)", r"org\.jboss\.logmanager|io\.quarkus\.logging\.json"),
    ("metrics (Micrometer)", r"io\.micrometer|io\.quarkus\.micrometer"),
    ("transactions (Narayana)", r"com\.arjuna|io\.quarkus\.narayana"),
    ("Hibernate ORM (entity load, flush, session; its JDBC calls included)", r"org\.hibernate"),
    ("plain JDBC (Agroal pool, PostgreSQL driver)", r"io\.agroal|org\.postgresql"),
    ("JSON (Jackson)", r"com\.fasterxml\.jackson"),
    # PayloadTooLarge is a Vert.x route every request passes through: on its own it says nothing about the cost
    ("merchantdesk other (resources, services, filters)", r"io\.merchantdesk\.(?!kernel\.http\.PayloadTooLarge)"),
    ("REST layer (RESTEasy Reactive, security, CDI)", r"org\.jboss\.resteasy|io\.quarkus\.resteasy|io\.quarkus\.security|io\.quarkus\.arc"),
    ("HTTP server (Vert.x, Netty)", r"io\.vertx|io\.netty"),
    ("JIT / GC / JDK other", r"."),
]
by_rule = collections.Counter()
for s in stacks:
    for label, rx in RULES:
        if any(re.search(rx, f) for f in s):
            by_rule[label] += 1
            break

def pkg(frame):
    parts = frame.split(".")
    return ".".join(parts[:min(3, len(parts) - 2)]) if len(parts) > 2 else frame

print(f"{total} execution samples in {rec}\n")
print("| where (first match, inclusive of callees) | samples | share |\n|---|---|---|")
for label, _ in RULES:
    if by_rule[label]:
        print(f"| {label} | {by_rule[label]} | {100 * by_rule[label] / total:.1f} % |")
print("\n| top frame package | samples | share |\n|---|---|---|")
for p, n in collections.Counter(pkg(s[0]) for s in stacks).most_common(top_n):
    print(f"| `{p}` | {n} | {100 * n / total:.1f} % |")
print("\n| hottest merchantdesk frame (first of the stack) | samples | share |\n|---|---|---|")
ours = collections.Counter(next((f for f in s if f.startswith("io.merchantdesk")), None) for s in stacks)
ours.pop(None, None)
for f, n in ours.most_common(top_n):
    print(f"| `{f}` | {n} | {100 * n / total:.1f} % |")
