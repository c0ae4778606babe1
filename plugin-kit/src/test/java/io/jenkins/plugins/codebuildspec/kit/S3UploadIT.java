package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The artifact goes to an S3-compatible server (S3Proxy on 127.0.0.1) with a Username with password credential. */
@ExtendWith(Kit.class)
class S3UploadIT {
    static final String IDENTITY = "kit-identity";
    static final String CREDENTIAL = "kit-credential-not-a-real-secret";
    static final String BUCKET = "deployments";

    private static S3Proxy s3;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        s3 = S3Proxy.start(Files.createTempDirectory(Kit.target(), "s3proxy-"), IDENTITY, CREDENTIAL);
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @AfterAll
    static void stopS3Proxy() {
        if (s3 != null) {
            s3.close();
        }
    }

    static S3Client client() {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Test
    void uploadsTheZipThatJenkinsArchivedWithoutAskingForMetadata(Kit kit) throws Exception {
        kit.jenkins()
                .script(
                        """
                import com.cloudbees.plugins.credentials.*
                import com.cloudbees.plugins.credentials.domains.Domain
                import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl
                SystemCredentialsProvider.instance.store.addCredentials(Domain.global(),
                    new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, 's3-keys', 'S3Proxy', '%s', '%s'))
                """
                                .formatted(IDENTITY, CREDENTIAL));
        Build build = kit.runPipeline(
                "s3",
                """
                node {
                  writeFile file: 'buildspec.yml', text: \'\'\'version: 0.2
                phases:
                  build:
                    commands:
                      - mkdir -p scripts && echo 'echo start' > scripts/start.sh
                      - "printf 'version: 0.0\\\\nos: linux\\\\n' > appspec.yml"
                artifacts:
                  files:
                    - appspec.yml
                    - 'scripts/**/*'
                  name: release
                \'\'\'
                  def r = codebuildSpec(s3Bucket: '%s', s3Prefix: 'web', endpointUrl: '%s', credentialsId: 's3-keys',
                                        region: 'us-east-1', serverSideEncryption: false)
                  echo "S3 key=${r.artifacts[0].s3.key} archived=${r.artifacts[0].archivedPath} uri=${r.artifacts[0].s3.uri}"
                }
                """
                        .formatted(BUCKET, s3.endpoint()));

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        Matcher m = Pattern.compile("S3 key=(\\S+) archived=(\\S+) uri=(\\S+)").matcher(console);
        assertThat(m.find()).as(console).isTrue();
        assertThat(m.group(3)).isEqualTo("s3://" + BUCKET + "/" + m.group(1));
        assertThat(m.group(1)).startsWith("web/").endsWith("release.zip");
        byte[] archived = kit.jenkins().getBytes(build.path() + "artifact/" + m.group(2));
        byte[] stored;
        try (S3Client client = client()) {
            stored = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(m.group(1)))
                    .asByteArray();
        }
        assertThat(stored).isEqualTo(archived);
        assertThat(Zips.entries(stored)).containsOnlyKeys("appspec.yml", "scripts/start.sh");
        assertThat(console).doesNotContain(CREDENTIAL);
        assertThat(kit.metadataRequests())
                .as("requests to the EC2 metadata service")
                .isEmpty();
    }

    /** Leaves the SSE default on: S3Proxy's filesystem store refuses it, which shows the header was sent. */
    @Test
    void serverSideEncryptionIsOnUnlessTurnedOff(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "s3-sse",
                """
                node {
                  writeFile file: 'buildspec.yml', text: \'\'\'version: 0.2
                phases:
                  build:
                    commands:
                      - echo x > x.txt
                artifacts:
                  files: [x.txt]
                \'\'\'
                  codebuildSpec(s3Bucket: '%s', endpointUrl: '%s', credentialsId: 's3-keys', region: 'us-east-1')
                }
                """
                        .formatted(BUCKET, s3.endpoint()));

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("FAILURE");
        assertThat(console).contains("phase UPLOAD_ARTIFACTS").containsIgnoringCase("encryption");
    }

    static Path s3ProxyJar() {
        return Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    }
}
