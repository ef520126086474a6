package com.cruddur.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a script from {@code scripts/} the way a user would: its own process, started from another working
 * directory, with an environment holding only what the test gives it (plus PATH and a HOME of its own), and
 * stdin that is not a terminal. Its files (HOME, working directory, captured output) live in {@code workspace}.
 */
public final class ScriptRunner {

    /** The repository this code was built from: the scripts under test. */
    public static final Path ROOT = repositoryRoot();

    private final Path workspace;
    private final Path root;
    private final Map<String, String> environment = new HashMap<>();
    private int runs;

    public ScriptRunner(Path workspace) {
        this(workspace, ROOT);
    }

    /** Runs the scripts of another tree laid out like the repository ({@code root/scripts/...}). */
    public ScriptRunner(Path workspace, Path root) {
        this.workspace = workspace;
        this.root = root;
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        environment.put("HOME", directory("home").toString());
        environment.put("LANG", "C.UTF-8");
        // A developer's .env must not point the tests at their own databases.
        environment.put("CRUDDUR_ENV_FILE", "/dev/null");
    }

    public ScriptRunner with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public ScriptRunner without(String name) {
        environment.remove(name);
        return this;
    }

    /** The scripts read {@code text} as their .env file. */
    public ScriptRunner withEnvFile(String text) {
        Path file = workspace.resolve("env-file");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return with("CRUDDUR_ENV_FILE", file.toString());
    }

    /** Puts {@code directory} first on PATH: its programs replace the real ones. */
    public ScriptRunner withFirstOnPath(Path directory) {
        return with("PATH", directory + File.pathSeparator + environment.get("PATH"));
    }

    public Result run(String script, String... arguments) {
        return runWithInput("", script, arguments);
    }

    /** Runs with {@code input} on stdin (a pipe, never a terminal). */
    public Result runWithInput(String input, String script, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("scripts").resolve(script).toString());
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

    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit status " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** A directory of this runner's workspace, created when missing. */
    public Path directory(String name) {
        try {
            return Files.createDirectories(workspace.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an executable shell script. */
    public static Path executable(Path path, String text) {
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

    /** Copies a file, or a directory with everything in it, keeping modification times (the scripts compare them). */
    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A program {@code name} in {@code bin} that records how it was run (its arguments and environment, for
     * {@link #recorded}) in {@code log}, prints {@code output} and exits 0.
     */
    public static Path recorder(Path bin, String name, Path log, String output) {
        return executable(bin.resolve(name), """
                #!/bin/sh
                cat > /dev/null
                { for argument in "$@"; do printf 'argument %%s\\0' "$argument"; done; env -0; } > '%s'
                printf '%%s' '%s'
                """.formatted(log, output.replace("'", "'\\''")));
    }

    /** What a {@link #recorder} wrote: its arguments under "argument 1", "argument 2"..., then its environment. */
    public static Map<String, String> recorded(Path log) {
        Map<String, String> run = new LinkedHashMap<>();
        String text;
        try {
            text = Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int arguments = 0;
        for (String entry : text.split("\0")) {
            if (entry.startsWith("argument ")) {
                run.put("argument " + ++arguments, entry.substring("argument ".length()));
            } else if (entry.contains("=")) {
                run.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
            }
        }
        return run;
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
