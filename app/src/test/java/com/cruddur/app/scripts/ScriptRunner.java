package com.cruddur.app.scripts;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script from {@code scripts/} the way a user would: its own process, started from another working
 * directory, with an environment holding only what the test gives it (plus PATH and a HOME of its own), and
 * stdin that is not a terminal. Its files (HOME, working directory, captured output) live in {@code workspace}.
 */
final class ScriptRunner {

    static final Path ROOT = repositoryRoot();

    private final Path workspace;
    private final Map<String, String> environment = new HashMap<>();
    private int runs;

    ScriptRunner(Path workspace) {
        this.workspace = workspace;
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        environment.put("HOME", directory("home").toString());
        environment.put("LANG", "C.UTF-8");
        // A developer's .env must not point the tests at their own databases.
        environment.put("CRUDDUR_ENV_FILE", "/dev/null");
    }

    ScriptRunner with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Puts {@code directory} first on PATH: its programs replace the real ones. */
    ScriptRunner withFirstOnPath(Path directory) {
        return with("PATH", directory + File.pathSeparator + environment.get("PATH"));
    }

    Result run(String script, String... arguments) {
        return runWithInput("", script, arguments);
    }

    /** Runs with {@code input} on stdin (a pipe, never a terminal). */
    Result runWithInput(String input, String script, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("scripts").resolve(script).toString());
        command.addAll(List.of(arguments));
        Path outputs = directory("run-" + ++runs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory("cwd").toFile())
                .redirectOutput(outputs.resolve("stdout").toFile())
                .redirectError(outputs.resolve("stderr").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish within 3 minutes");
            }
            return new Result(process.exitValue(),
                    Files.readString(outputs.resolve("stdout")), Files.readString(outputs.resolve("stderr")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit status " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** A directory of this runner's workspace, created when missing. */
    Path directory(String name) {
        try {
            return Files.createDirectories(workspace.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an executable shell script. */
    static Path executable(Path path, String text) {
        try {
            Files.writeString(path, text);
            if (!path.toFile().setExecutable(true)) {
                throw new IOException("could not make " + path + " executable");
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("scripts/lib/db.sh"))) {
                return directory;
            }
        }
        throw new IllegalStateException("no scripts/lib/db.sh above " + Path.of("").toAbsolutePath());
    }
}
