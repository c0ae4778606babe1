package io.jenkins.plugins.codebuildspec.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codebuildspec.engine.model.Position;
import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** {@link AwsSecretResolver} against {@link FakeAwsJsonServer}: what is sent, what is read, what fails how. */
class AwsSecretResolverTest {
    private static final String ACCESS_DENIED = "User: arn:aws:sts::123456789012:assumed-role/ci-build/session-1"
            + " is not authorized to perform: ssm:GetParameter on resource:"
            + " arn:aws:ssm:us-east-1:123456789012:parameter/CodeBuild/token"
            + " because no identity-based policy allows the ssm:GetParameter action";

    private FakeAwsJsonServer fake;
    private AwsSecretResolver resolver;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeAwsJsonServer();
        resolver = resolverFor(fake.endpoint());
    }

    @AfterEach
    void stop() {
        resolver.close();
        fake.close();
    }

    private static AwsSecretResolver resolverFor(URI endpoint) {
        return AwsSecretResolver.builder()
                .region("us-east-1")
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
                .maxAttempts(1)
                .apiCallTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static SecretsManagerRef ref(String reference) {
        return SecretsManagerRef.parse(reference, Position.NONE);
    }

    @Test
    void parameterIsReadWithDecryption() throws Exception {
        fake.parameter("/CodeBuild/token", "s3cr3t");
        assertThat(resolver.parameter("TOKEN", "/CodeBuild/token")).isEqualTo("s3cr3t");
        List<FakeAwsJsonServer.Request> requests = fake.requests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).target()).isEqualTo(FakeAwsJsonServer.GET_PARAMETER);
        assertThat(requests.get(0).text("Name")).hasValue("/CodeBuild/token");
        assertThat(requests.get(0).body().get("WithDecryption").asBoolean()).isTrue();
    }

    @Test
    void serviceEndpointVariablesReachTheLocalServerWithoutAnOverride() throws Exception {
        fake.parameter("/CodeBuild/token", "from-ssm");
        fake.secret("prod/db", "from-secrets-manager");
        // the service-specific variables win over AWS_ENDPOINT_URL, which points nowhere here
        try (AwsSecretResolver fromEnv = AwsSecretResolver.builder()
                .region("us-east-1")
                .environment(java.util.Map.of(
                        "AWS_ENDPOINT_URL", "http://127.0.0.1:9",
                        "AWS_ENDPOINT_URL_SSM", fake.endpoint().toString(),
                        "AWS_ENDPOINT_URL_SECRETS_MANAGER", fake.endpoint().toString()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
                .maxAttempts(1)
                .apiCallTimeout(Duration.ofSeconds(5))
                .build()) {
            assertThat(fromEnv.parameter("TOKEN", "/CodeBuild/token")).isEqualTo("from-ssm");
            assertThat(fromEnv.secret("DB", ref("prod/db"))).isEqualTo("from-secrets-manager");
        }
        try (AwsSecretResolver general = AwsSecretResolver.builder()
                .region("us-east-1")
                .environment(
                        java.util.Map.of("AWS_ENDPOINT_URL", fake.endpoint().toString()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
                .maxAttempts(1)
                .apiCallTimeout(Duration.ofSeconds(5))
                .build()) {
            assertThat(general.parameter("TOKEN", "/CodeBuild/token")).isEqualTo("from-ssm");
        }
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void secretSendsOnlyTheSecretIdWhenNoVersionIsNamed() throws Exception {
        fake.secret("prod/db", "plain-secret");
        assertThat(resolver.secret("DB", ref("prod/db"))).isEqualTo("plain-secret");
        FakeAwsJsonServer.Request request = fake.requests().get(0);
        assertThat(request.target()).isEqualTo(FakeAwsJsonServer.GET_SECRET_VALUE);
        assertThat(request.body()).containsOnlyKeys("SecretId");
        assertThat(request.text("SecretId")).hasValue("prod/db");
    }

    @Test
    void secretSendsVersionStageAndVersionIdAndAppliesJsonKey() throws Exception {
        fake.secret("prod/db", "{\"username\":\"admin\",\"password\":\"hunter2\"}");
        assertThat(resolver.secret("DB_PASS", ref("prod/db:password:AWSPREVIOUS:v-42")))
                .isEqualTo("hunter2");
        assertThat(resolver.secret("DB_USER", ref("prod/db:username::v-43"))).isEqualTo("admin");
        List<FakeAwsJsonServer.Request> requests = fake.requests();
        assertThat(requests.get(0).text("SecretId")).hasValue("prod/db");
        assertThat(requests.get(0).text("VersionStage")).hasValue("AWSPREVIOUS");
        assertThat(requests.get(0).text("VersionId")).hasValue("v-42");
        assertThat(requests.get(1).body()).containsOnlyKeys("SecretId", "VersionId");
        assertThat(requests.get(1).text("VersionId")).hasValue("v-43");
    }

    @Test
    void secretArnIsSentWhole() throws Exception {
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
        fake.secret(arn, "{\"password\":\"hunter2\"}");
        assertThat(resolver.secret("DB_PASS", ref(arn + ":password"))).isEqualTo("hunter2");
        assertThat(fake.requests().get(0).text("SecretId")).hasValue(arn);
    }

    @Test
    void missingParameterNamesVariableParameterAndRegion() {
        assertThatThrownBy(() -> resolver.parameter("TOKEN", "/x/y"))
                .isInstanceOf(SecretException.class)
                .hasMessage("env.parameter-store.TOKEN: parameter /x/y not found in region us-east-1");
    }

    @Test
    void missingSecretNamesVariableAndReference() {
        assertThatThrownBy(() -> resolver.secret("DB_PASS", ref("prod/nope:password:AWSPREVIOUS")))
                .isInstanceOf(SecretException.class)
                .hasMessageStartingWith("env.secrets-manager.DB_PASS: secret prod/nope (version stage AWSPREVIOUS)"
                        + " not found in region us-east-1");
    }

    @Test
    void accessDeniedNamesTheIdentityAndThePermission() {
        fake.fail(FakeAwsJsonServer.GET_PARAMETER, 400, "AccessDeniedException", ACCESS_DENIED);
        assertThatThrownBy(() -> resolver.parameter("TOKEN", "/CodeBuild/token"))
                .isInstanceOf(SecretException.class)
                .hasMessageStartingWith("env.parameter-store.TOKEN: arn:aws:sts::123456789012:assumed-role/ci-build/"
                        + "session-1 is not allowed to read parameter /CodeBuild/token in region us-east-1")
                .hasMessageContaining("ssm:GetParameter");
    }

    @Test
    void otherServiceErrorsCarryCodeAndMessage() {
        fake.fail(FakeAwsJsonServer.GET_SECRET_VALUE, 400, "DecryptionFailure", "KMS key is disabled");
        assertThatThrownBy(() -> resolver.secret("DB", ref("prod/db")))
                .isInstanceOf(SecretException.class)
                .hasMessage("env.secrets-manager.DB: reading secret prod/db in region us-east-1 failed:"
                        + " DecryptionFailure: KMS key is disabled");
    }

    @Test
    void binarySecretsAreRefused() {
        fake.binarySecret("prod/cert", "hunter2".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> resolver.secret("CERT", ref("prod/cert")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("env.secrets-manager.CERT")
                .hasMessageContaining("binary secrets are not supported as environment variables")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("aHVudGVyMg"); // base64 of the value
    }

    @Test
    void jsonKeyErrorsOnFetchedSecretsDoNotLeakIt() {
        fake.secret("prod/db", "{\"password\":\"hunter2\"}");
        assertThatThrownBy(() -> resolver.secret("DB_USER", ref("prod/db:username")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("'username'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unreadableAnswerIsReportedWithoutQuotingIt() {
        fake.answerRaw(FakeAwsJsonServer.GET_PARAMETER, "{\"Parameter\":{\"Value\":\"hunter2\", broken");
        assertThatThrownBy(() -> resolver.parameter("TOKEN", "/CodeBuild/token"))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("is not a valid AWS response")
                .hasMessageNotContaining("hunter2")
                .hasNoCause();
    }

    @Test
    void onlyTheServiceInUseIsContacted() throws Exception {
        fake.parameter("/a", "1").parameter("/b", "2");
        resolver.parameter("A", "/a");
        resolver.parameter("B", "/b");
        assertThat(fake.requests())
                .extracting(FakeAwsJsonServer.Request::target)
                .containsOnly(FakeAwsJsonServer.GET_PARAMETER);
    }

    @Test
    void refusedConnectionIsAHelpfulSecretException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);
        long start = System.nanoTime();
        try (AwsSecretResolver offline = resolverFor(closed)) {
            assertThatThrownBy(() -> offline.parameter("TOKEN", "/CodeBuild/token"))
                    .isInstanceOf(SecretException.class)
                    .hasMessageStartingWith("env.parameter-store.TOKEN: cannot read parameter /CodeBuild/token:"
                            + " cannot reach " + closed)
                    .hasMessageContaining("ConnectException")
                    .hasMessageContaining("--secret-file")
                    .hasCauseInstanceOf(SdkClientException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void missingRegionAndCredentialsSayHowToProvideThem() {
        String region = AwsErrors.clientProblem(
                SdkClientException.create("Unable to load region from any of the providers in the chain"
                        + " software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain@1: [...]"),
                "x");
        assertThat(region).contains("no AWS region", "AWS_REGION", "--region", "--profile", "--secret-file");
        String credentials = AwsErrors.clientProblem(
                SdkClientException.create("Unable to load credentials from any of the providers in the chain"
                        + " AwsCredentialsProviderChain(...)"),
                "x");
        assertThat(credentials)
                .contains("no usable AWS credentials", "AWS_ACCESS_KEY_ID", "--profile", "--secret-file");
    }
}
