package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** One multipart upload of a zip, in memory about parallelism x part size, aborted on any failure. */
final class S3MultipartUpload {
    private static final System.Logger LOG = System.getLogger(S3MultipartUpload.class.getName());
    /** How long in-flight parts may take to settle before the abort, which S3 advises to send last. */
    private static final long SETTLE_SECONDS = 30;

    private final S3Client client;
    private final S3Failures.Target target;
    private final Path zip;
    private final long size;
    private final long partSize;
    private final int parallelism;
    private final boolean verifyETags;

    /** The outcome: the object's ETag (unquoted) and version id, if the bucket versions. */
    record Result(String eTag, String versionId) {}

    private record Part(CompletedPart completed, byte[] md5) {}

    S3MultipartUpload(
            S3Client client,
            S3Failures.Target target,
            Path zip,
            long size,
            long partSize,
            int parallelism,
            boolean verifyETags) {
        this.client = client;
        this.target = target;
        this.zip = zip;
        this.size = size;
        this.partSize = partSize;
        this.parallelism = parallelism;
        this.verifyETags = verifyETags;
    }

    Result run(CreateMultipartUploadRequest create) throws IOException, InterruptedException {
        FileChannel channel;
        try {
            channel = FileChannel.open(zip, StandardOpenOption.READ);
        } catch (IOException e) {
            throw target.failure("reading the zip failed: " + e, e);
        }
        try (channel) {
            return run(create, channel);
        }
    }

    private Result run(CreateMultipartUploadRequest create, FileChannel channel)
            throws IOException, InterruptedException {
        String uploadId = client.createMultipartUpload(create).uploadId();
        int partCount = (int) ((size + partSize - 1) / partSize);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, partCount), r -> {
            Thread t = new Thread(r, "s3-upload-part-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        boolean completed = false;
        try {
            // One buffer per pool thread, reused for its parts: this is what bounds the memory.
            ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[(int) partSize]);
            CompletionService<Part> done = new ExecutorCompletionService<>(pool);
            for (int n = 1; n <= partCount; n++) {
                int partNumber = n;
                long offset = (n - 1) * partSize;
                int length = (int) Math.min(partSize, size - offset);
                done.submit(() -> uploadPart(uploadId, channel, buffers.get(), partNumber, offset, length));
            }
            Part[] parts = new Part[partCount];
            for (int i = 0; i < partCount; i++) {
                Part part = take(done);
                parts[part.completed().partNumber() - 1] = part;
            }
            List<byte[]> md5s = new ArrayList<>(partCount);
            List<CompletedPart> completedParts = new ArrayList<>(partCount);
            for (Part part : parts) {
                md5s.add(part.md5());
                completedParts.add(part.completed());
            }
            CompleteMultipartUploadResponse response = client.completeMultipartUpload(b -> b.bucket(target.bucket())
                    .key(target.key())
                    .uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completedParts)));
            completed = true;
            return verified(response, md5s);
        } finally {
            if (!completed) {
                pool.shutdownNow();
                abort(uploadId, pool);
            } else {
                pool.shutdown();
            }
        }
    }

    /** The next finished part; the first failure ends the wait, so the upload stops as soon as one part fails. */
    private Part take(CompletionService<Part> done) throws IOException, InterruptedException {
        try {
            return done.take().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SdkException sdk) {
                if (S3Failures.isInterrupt(sdk)) {
                    throw new InterruptedException("upload of " + target.uri() + " interrupted");
                }
                throw S3Failures.describe(sdk, target);
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            throw target.failure(String.valueOf(cause), cause);
        }
    }

    private Part uploadPart(
            String uploadId, FileChannel channel, byte[] buffer, int partNumber, long offset, int length)
            throws IOException {
        ByteBuffer into = ByteBuffer.wrap(buffer, 0, length);
        try {
            while (into.hasRemaining()) {
                // Positional reads: the pool threads share one channel without a shared file position.
                if (channel.read(into, offset + into.position()) < 0) {
                    throw new EOFException(zip + " shrank while it was being uploaded");
                }
            }
        } catch (IOException e) {
            throw target.failure("reading the zip failed: " + e, e);
        }
        MessageDigest md5 = Checksums.md5();
        md5.update(buffer, 0, length);
        byte[] digest = md5.digest();
        UploadPartResponse response = client.uploadPart(
                b -> b.bucket(target.bucket())
                        .key(target.key())
                        .uploadId(uploadId)
                        .partNumber(partNumber)
                        .contentLength((long) length)
                        // The server checks every part's bytes against this before it stores them.
                        .contentMD5(Checksums.base64(digest)),
                RequestBody.fromContentProvider(
                        () -> new ByteArrayInputStream(buffer, 0, length), length, "application/octet-stream"));
        String eTag = Checksums.unquote(response.eTag());
        if (verifyETags && !eTag.equalsIgnoreCase(Checksums.hex(digest))) {
            throw target.checksumMismatch(
                    "part " + partNumber + " has ETag " + eTag + ", expected MD5 " + Checksums.hex(digest));
        }
        return new Part(
                CompletedPart.builder()
                        .partNumber(partNumber)
                        .eTag(response.eTag())
                        .build(),
                digest);
    }

    /** The upload is complete: an object whose ETag disagrees with the parts sent must not stay. */
    private Result verified(CompleteMultipartUploadResponse response, List<byte[]> md5s) throws IOException {
        String eTag = Checksums.unquote(response.eTag());
        String expected = Checksums.multipartETag(md5s);
        if (verifyETags && !eTag.equalsIgnoreCase(expected)) {
            S3Requests.deleteQuietly(client, target);
            throw target.checksumMismatch("the object has ETag " + eTag + ", expected " + expected);
        }
        return new Result(eTag, response.versionId());
    }

    /** Best effort: frees the parts; S3 never shows an object under the key before CompleteMultipartUpload. */
    private void abort(String uploadId, ExecutorService pool) {
        // An abort from an interrupted thread would itself be cut short by the SDK; restore the flag after.
        boolean interrupted = Thread.interrupted();
        try {
            if (!pool.awaitTermination(SETTLE_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "parts of {0} still uploading while aborting", target.uri());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            client.abortMultipartUpload(
                    b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
        } catch (RuntimeException e) {
            // The type only: SDK messages can echo request details.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "could not abort multipart upload {0} of {1}: {2}",
                    uploadId,
                    target.uri(),
                    e.getClass().getSimpleName());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
