import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.spi.ToolProvider;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Prints the JDK modules the given jars use, comma-separated, as found by
 * {@code jdeps --print-module-deps --ignore-missing-deps --multi-release <release>}: the list jlink builds the
 * image's runtime from.
 *
 * <p>Usage: {@code java deploy/image/ModuleDeps.java <cache dir> <release> <jar>...} (a source-file program).
 *
 * <p>Why a program and not one jdeps call: many libraries ship a module-info.class, and jdeps then analyses them
 * as named modules and stops at the first whose own requirements are not all given ("Module
 * org.eclipse.microprofile.config not found, required by io.smallrye.config"). Quarkus runs every jar on the
 * class path, so each jar is copied without its module descriptor and analysed as class-path code, which is
 * how the application uses it. The answer is cached under the jars' SHA-256s: build-jvm-image.sh asks once for
 * the libraries (about 200 jars, a minute of jdeps) and once for the application's own jars, so a code change
 * re-analyses only the latter.
 */
public final class ModuleDeps {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java ModuleDeps.java <cache dir> <multi-release version> <jar>...");
            System.exit(2);
        }
        Path cache = Files.createDirectories(Path.of(args[0]));
        String release = args[1];
        List<Path> jars = Arrays.stream(args, 2, args.length).map(Path::of).toList();
        MessageDigest key = MessageDigest.getInstance("SHA-256");
        key.update(release.getBytes(StandardCharsets.UTF_8));
        for (Path jar : jars) key.update(sha256(jar).getBytes(StandardCharsets.UTF_8));
        Path answer = cache.resolve(HexFormat.of().formatHex(key.digest()) + ".modules");
        if (!Files.exists(answer)) {
            Path tmp = Files.createTempFile(cache, "modules", ".tmp");
            Files.writeString(tmp, analyse(jars, release));
            Files.move(tmp, answer, StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println(Files.readString(answer).trim());
    }

    private static String analyse(List<Path> jars, String release) throws IOException {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("this JDK has no jdeps"));
        Path work = Files.createTempDirectory("module-deps");
        try {
            List<String> command = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps", "-q", "--multi-release", release));
            for (int i = 0; i < jars.size(); i++) {
                Path copy = work.resolve(i + "-" + jars.get(i).getFileName());
                withoutModuleDescriptor(jars.get(i), copy);
                command.add(copy.toString());
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), command.toArray(String[]::new));
            if (status != 0) throw new IllegalStateException("jdeps failed (status " + status + "): " + err);
            return out.toString().trim();
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void withoutModuleDescriptor(Path jar, Path copy) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().endsWith("module-info.class")) continue;
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
