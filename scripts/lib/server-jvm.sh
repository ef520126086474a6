# shellcheck shell=bash
# The server's JVM settings, sourced by scripts/serve and the benchmarks so that both run the server alike.
# Left to itself the JVM sizes its heap from the machine's memory (a quarter of it), which on a large machine
# lets the resident set grow far past what the service needs: about 30 MB live after a collection under load.
# 256 MB of heap with the serial collector keeps the whole process under 400 MB, and on 2 cores the serial
# collector leaves the other core to PostgreSQL. The young generation is fixed at 128 MB: a feed request allocates
# about 250 kB, and the young generation the JVM grew from a 64 MB starting heap was collected 9 times a second
# under the feed benchmark (4 times with 128 MB). It adds about 100 MB to the resident set (about 300 MB under load).
# Override with JAVA_OPTS (serve) or BENCH_JAVA_OPTS (benchmarks).
CRUDDUR_SERVER_JAVA_OPTS="-Xms192m -Xmx256m -Xmn128m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m"
