package com.cruddur.app.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.ScriptRunner;
import com.cruddur.testing.ScriptRunner.Result;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks' CPU accounting (scripts/lib/bench.sh), run for real on processes that burn known amounts of CPU:
 * a "server", a "postmaster" with one child that lives through the window and one that exits inside it (as
 * pgbench's backends do), and a "load generator" that the shell waits for. Each must be counted, nothing twice.
 */
class BenchCpuTest {

    /** The same work in every process: a few tenths of a second of CPU, then a file that says it is done. */
    private static final String BURN = """
            #!/usr/bin/env bash
            sleep 0.5
            n=0
            while [ $n -lt 150000 ]; do n=$((n + 1)); done
            : >"$BENCH_DIR/done-$$"
            [ "${1:-}" = then-sleep ] && exec sleep 30
            exit 0
            """;

    private static final String PROBE = """
            #!/usr/bin/env bash
            set -euo pipefail
            . "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
            export BENCH_DIR
            burn="$CRUDDUR_ROOT/scripts/burn"
            mkdir -p "$BENCH_PGDATA"
            # the postmaster: one child that lives on after its work, one that exits and is waited for (as pgbench's
            # backends are)
            bash -c "$burn then-sleep & $burn; exec sleep 30" &
            postmaster=$!
            echo "$postmaster" >"$BENCH_PGDATA/postmaster.pid"
            "$burn" then-sleep &
            server_pid=$!
            cpu_window_start
            "$burn"
            done=("$BENCH_DIR"/done-*)
            while [ "${#done[@]}" -lt 4 ]; do sleep 0.1; done=("$BENCH_DIR"/done-*); done
            cpu_window_end
            pkill -P "$postmaster"
            kill "$postmaster" "$server_pid"
            server_pid=""
            harness_ok=1
            echo "server=${CPU_TICKS[server]} postgres=${CPU_TICKS[postgres]} load=${CPU_TICKS[load]}"
            """;

    @TempDir
    Path workspace;

    @Test
    void countsTheServerEveryPostgresProcessAndTheLoadGenerator() {
        Path root = workspace.resolve("tree");
        ScriptRunner.copy(ScriptRunner.ROOT.resolve("scripts"), root.resolve("scripts"));
        ScriptRunner.executable(root.resolve("scripts/cpu-probe"), PROBE);
        ScriptRunner.executable(root.resolve("scripts/burn"), BURN);

        Result result = new ScriptRunner(workspace, root).with("BENCH_DIR", workspace.resolve("bench").toString()).run("cpu-probe");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, Integer> ticks = new HashMap<>();
        for (String pair : result.stdout().strip().split(" ")) {
            ticks.put(pair.substring(0, pair.indexOf('=')), Integer.parseInt(pair.substring(pair.indexOf('=') + 1)));
        }
        // the same work in each process: the postmaster's is twice the server's, the load generator's the same
        int server = ticks.get("server");
        assertThat(server).as(result.toString()).isPositive();
        assertThat(ticks.get("load")).as(result.toString()).isBetween(server / 2, server * 2);
        assertThat(ticks.get("postgres")).as(result.toString()).isBetween(server * 3 / 2, server * 3);
    }
}
