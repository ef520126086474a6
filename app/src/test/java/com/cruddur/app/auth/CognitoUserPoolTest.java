package com.cruddur.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CognitoUserPoolTest {

    @Test
    void theIssuerAndKeySetUrlComeFromTheRegionAndPoolId() {
        CognitoUserPool pool = CognitoUserPool.fromEnvironment(Map.of(
                "AWS_COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz",
                "AWS_COGNITO_USER_POOL_CLIENT_ID", "5abcdefghij0123456789klmno",
                "AWS_DEFAULT_REGION", "us-east-1")).orElseThrow();

        assertThat(pool.issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz");
        assertThat(pool.jwksUri()).hasToString("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz/.well-known/jwks.json");
    }

    @Test
    void withoutPoolVariablesThereIsNoPoolEvenWhenTheRegionIsSet() {
        assertThat(CognitoUserPool.fromEnvironment(Map.of("AWS_DEFAULT_REGION", "us-east-1"))).isEmpty();
    }

    @Test
    void halfAConfigurationIsAnError() {
        assertThatThrownBy(() -> CognitoUserPool.fromEnvironment(Map.of("AWS_COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz",
                "AWS_DEFAULT_REGION", "us-east-1"))).hasMessageContaining("must be set together");
    }

    @Test
    void valuesThatWouldBendTheKeySetUrlAreRefused() {
        assertThatThrownBy(() -> new CognitoUserPool("us-east-1", "us-east-1_x@evil.example/", "client"))
                .hasMessageContaining("AWS_COGNITO_USER_POOL_ID");
        assertThatThrownBy(() -> new CognitoUserPool("evil.example/x", "us-east-1_AbC", "client"))
                .hasMessageContaining("AWS_DEFAULT_REGION");
        assertThatThrownBy(() -> new CognitoUserPool("us-east-1", "us-east-1_AbC", "client\"id"))
                .hasMessageContaining("AWS_COGNITO_USER_POOL_CLIENT_ID");
    }

    @Test
    void aPoolFromAnotherRegionIsAnError() {
        assertThatThrownBy(() -> new CognitoUserPool("us-east-1", "eu-west-2_AbC123", "client"))
                .hasMessageContaining("belongs to region eu-west-2");
    }
}
