package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/** Lets the SDK's retry strategy see the connection failures the URL-connection client hides. */
final class RetryableHttpClient implements SdkHttpClient {
    // UrlConnectionHttpClient (SDK 2.31) wraps some I/O failures, e.g. a kept-alive connection the server
    // has closed, in an UncheckedIOException, which the SDK never retries (fixed upstream in
    // aws-sdk-java-v2 #7347). Unwrapped, they are retried with backoff like any other I/O failure.
    private final SdkHttpClient delegate;

    RetryableHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    return prepared.call();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
