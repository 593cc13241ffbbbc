package dev.faultline.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Every application test calls the API as an admin unless it says otherwise ({@code given().auth().none()}
 * for an anonymous call, or another token): the suite tests what the API does, {@code SecurityTest}
 * who may do it. The token is the test profile's {@code faultline.admin-token}.
 */
public class AdminByDefault implements QuarkusTestBeforeEachCallback {

    /** The test profile's admin token (application.properties, {@code %test.faultline.admin-token}). */
    public static final String ADMIN_TOKEN = "test-admin-token-for-the-suite-0001";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.authentication = RestAssured.oauth2(ADMIN_TOKEN);
    }
}
