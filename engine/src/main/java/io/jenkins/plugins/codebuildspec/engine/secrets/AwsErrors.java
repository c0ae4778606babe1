package io.jenkins.plugins.codebuildspec.engine.secrets;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns AWS SDK failures into {@link SecretException}s that say what is wrong and how to fix it. */
final class AwsErrors {
    /** How IAM names the caller in an access-denied message. */
    private static final Pattern IDENTITY = Pattern.compile("User: (\\S+) is not authorized");

    private AwsErrors() {}

    /**
     * A failure of reading {@code subject} that is not simply "not found".
     *
     * @param prefix such as {@code env.parameter-store.VAR}
     * @param subject such as {@code parameter /x/y}
     * @param action the IAM action the read needs, for access-denied messages
     */
    static SecretException translate(
            String prefix, String subject, String action, String region, String endpoint, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String message = message(service);
            String code = service.awsErrorDetails() == null
                    ? null
                    : service.awsErrorDetails().errorCode();
            String where = " in region " + region;
            if (service.statusCode() == 403 || (code != null && code.contains("AccessDenied"))) {
                Matcher identity = IDENTITY.matcher(message);
                String who = identity.find() ? identity.group(1) : "the AWS identity in use";
                return new SecretException(
                        prefix + ": " + who + " is not allowed to read " + subject + where + " (it needs " + action
                                + "): " + message,
                        e);
            }
            return new SecretException(
                    prefix + ": reading " + subject + where + " failed: " + (code == null ? "" : code + ": ") + message,
                    e);
        }
        String problem = clientProblem(e, endpoint);
        // An unreadable answer may hold the secret, and the parser's exceptions quote it: keep them out.
        return isUnreadableAnswer(e)
                ? new SecretException(prefix + ": cannot read " + subject + ": " + problem)
                : new SecretException(prefix + ": cannot read " + subject + ": " + problem, e);
    }

    /** What is missing on this side and how to provide it, for an SDK failure that is not an answer of AWS. */
    static String clientProblem(SdkException e, String endpoint) {
        String sdk = String.valueOf(e.getMessage());
        if (sdk.contains("Unable to load region")) {
            return "no AWS region is configured; set AWS_REGION, pass --region, or use a profile (--profile,"
                    + " AWS_PROFILE) that has a region, " + SecretMessages.OFFLINE_HINT;
        }
        if (sdk.contains("Unable to load credentials") || sdk.contains("credentials")) {
            return "no usable AWS credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile"
                    + " (or AWS_PROFILE) naming a profile with credentials, or run with an instance or container"
                    + " role, " + SecretMessages.OFFLINE_HINT + " (SDK: " + sdk + ")";
        }
        if (isUnreadableAnswer(e)) {
            return "the answer of " + endpoint + " is not a valid AWS response; check that the endpoint is AWS"
                    + " or an AWS-compatible service, " + SecretMessages.OFFLINE_HINT;
        }
        Optional<Throwable> network = networkCause(e);
        if (network.isPresent()
                || e instanceof ApiCallTimeoutException
                || e instanceof ApiCallAttemptTimeoutException) {
            String why = network.map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
                    .orElse(sdk);
            return "cannot reach " + endpoint + " (" + why + "); check the network, proxy and endpoint, "
                    + SecretMessages.OFFLINE_HINT;
        }
        return sdk + "; " + SecretMessages.OFFLINE_HINT;
    }

    /** The service's own text, without the SDK's request-id decoration. */
    static String message(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    private static boolean isUnreadableAnswer(SdkException e) {
        return String.valueOf(e.getMessage()).startsWith("Unable to unmarshall") || hasCause(e, "JsonParseException");
    }

    /** Refused, reset, unreachable, unresolvable, timed out or TLS: the endpoint could not be talked to. */
    private static Optional<Throwable> networkCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SocketException
                    || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException
                    || t instanceof SSLException) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** By simple name, because the SDK's Jackson is shaded and not meant to be imported. */
    private static boolean hasCause(Throwable e, String simpleName) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }
}
