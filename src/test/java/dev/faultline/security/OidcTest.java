package dev.faultline.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import dev.faultline.support.FreshDatabase;
import dev.faultline.support.Incidents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect bearer tokens beside API tokens (issue 20), with tokens this test signs itself: the
 * application verifies them with the configured public key (test resources/oidc), as it would with
 * the keys of an identity provider. Roles come from {@code realm_access/roles}, the actor from {@code sub}.
 */
@QuarkusTest
@TestProfile(OidcTest.WithOidc.class)
@QuarkusTestResource(value = FreshDatabase.class, restrictToAnnotatedClass = false)
class OidcTest {

    static final String ISSUER = "https://idp.example/realms/faultline";

    public static class WithOidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", resource("/oidc/public-key.b64"),
                    "quarkus.oidc.token.issuer", ISSUER);
        }
    }

    @Test
    void a_signed_token_with_a_role_claim_writes_and_is_recorded_by_its_subject() {
        String editor = jwt("3f6c9a1e-alice", ISSUER, List.of("editor"), Instant.now().plusSeconds(300));
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(Incidents.declaration("oidc-outage"))
                .post("/api/incidents").then().statusCode(201);
        given().get("/api/incidents/oidc-outage/events").then().statusCode(200)
                .body("events.actor", everyItem(is("oidc:3f6c9a1e-alice")));
        given().auth().oauth2(editor).get("/api/admin/tokens").then().statusCode(403);
    }

    @Test
    void an_admin_claim_includes_the_lower_roles() {
        String admin = jwt("bob", ISSUER, List.of("admin"), Instant.now().plusSeconds(300));
        given().auth().oauth2(admin).get("/api/admin/tokens").then().statusCode(200);
        given().auth().oauth2(admin).get("/api/incidents").then().statusCode(200);
    }

    @Test
    void a_token_without_a_known_role_reads_nothing() {
        given().auth().oauth2(jwt("carol", ISSUER, List.of("offline_access"), Instant.now().plusSeconds(300)))
                .get("/api/incidents").then().statusCode(403);
    }

    @Test
    void expired_foreign_and_forged_tokens_are_401() {
        given().auth().oauth2(jwt("dave", ISSUER, List.of("admin"), Instant.now().minusSeconds(600)))
                .get("/api/incidents").then().statusCode(401);
        given().auth().oauth2(jwt("dave", "https://other.example", List.of("admin"), Instant.now().plusSeconds(300)))
                .get("/api/incidents").then().statusCode(401);
        String valid = jwt("dave", ISSUER, List.of("reader"), Instant.now().plusSeconds(300));
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "." + b64(("{\"sub\":\"dave\",\"iss\":\"" + ISSUER
                + "\",\"realm_access\":{\"roles\":[\"admin\"]},\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}")
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(forged).get("/api/admin/tokens").then().statusCode(401);
    }

    @Test
    void api_tokens_still_work_beside_oidc() {
        given().get("/api/incidents").then().statusCode(200); // the suite's admin API token
        given().auth().oauth2("fl_unknown").get("/api/incidents").then().statusCode(401);
    }

    static String jwt(String subject, String issuer, List<String> roles, Instant expires) {
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String rolesJson = String.join(",", roles.stream().map(r -> "\"" + r + "\"").toList());
        long now = Instant.now().getEpochSecond();
        String payload = b64(("{\"sub\":\"" + subject + "\",\"iss\":\"" + issuer + "\",\"iat\":" + Math.min(now, expires.getEpochSecond() - 60)
                + ",\"exp\":" + expires.getEpochSecond() + ",\"preferred_username\":\"" + subject
                + "\",\"realm_access\":{\"roles\":[" + rolesJson + "]}}").getBytes(StandardCharsets.UTF_8));
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(resource("/oidc/signing-key.pkcs8.b64"))));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String resource(String path) {
        try (InputStream in = OidcTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
