package io.jenkins.plugins.codebuildspec;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.nio.file.FileAlreadyExistsException;
import java.util.Objects;
import java.util.Optional;

/**
 * A warm JVM kept on the agent for the next step call: starting a JVM and loading the engine costs a few
 * hundred milliseconds, more than the rest of a short step. When a build's JVM ({@link DetachedBuild}) is
 * done, it waits on a Unix socket, in a directory only the agent's user can enter, for the next build; that
 * build is handed to it there and runs in it as it would in a JVM started for it (one build at a time, in a
 * session of its own), its code already loaded and compiled. It ends when no build came within its idle
 * time. A build that finds no JVM waiting, or one that does not answer, starts a JVM of its own: a spare
 * only ever saves time. Builds running side by side each have their own JVM; when they are done, one of
 * them stays.
 *
 * <p>The hand-over: the agent sends the build's directory and spec; the spare, which has then left the
 * socket so that no one else reaches it, answers with one byte; the agent confirms with one byte, and only
 * then does the spare run the build. An agent that gets no answer in time closes the connection without
 * confirming and starts a JVM of its own, so a build never runs twice.
 */
final class SpareJvm {
    private static final int MAGIC = 0x43425350;
    private static final byte TAKEN = 1;
    private static final byte GO = 2;
    private static final Duration HAND_OVER = Duration.ofSeconds(10);
    /** Unix socket paths are limited to 108 bytes on Linux, some margin kept. */
    private static final int MAX_PATH_BYTES = 100;

    /** A build handed to the spare. */
    record Request(Path directory, byte[] spec) {}

    private SpareJvm() {}

    /** Whether a spare can listen on {@code socket}: its path is short enough for a Unix socket. */
    private static boolean usable(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES;
    }

