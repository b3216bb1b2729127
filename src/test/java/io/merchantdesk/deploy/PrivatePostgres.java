package io.merchantdesk.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own: {@code initdb} into {@code target/<name>}, a spare port on 127.0.0.1, no
 * Unix socket, started and stopped with {@code pg_ctl} from the newest {@code /usr/lib/postgresql/<v>/bin}. The
 * machine's own cluster is never touched. PostgreSQL refuses to run as root, so under root the binaries run as
 * the {@code postgres} OS user (through {@code runuser}) and the data directory is handed to it.
 */
final class PrivatePostgres implements AutoCloseable {
    final Path dataDir;
    final Path log;
    final int port;
    private final Path bin;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path dataDir, Path log, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The newest installed server binaries, if any. */
    static Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing((Path b) -> b.getParent().getFileName().toString().length())
                            .thenComparing(b -> b.getParent().getFileName().toString()));
        }
    }

    /** A fresh cluster in {@code target/<name>} (any previous one there is removed), started. */
    static PrivatePostgres create(Path bin, String name) throws Exception {
        Path dataDir = Path.of("target", name).toAbsolutePath();
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        boolean root = "root".equals(System.getProperty("user.name"));
        PrivatePostgres pg = new PrivatePostgres(bin, dataDir, log, PackagedJar.freePort(), root);
        if (Files.exists(dataDir)) {
            pg.run(false, 30, "pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "stop"); // a leftover of an aborted run
            exec(30, List.of("rm", "-rf", dataDir.toString()));
        }
        Files.createDirectories(dataDir);
        Files.deleteIfExists(log);
        Files.createFile(log);
        if (root) exec(30, List.of("chown", "postgres:", dataDir.toString(), log.toString()));
        pg.run(true, 120, "initdb", "-D", dataDir.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        pg.start();
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /** Starts the server and waits until it accepts connections; retried while a killed server's backends linger. */
    void start() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            boolean started = run(false, 40, "pg_ctl", "-D", dataDir.toString(), "-l", log.toString(), "-w", "-t", "30",
                    "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=60", "start");
            if (started) return;
            if (System.currentTimeMillis() > deadline) throw new AssertionError("the private PostgreSQL did not start; see " + log);
            Thread.sleep(300);
        }
    }

    /** The postmaster's pid, from the first line of postmaster.pid. */
    long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    /** SIGKILL to the postmaster: no shutdown, no checkpoint; its backends notice and exit on their own. */
    long killPostmaster() throws Exception {
        long pid = postmasterPid();
        exec(10, List.of("kill", "-9", String.valueOf(pid)));
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        return pid;
    }

    @Override
    public void close() throws Exception {
        run(false, 30, "pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "stop");
    }

    /** Runs a server binary (as the postgres user under root); true when it exits 0. */
    private boolean run(boolean mustSucceed, int seconds, String program, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) command.addAll(List.of("runuser", "-u", "postgres", "--"));
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        boolean ok = p.waitFor(seconds, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (p.isAlive()) p.destroyForcibly();
        if (mustSucceed && !ok) throw new AssertionError(String.join(" ", command) + " failed; see " + log);
        return ok;
    }

    private static boolean exec(int seconds, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
