package io.merchantdesk.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's own promise: without Debian's Tryton packages it fails with one sentence naming them. */
class TrytondTest {

    @Test
    void withoutThePackagesTheSentenceNamesEveryPackageToInstall(@TempDir Path empty) {
        Optional<String> sentence = Trytond.missingPackages(List.of(empty), empty);
        assertTrue(sentence.isPresent());
        String s = sentence.get();
        for (String pkg : Trytond.PACKAGES.split(" ")) assertTrue(s.contains(pkg), pkg + " in: " + s);
        assertEquals(1, s.split("\\. ").length, "one sentence: " + s);
        assertTrue(s.startsWith("Tryton is not installed"), s);
    }

    @Test
    void onThisMachineThePackagesAreThere() {
        // .ci/run installs them; the Tryton tests would fail with the sentence above otherwise
        assertEquals(Optional.empty(), Trytond.missingPackages(List.of(Path.of("/usr/bin")), Path.of("/usr/lib/python3/dist-packages")));
    }
}
