package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns SDK failures into messages naming the artifact, the destination and the cause in words. */
final class S3Failures {
    // Messages are built from error codes, exception types and server or JDK wording, never from request
    // data, so no credential can leak into them.
    private S3Failures() {}

    /** One upload's destination, for messages. */
    record Target(String what, String bucket, String key, String endpoint, boolean kms) {
        String uri() {
            return "s3://" + bucket + "/" + key;
        }

        IOException failure(String reason, Throwable cause) {
            return new IOException("cannot upload " + what + " to " + uri() + ": " + reason, cause);
        }

        IOException checksumMismatch(String detail) {
            return new IOException("checksum mismatch uploading " + what + " to " + uri() + ": " + detail);
        }
    }

    /** True when the SDK gave up because this thread was interrupted, not because S3 failed. */
    static boolean isInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AbortedException
                    || t instanceof InterruptedException
                    || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    static IOException describe(SdkException e, Target target) {
        if (e instanceof S3Exception s3) {
            return target.failure(serviceReason(s3, target), e);
        }
        return target.failure(clientReason(e, target), e);
    }

    private static String serviceReason(S3Exception e, Target target) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String serverMessage =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        if (code == null || code.isEmpty()) {
            code = e.statusCode() == 404 ? "NoSuchBucket" : e.statusCode() == 403 ? "AccessDenied" : "";
        }
        switch (code) {
            case "NoSuchBucket":
                return "bucket " + target.bucket() + " does not exist";
            case "AccessDenied":
            case "AllAccessDisabled":
                return "access denied: the credentials may not write to bucket " + target.bucket()
                        + (target.kms() ? " or use the KMS key" : "") + " (need s3:PutObject"
                        + (target.kms() ? ", kms:GenerateDataKey" : "") + ")";
            case "InvalidAccessKeyId":
            case "SignatureDoesNotMatch":
            case "ExpiredToken":
            case "InvalidToken":
                return "the credentials were rejected (" + code + "); check the default credential chain or"
                        + " --profile";
            case "BadDigest":
            case "InvalidDigest":
                return "checksum mismatch: S3 received bytes whose MD5 differs from what was sent (" + code + ")";
            case "RequestTimeTooSkewed":
                return "this machine's clock differs too much from the S3 endpoint's (" + code + ")";
            case "NotImplemented":
                return "the S3 endpoint does not implement this request ("
                        + (serverMessage == null ? code : serverMessage)
                        + "); for an S3-compatible store try turning server-side encryption off";
            default:
                if (code.startsWith("KMS.")) {
                    return "the KMS key cannot be used (" + code + (serverMessage == null ? "" : ": " + serverMessage)
                            + ")";
                }
                return "S3 answered HTTP " + e.statusCode() + (code.isEmpty() ? "" : " " + code)
                        + (serverMessage == null ? "" : ": " + serverMessage);
        }
    }

    private static String clientReason(SdkException e, Target target) {
        if (unreachable(e)) {
            return "cannot reach the S3 endpoint " + target.endpoint() + " (" + whyUnreachable(rootCause(e)) + ")";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException
                    || t instanceof ApiCallTimeoutException
                    || t instanceof ApiCallAttemptTimeoutException) {
                // JDK and SDK wording such as "Connection reset" or "Error writing request body to server".
                String why = t.getMessage() == null || t.getMessage().isBlank()
                        ? (t instanceof IOException ? "closed" : "timed out")
                        : t.getMessage();
                return "the connection to the S3 endpoint " + target.endpoint() + " failed (" + why + ")";
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof SdkClientException && message.contains("credentials")) {
            return noCredentials();
        }
        if (message.contains("region")) {
            return noRegion();
        }
        return message.isBlank() ? "the S3 client failed without saying why" : message;
    }

    /** The reason in words, not a Java class name. */
    private static String whyUnreachable(Throwable root) {
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host" + (root.getMessage() == null ? "" : " " + root.getMessage());
        }
        if (root instanceof NoRouteToHostException) {
            return "no route to host";
        }
        return "connection timed out";
    }

    /** True when no connection to the endpoint could be made at all, as opposed to one that broke off. */
    static boolean unreachable(Throwable e) {
        Throwable root = rootCause(e);
        return root instanceof ConnectException
                || root instanceof NoRouteToHostException
                || root instanceof UnknownHostException
                || (root instanceof SocketTimeoutException
                        && String.valueOf(root.getMessage())
                                .toLowerCase(Locale.ROOT)
                                .contains("connect"));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static String noCredentials() {
        return "no usable AWS credentials: provide them through the default chain (AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, SSO, or an instance/container role) or name a"
                + " profile with --profile";
    }

    static String noRegion() {
        return "no AWS region: set AWS_REGION or pass --region";
    }
}
