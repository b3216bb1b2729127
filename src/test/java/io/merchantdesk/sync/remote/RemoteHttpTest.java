package io.merchantdesk.sync.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The transport of the remote ERPs never calls a link-local, unspecified or multicast address (SSRF). */
class RemoteHttpTest {
    @Test
    void metadataAndLinkLocalAddressesAreForbiddenLoopbackAndPrivateNetworksAreNot() {
        for (String host : new String[] {"169.254.169.254", "fe80::1", "0.0.0.0", "::", "fd00:ec2::254", "224.0.0.1"}) {
            assertNotNull(RemoteHttp.forbiddenAddress(host), host);
        }
        for (String host : new String[] {"127.0.0.1", "::1", "localhost", "10.1.2.3", "192.168.0.10", "172.16.0.1"}) {
            assertNull(RemoteHttp.forbiddenAddress(host), host);
        }
    }

    @Test
    void aForbiddenEndpointIsRefusedBeforeAnythingIsSent() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://169.254.169.254/latest/meta-data/")).timeout(Duration.ofSeconds(1))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        RemoteHttp.Unavailable e = assertThrows(RemoteHttp.Unavailable.class,
                () -> RemoteHttp.send(HttpClient.newHttpClient(), request, true));
        assertFalse(e.outage().maybeApplied(), "nothing was sent");
        assertEquals(0, e.outage().httpStatus());
        assertTrue(e.outage().reason().contains("link-local"), e.outage().reason());
    }
}
