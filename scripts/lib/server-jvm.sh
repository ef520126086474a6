# shellcheck shell=bash
# The server's JVM settings, sourced by scripts/serve and the benchmarks so that both run the server alike.
# Left to itself the JVM sizes its heap from the machine's memory (a quarter of it), which on a large machine
# lets the resident set grow far past what the service needs: about 30 MB live after a collection under load.
# 256 MB of heap with the serial collector keeps the whole process under 400 MB, and on 2 cores the serial
# collector leaves the other core to PostgreSQL. Override with JAVA_OPTS (serve) or BENCH_JAVA_OPTS (benchmarks).
CRUDDUR_SERVER_JAVA_OPTS="-Xms64m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m"