    /**
     * Hands the build to the spare listening on {@code socket}; false when there is none or it did not take
     * the build, which then has to start a JVM of its own. A socket no one listens on any more is removed.
     */
    static boolean handOver(Path socket, Path directory, byte[] spec) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            byte[] dir = directory.toString().getBytes(StandardCharsets.UTF_8);
            ByteBuffer request = ByteBuffer.allocate(12 + dir.length + spec.length);
            request.putInt(MAGIC).putInt(dir.length).put(dir).putInt(spec.length).put(spec).flip();
            long deadline = System.nanoTime() + HAND_OVER.toNanos();
            channel.configureBlocking(false);
            transfer(channel, request, deadline, true);
            ByteBuffer answer = ByteBuffer.allocate(1);
            transfer(channel, answer, deadline, false);
            if (answer.get(0) != TAKEN) {
                return false;
            }
            transfer(channel, ByteBuffer.wrap(new byte[] {GO}), deadline, true);
            return true;
        } catch (ConnectException e) {
            // the spare that made it is gone (killed, or the machine restarted)
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // the next call tries again
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The spare's side, first step: listens on {@code socket}, so that a build coming from now on waits in
     * its queue; null when another JVM listens there already.
     */
    static Listener listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            try {
                server.bind(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                if (!stale(socket)) {
                    // another spare waits there already
                    server.close();
                    return null;
                }
                server.bind(UnixDomainSocketAddress.of(socket));
            }
            Object ours = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            sweep(socket);
            return new Listener(socket, server, ours);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A socket this JVM listens on for its next build. */
    static final class Listener {
        private final Path socket;
        private final ServerSocketChannel server;
        private final Object fileKey;

        private Listener(Path socket, ServerSocketChannel server, Object fileKey) {
            this.socket = socket;
            this.server = server;
            this.fileKey = fileKey;
        }

        /**
         * Waits until a build comes or {@code idle} passes (then returns null, the socket removed); malformed
         * or abandoned connections are ignored. Closes the socket either way.
         */
        Request await(Duration idle) throws IOException {
            try (server;
                    Selector selector = Selector.open()) {
                server.configureBlocking(false);
                server.register(selector, SelectionKey.OP_ACCEPT);
                long deadline = System.nanoTime() + idle.toNanos();
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        leave(socket, fileKey);
                        return null;
                    }
                    if (selector.selectNow() == 0 && selector.select(left) == 0) {
                        continue;
                    }
                    selector.selectedKeys().clear();
                    SocketChannel client = server.accept();
                    if (client == null) {
                        continue;
                    }
                    try (client) {
                        client.configureBlocking(false);
                        long by = System.nanoTime() + HAND_OVER.toNanos();
                        ByteBuffer head = ByteBuffer.allocate(8);
                        transfer(client, head, by, false);
                        if (head.getInt(0) != MAGIC) {
                            continue;
                        }
                        byte[] dir = read(client, head.getInt(4), by);
                        ByteBuffer length = ByteBuffer.allocate(4);
                        transfer(client, length, by, false);
                        byte[] spec = read(client, length.getInt(0), by);
                        // Taken: no one else may reach this JVM now.
                        leave(socket, fileKey);
                        server.close();
                        transfer(client, ByteBuffer.wrap(new byte[] {TAKEN}), by, true);
                        ByteBuffer go = ByteBuffer.allocate(1);
                        transfer(client, go, by, false);
                        return go.get(0) == GO
                                ? new Request(Path.of(new String(dir, StandardCharsets.UTF_8)), spec)
                                : null;
                    } catch (IOException e) {
                        if (!server.isOpen()) {
                            // left the socket already: the build was not confirmed, and this JVM ends
                            return null;
                        }
                    }
                }
            }
        }
    }

    /**
     * The socket of the spare for the engine's jars in {@code jars} (in a version given by {@code stamp}): in a
     * private directory beside the jars, or where that path is too long for a Unix socket, in a private
     * directory of this user under the system's temporary directory; empty when neither can be used.
     */
    static Optional<Path> socket(Path jars, String stamp) {
        try {
            Path beside = privateDirectory(jars.resolve("spare")).resolve("spare-" + stamp + ".sock");
            if (usable(beside)) {
                return Optional.of(beside);
            }
            String user = System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9_.-]", "_");
            Path tmp = privateDirectory(Path.of(System.getProperty("java.io.tmpdir"), "codebuildspec-" + user));
            Path socket = tmp.resolve("spare-" + Integer.toHexString(jars.toAbsolutePath().toString().hashCode()) + "-"
                    + stamp + ".sock");
            return usable(socket) ? Optional.of(socket) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** {@code dir}, made if need be, owned by this process's user and closed to everyone else. */
    private static Path privateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // made by another build at the same time
            }
        }
        if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(dir + " belongs to another user");
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    /**
     * Removes the sockets beside {@code socket} that no JVM listens on any more: those of JVMs that were
     * killed, or of earlier versions of the plugin, which no build would ever look for again.
     */
    private static void sweep(Path socket) {
        try (var siblings = Files.newDirectoryStream(socket.getParent(), "spare-*.sock")) {
            for (Path other : siblings) {
                if (!other.equals(socket)) {
                    stale(other);
                }
            }
        } catch (IOException | RuntimeException e) {
            // left for the next JVM that listens here
        }
    }

    /** Removes {@code socket} if no one listens on it any more (its JVM was killed); true if it did. */
    private static boolean stale(Path socket) {
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(socket)).close();
            return false;
        } catch (ConnectException e) {
            try {
                return Files.deleteIfExists(socket);
            } catch (IOException gone) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static void leave(Path socket, Object ours) {
        try {
            Object now = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            if (Objects.equals(now, ours)) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            // gone already
        }
    }

    private static byte[] read(SocketChannel channel, int length, long deadline) throws IOException {
        if (length < 0 || length > (64 << 20)) {
            throw new IOException("not a build request");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        transfer(channel, buffer, deadline, false);
        return buffer.array();
    }

    /** Reads until {@code buffer} is full, or writes all of it, by {@code deadline}. */
    private static void transfer(SocketChannel channel, ByteBuffer buffer, long deadline, boolean write)
            throws IOException {
        try (Selector selector = Selector.open()) {
            channel.register(selector, write ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            while (buffer.hasRemaining()) {
                int n = write ? channel.write(buffer) : channel.read(buffer);
                if (n < 0) {
                    throw new IOException("the other side closed the connection");
                }
                if (n == 0) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new IOException("no answer in time");
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                }
            }
        }
    }
}
