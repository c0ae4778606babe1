package io.jenkins.plugins.codebuildspec.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The SDK retries the URL-connection client's wrapped I/O failures only once they are unwrapped. */
class RetryableHttpClientTest {
    /** Fails its first request the way UrlConnectionHttpClient reports a dropped connection, then answers 204. */
    private static final class FlakyHttpClient implements SdkHttpClient {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    if (calls.incrementAndGet() == 1) {
                        throw new UncheckedIOException(new SocketException("Unexpected end of file from server"));
                    }
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(204).build())
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }

    private static S3Client client(SdkHttpClient http) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(S3ProxyServer.credentials())
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .forcePathStyle(true)
                .httpClient(http)
                .build();
    }

    @Test
    void wrappedIoFailureIsRetried() {
        FlakyHttpClient flaky = new FlakyHttpClient();
        try (S3Client s3 = client(new RetryableHttpClient(flaky))) {
            s3.deleteObject(b -> b.bucket("bucket").key("key"));
        }
        assertThat(flaky.calls).hasValue(2);
    }

    /** Documents the SDK 2.31 behaviour the wrapper exists for; once this fails, the wrapper can go. */
    @Test
    void withoutTheWrapperTheSdkGivesUpAtOnce() {
        FlakyHttpClient flaky = new FlakyHttpClient();
        try (S3Client s3 = client(flaky)) {
            assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket("bucket").key("key")))
                    .isInstanceOf(UncheckedIOException.class);
        }
        assertThat(flaky.calls).hasValue(1);
    }
}
