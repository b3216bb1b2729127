package io.merchantdesk.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the POSIX shell scripts of deploy/ with /bin/sh, as a container would. */
final class ScriptRunner {
    private ScriptRunner() {}

    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) throw new IllegalStateException("missing script " + script.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("script-out", ".txt");
        Path err = Files.createTempFile("script-err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish within 60 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    static String mintToken(TestKeys.Key key, String subject, String role) throws IOException, InterruptedException {
        Result result = run(Path.of("deploy", "tools", "mint-token.sh"), Map.of(),
                "-k", key.privatePem().toString(), "-i", TestKeys.ISSUER, "-s", subject, "-K", key.kid(),
                "-g", role, "-n", "Sync operator", "-d", "1");
        if (result.exitCode() != 0) throw new IllegalStateException("mint-token.sh failed: " + result.stderr());
        return result.stdout().trim();
    }
}
