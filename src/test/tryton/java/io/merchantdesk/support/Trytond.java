package io.merchantdesk.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A trytond of the tests' own (issue 21), as {@code PrivatePostgres} is a PostgreSQL of the restart test's own:
 * its config file under {@code target/trytond/}, its databases on the machine's PostgreSQL
 * ({@code 127.0.0.1:5432}, user postgres, trust), a free port on 127.0.0.1, stopped at JVM exit.
 *
 * <p>Initialising a Tryton database is slow (activating party and sale with their dependencies — account, stock,
 * product, company... — took 10–11 minutes on our 2-core machine under other builds' load, mostly PostgreSQL
 * catalog queries; the country import 40 s), so it happens once per {@linkplain #MODULES module list} and trytond version: the result is kept as a
 * <em>template</em> database named with a hash of both ({@code md_trytond_tpl_<hash>}), and every test class gets
 * a fresh copy with {@code CREATE DATABASE ... TEMPLATE} (well under a second). The template is built under a
 * temporary name and renamed only when complete, with a PostgreSQL advisory lock held, so an aborted build is
 * never reused and parallel test runs of other worktrees wait for one build instead of racing.
 *
 * <p>Needs Debian bookworm's packages (see {@link #PACKAGES}); when they are missing, {@link #shared()} fails
 * with one sentence naming them. {@code .ci/run} installs them.
 */
public final class Trytond {
    /** The Tryton modules activated in the template (with their dependencies). */
    public static final List<String> MODULES = List.of("party", "sale");
    /** Debian bookworm packages providing trytond 6.0 LTS, the modules and the country import script. */
    public static final String PACKAGES =
            "tryton-server tryton-server-postgresql tryton-modules-party tryton-modules-sale tryton-modules-country python3-pycountry tryton-proteus python3-phonenumbers";
    public static final String ADMIN_LOGIN = "admin";
    public static final String ADMIN_PASSWORD = "merchantdesk-tryton-admin";
    /** Bump when the template's recipe changes (steps, data loaded), so old templates are not reused. */
    private static final int RECIPE = 1;
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final Path MODULES_DIR = Path.of("/usr/lib/python3/dist-packages/trytond/modules");

    private static Trytond shared;

    private final Path dir;
    private final Path conf;
    private final Path log;
    private final int port;
    private final String template;
    private final String version;
    private final Duration templateBuild;
    private Process process;
    private Duration lastStart;

    private Trytond(Path dir, int port, String version, String template, Duration templateBuild) throws IOException {
        this.dir = dir;
        this.conf = dir.resolve("trytond.conf");
        this.log = dir.resolve("trytond.log");
        this.port = port;
        this.version = version;
        this.template = template;
        this.templateBuild = templateBuild;
    }

    /**
     * The JVM's trytond, started on first use (building the template when the module list or the trytond
     * version changed) and stopped at JVM exit.
     */
    public static synchronized Trytond shared() {
        if (shared != null) return shared;
        long t0 = System.nanoTime();
        try {
            requirePackages();
            Path dir = Path.of("target", "trytond").toAbsolutePath();
            Files.createDirectories(dir.resolve("data"));
            stopLeftover(dir);
            // "trytond 6.0.29" (stderr may carry Python deprecation warnings: keep only that line)
            String version = run(dir, 60, List.of("trytond", "--version"), Map.of()).lines()
                    .filter(l -> l.startsWith("trytond ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("`trytond --version` did not name a version"));
            String template = "md_trytond_tpl_" + hash(version + "|" + String.join(",", MODULES) + "|countries|" + RECIPE);
            int port = freePort();
            writeConfig(dir, port);
            Duration built = ensureTemplate(dir, template);
            Trytond t = new Trytond(dir, port, version, template, built);
            t.start();
            Runtime.getRuntime().addShutdownHook(new Thread(t::stop, "trytond-stop"));
            shared = t;
            System.out.printf("trytond: %s on %s, template %s %s, started in %d ms (%d ms in all)%n", version, t.baseUrl(), template,
                    built == null ? "reused" : "built in " + built.toSeconds() + " s", t.lastStart.toMillis(),
                    (System.nanoTime() - t0) / 1_000_000);
            return t;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not prepare the test trytond: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: JSON-RPC is at {@code <baseUrl>/<database>/}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String version() {
        return version;
    }

    /** How long building the template took in this JVM, or null when an existing one was reused. */
    public Duration templateBuild() {
        return templateBuild;
    }

    /** How long the last {@link #start()} took until JSON-RPC answered. */
    public Duration lastStart() {
        return lastStart;
    }

    /**
     * A fresh copy of the template, {@code md_trytond_<MD_TEST_SCHEMA>_<name>} (dropped first if a previous run
     * left it), so test classes and parallel runs of other worktrees never see each other's records.
     */
    public String newDatabase(String name) {
        String schema = System.getenv().getOrDefault("MD_TEST_SCHEMA", "merchantdesk_test");
        String db = ("md_trytond_" + schema + "_" + name).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)"); // a leftover trytond may hold connections
            long t0 = System.nanoTime();
            for (int attempt = 1; ; attempt++) {
                try {
                    s.execute("CREATE DATABASE " + db + " TEMPLATE " + template);
                    System.out.printf("trytond: database %s copied from the template in %d ms%n", db, (System.nanoTime() - t0) / 1_000_000);
                    return db;
                } catch (SQLException e) {
                    // "source database is being accessed by other users": another run is copying it right now
                    if (attempt >= 20 || !"55006".equals(e.getSQLState())) throw e;
                    Thread.sleep(250);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not copy " + template + " to " + db + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts trytond (again) on the same port and waits until JSON-RPC answers. */
    public synchronized void start() {
        if (running()) return;
        long t0 = System.nanoTime();
        try {
            List<String> command = List.of("trytond", "-c", conf.toString(), "--pidfile", dir.resolve("trytond.pid").toString());
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest version = HttpRequest.newBuilder(URI.create(baseUrl() + "/")).timeout(Duration.ofSeconds(2))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":0,\"method\":\"common.server.version\",\"params\":[]}")).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                if (!process.isAlive()) throw new IllegalStateException("trytond exited with " + process.exitValue() + "; see " + log);
                try {
                    HttpResponse<String> r = http.send(version, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("result")) break;
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) throw new IllegalStateException("trytond did not answer within 60 s; see " + log);
                Thread.sleep(100);
            }
            lastStart = Duration.ofNanos(System.nanoTime() - t0);
        } catch (IOException e) {
            throw new IllegalStateException("could not start trytond: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops trytond (SIGTERM, then SIGKILL after 10 s) so fault tests can see an ERP that is down. */
    public synchronized void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    // ---- setup ----

    private static void requirePackages() {
        List<Path> path = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":")).map(Path::of).toList();
        missingPackages(path, Path.of("/usr/lib/python3/dist-packages")).ifPresent(sentence -> {
            throw new IllegalStateException(sentence);
        });
    }

    /**
     * The one sentence to fail with when something the tests need from Debian's Tryton packages is absent: the
     * programs on {@code path} and, under {@code python} (dist-packages), trytond's PostgreSQL backend, the modules,
     * psycopg2 and proteus (which trytond_import_countries needs).
     */
    static java.util.Optional<String> missingPackages(List<Path> path, Path python) {
        Path modules = python.resolve("trytond/modules");
        boolean present = onPath(path, "trytond") && onPath(path, "trytond-admin") && onPath(path, "trytond_import_countries")
                && Files.isDirectory(modules.resolve("country")) && MODULES.stream().allMatch(m -> Files.isDirectory(modules.resolve(m)))
                && Files.isDirectory(python.resolve("trytond/backend/postgresql"))
                && Files.isDirectory(python.resolve("psycopg2"))
                && Files.isDirectory(python.resolve("proteus"))
                && Files.isDirectory(python.resolve("pycountry"));
        if (present) return java.util.Optional.empty();
        return java.util.Optional.of("Tryton is not installed: the Tryton tests need Debian bookworm's packages, install them with "
                + "`apt-get install --no-install-recommends " + PACKAGES + "` (as .ci/run does).");
    }

    private static boolean onPath(List<Path> path, String program) {
        return path.stream().anyMatch(d -> Files.isExecutable(d.resolve(program)));
    }

    /** A trytond left running by a JVM that was killed (no shutdown hook): stopped, if the pid file names ours. */
    private static void stopLeftover(Path dir) throws IOException {
        Path pidFile = dir.resolve("trytond.pid");
        if (!Files.exists(pidFile)) return;
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).filter(p -> p.info().commandLine().orElse("").contains(dir.resolve("trytond.conf").toString()))
                    .ifPresent(p -> {
                        p.destroy();
                        p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
                    });
        } catch (NumberFormatException e) {
            // not a pid: ignore, the file is rewritten by the next start
        }
        Files.deleteIfExists(pidFile);
    }

    private static void writeConfig(Path dir, int port) throws IOException {
        // trytond adds the database name to the uri's path; [session] timeout is Tryton's default (5 min)
        Files.writeString(dir.resolve("trytond.conf"), """
                [database]
                uri = postgresql://postgres@127.0.0.1:5432/
                path = %s
                [web]
                listen = 127.0.0.1:%d
                """.formatted(dir.resolve("data"), port));
        Files.writeString(dir.resolve("admin.pass"), ADMIN_PASSWORD + "\n");
    }

    /** Builds the template unless it exists; returns the build time, or null when it was reused. */
    private static Duration ensureTemplate(Path dir, String template) throws SQLException, IOException, InterruptedException {
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "")) {
            if (exists(c, template)) return null;
            // one builder at a time across JVMs (other worktrees run their tests on the same PostgreSQL)
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
                lock.setString(1, "md_trytond_template");
                lock.execute();
            }
            try {
                if (exists(c, template)) return null; // built by another run while we waited
                long t0 = System.nanoTime();
                String building = template + "_building";
                try (Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
                    s.execute("CREATE DATABASE " + building + " ENCODING 'UTF8' TEMPLATE template0");
                }
                Path conf = dir.resolve("trytond.conf");
                Map<String, String> env = Map.of("TRYTONPASSFILE", dir.resolve("admin.pass").toString());
                // `--all` only appends "ir" to the -u list (trytond/commandline.py), so initialising the database
                // and activating the modules with their dependencies is one run, not the two of the recipe
                List<String> admin = new ArrayList<>(List.of("trytond-admin", "-c", conf.toString(), "-d", building,
                        "--all", "--activate-dependencies", "--email", "admin@merchantdesk.test", "-u"));
                admin.addAll(MODULES);
                run(dir, 1800, admin, env);
                // countries and subdivisions (ISO 3166 from pycountry), which addresses need
                run(dir, 900, List.of("trytond_import_countries", "-c", conf.toString(), "-d", building), env);
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER DATABASE " + building + " RENAME TO " + template);
                }
                return Duration.ofNanos(System.nanoTime() - t0);
            } finally {
                try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                    unlock.setString(1, "md_trytond_template");
                    unlock.execute();
                }
            }
        }
    }

    private static boolean exists(Connection c, String db) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Runs a command, its output appended to target/trytond/setup.log; fails with the log's tail. */
    private static String run(Path dir, int seconds, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "cmd", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly();
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("setup.log"), "$ " + String.join(" ", command) + "\n" + output,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            if (!done || p.exitValue() != 0) {
                String tail = output.length() > 2000 ? output.substring(output.length() - 2000) : output;
                throw new IllegalStateException(String.join(" ", command) + (done ? " exited with " + p.exitValue() : " timed out")
                        + "; see " + dir.resolve("setup.log") + "\n" + tail);
            }
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
