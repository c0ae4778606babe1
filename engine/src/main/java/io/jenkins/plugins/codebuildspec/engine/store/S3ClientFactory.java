package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** Builds the synchronous S3 client of an {@link S3ArtifactStore} and resolves its region and credentials. */
final class S3ClientFactory implements AutoCloseable {
    /** A dead or firewalled endpoint should fail the upload soon, not after the OS's minutes-long default. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Generous: S3 may think a while before answering a big CompleteMultipartUpload. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(120);
    /** What S3-compatible stores (MinIO, S3Proxy, Ceph) accept when they ignore regions. */
    private static final Region COMPATIBLE_STORE_REGION = Region.US_EAST_1;

    private final Region region;
    private final URI endpointOverride;
    private final String profile;
    private final int maxAttempts;
    private final List<ExecutionInterceptor> interceptors;
    private final AwsCredentialsProvider credentials;
    private final boolean ownsCredentials;
    private SdkHttpClient httpClient;

    S3ClientFactory(
            Region region,
            URI endpointOverride,
            AwsCredentialsProvider credentials,
            String profile,
            int maxAttempts,
            List<ExecutionInterceptor> interceptors) {
        this.region = region;
        this.endpointOverride = endpointOverride;
        this.profile = profile;
        this.maxAttempts = maxAttempts;
        this.interceptors = List.copyOf(interceptors);
        this.ownsCredentials = credentials == null;
        if (credentials != null) {
            this.credentials = credentials;
        } else if (profile != null) {
            this.credentials =
                    ProfileCredentialsProvider.builder().profileName(profile).build();
        } else {
            this.credentials = DefaultCredentialsProvider.builder().build();
        }
    }

    /** Resolves credentials up front so a missing one reads as such, not as a failed request. */
    void checkCredentials() throws IOException {
        try {
            credentials.resolveCredentials();
        } catch (RuntimeException e) {
            // The providers' messages say which sources they tried; none of them carries a secret value.
            throw new IOException(S3Failures.noCredentials() + " (" + e.getMessage() + ")", e);
        }
    }

    Region resolveRegion() throws IOException {
        if (region != null) {
            return region;
        }
        try {
            return regionProvider().getRegion();
        } catch (SdkClientException e) {
            if (endpointOverride != null) {
                return COMPATIBLE_STORE_REGION;
            }
            throw new IOException(S3Failures.noRegion(), e);
        }
    }

    private AwsRegionProvider regionProvider() {
        if (endpointOverride != null) {
            // Environment and profile only: probing EC2 instance metadata costs most of a second off EC2,
            // and an S3-compatible store hardly cares about the region anyway.
            return new AwsRegionProviderChain(
                    new SystemSettingsRegionProvider(),
                    profile == null
                            ? new AwsProfileRegionProvider()
                            : new AwsProfileRegionProvider(ProfileFile::defaultProfileFile, profile));
        }
        DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
        if (profile != null) {
            chain.profileName(profile);
        }
        return chain.build();
    }

    /** Called once per store; the store closes the client, and this factory the HTTP client under it. */
    S3Client create(Region resolvedRegion) {
        httpClient = new RetryableHttpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build());
        S3ClientBuilder builder = S3Client.builder()
                .region(resolvedRegion)
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                // Since SDK 2.30 every request carries CRC trailers that many S3-compatible stores reject;
                // integrity comes from Content-MD5 on each body and the ETag check instead.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> {
                    o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(maxAttempts)
                            .build());
                    if (endpointOverride != null) {
                        o.addExecutionInterceptor(new NoExpectContinue());
                    }
                    interceptors.forEach(o::addExecutionInterceptor);
                });
        if (endpointOverride != null) {
            // S3-compatible stores seldom resolve virtual-hosted bucket names.
            builder.endpointOverride(endpointOverride).forcePathStyle(true);
        }
        return builder.build();
    }

    /** The endpoint for messages: the override without any user-info, or the region's AWS endpoint. */
    String describeEndpoint(Region resolvedRegion) {
        if (endpointOverride != null) {
            URI e = endpointOverride;
            return e.getScheme() + "://" + e.getHost() + (e.getPort() < 0 ? "" : ":" + e.getPort());
        }
        return resolvedRegion == null ? "of the default region" : "in region " + resolvedRegion.id();
    }

    /**
     * Drops {@code Expect: 100-continue} for S3-compatible stores. When a server rejects such a request
     * early, Java 17's HttpURLConnection sends the request line again on the same connection (JDK-8314978);
     * Amazon S3 answers it, but a Jetty-based store (S3Proxy) reads it as the first request's body and the
     * connection hangs until the server's 30 s idle timeout.
     */
    private static final class NoExpectContinue implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            return request.firstMatchingHeader("Expect").isPresent()
                    ? request.toBuilder().removeHeader("Expect").build()
                    : request;
        }
    }

    @Override
    public void close() {
        if (httpClient != null) {
            httpClient.close();
        }
        if (ownsCredentials && credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
