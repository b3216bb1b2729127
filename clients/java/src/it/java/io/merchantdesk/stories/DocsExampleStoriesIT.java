package io.merchantdesk.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.client.MerchantdeskClient;
import io.merchantdesk.client.api.OrganizationsApi;
import io.merchantdesk.client.model.Organization;
import io.merchantdesk.client.model.Store;
import io.merchantdesk.examples.QuickStart;
import io.merchantdesk.stories.support.Actors;
import io.merchantdesk.stories.support.PackagedService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/clients.md's examples are real code: the Java one runs here against the packaged service (with a token
 * from deploy/tools/mint-token.sh, the prod way; the packaged build has no /dev/tokens), the TypeScript one is
 * type-checked by {@code npm run build}, and the document must show both files' marked regions verbatim.
 */
class DocsExampleStoriesIT {
    private static final Path ROOT = Path.of(System.getProperty("merchantdesk.dev-keys")).toAbsolutePath().getParent().getParent().getParent();

    @Test
    @DisplayName("Story: the Java example of docs/clients.md mints its token with mint-token.sh, gets its payment method id and groups two stores")
    void javaExampleRuns() throws Exception {
        URI base = PackagedService.get().baseUri();
        String token = QuickStart.mintedToken(ROOT.resolve("deploy/tools/mint-token.sh"),
                ROOT.resolve("src/main/dev-keys/dev-private.pem"), "https://merchantdesk.dev/issuer", Actors.unique("docs-example"));
        Organization org = QuickStart.groupTwoStores(base, token);
        assertEquals("Nordic Outdoor Group", org.getName());
        List<Store> grouped = new OrganizationsApi(MerchantdeskClient.create(base, () -> token)).listOrganizationStores(org.getId());
        assertEquals(List.of("Bergen Outdoor", "Oslo Outdoor"), grouped.stream().map(Store::getName).sorted().toList());
    }

    @Test
    @DisplayName("docs/clients.md shows the marked regions of QuickStart.java and quickstart.ts verbatim")
    void documentShowsTheExamples() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/clients.md"));
        List<String> missing = new ArrayList<>();
        for (Path source : List.of(ROOT.resolve("clients/java/src/it/java/io/merchantdesk/examples/QuickStart.java"),
                ROOT.resolve("clients/typescript/src/quickstart.ts"))) {
            List<String> regions = regions(Files.readString(source));
            assertTrue(regions.size() >= 2, source + " has marked regions");
            for (String region : regions) {
                if (!doc.contains(region)) missing.add(source.getFileName() + ":\n" + region);
            }
        }
        assertTrue(missing.isEmpty(), "docs/clients.md no longer shows these regions verbatim:\n" + String.join("\n---\n", missing));
    }

    /** The code between each pair of {@code // [name]} marker lines, indentation removed as the document shows it. */
    static List<String> regions(String source) {
        List<String> regions = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^[ \\t]*// \\[([a-z-]+)]\\n(.*?)^[ \\t]*// \\[\\1]$", Pattern.DOTALL).matcher(source);
        while (m.find()) regions.add(m.group(2).stripTrailing().stripIndent().strip()); // stripIndent counts a last empty line
        return regions;
    }
}
