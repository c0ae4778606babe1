package io.jenkins.plugins.codebuildspec.engine.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Records the requests the store hands the SDK and the HTTP requests as they go on the wire. */
class RecordingInterceptor implements ExecutionInterceptor {
    /** One HTTP request as transmitted, with the SDK request it carries. */
    record Sent(SdkRequest request, SdkHttpRequest http) {}

    private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        requests.add(context.request());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.add(new Sent(context.request(), context.httpRequest()));
    }

    <T extends SdkRequest> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    /** The HTTP requests that carried an SDK request of this type, signed and with every header. */
    List<SdkHttpRequest> sent(Class<? extends SdkRequest> type) {
        return sent.stream()
                .filter(s -> type.isInstance(s.request()))
                .map(Sent::http)
                .collect(Collectors.toList());
    }
}
