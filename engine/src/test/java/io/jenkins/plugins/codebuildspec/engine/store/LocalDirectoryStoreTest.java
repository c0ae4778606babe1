package io.jenkins.plugins.codebuildspec.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local directory store: whole files under their key, a sha256sum file beside, no leftovers. */
class LocalDirectoryStoreTest {
    @TempDir
    Path tmp;

    private Path out() {
        return tmp.resolve("out");
    }

    /** Every file under the output directory, relative, so a stray temporary file shows. */
    private List<String> files() throws IOException {
        if (!Files.exists(out())) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(out())) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> out().relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void storesTheZipUnderItsKeyWithAChecksumFile() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "src.zip", 300_000, 1);
        ArtifactUpload upload = StoreTestFiles.upload("", "builds/my app.zip", zip);
        LocalDirectoryStore store = new LocalDirectoryStore(out());

        StoredArtifact stored = store.store(zip, upload);

        Path target = out().resolve("builds/my app.zip");
        assertThat(stored.location()).isEqualTo(target.toAbsolutePath().toString());
        assertThat(stored.s3()).isEmpty();
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(zip));
        assertThat(Files.readString(out().resolve("builds/my app.zip.sha256"), StandardCharsets.UTF_8))
                .isEqualTo(upload.sha256() + "  my app.zip\n");
        assertThat(files()).containsExactly("builds/my app.zip", "builds/my app.zip.sha256");
        assertThat(store.describe()).isEqualTo(out().toAbsolutePath().toString());
    }

    @Test
    void replacesAnExistingArtifact() throws Exception {
        Path first = StoreTestFiles.randomFile(tmp, "first.zip", 5000, 2);
        Path second = StoreTestFiles.randomFile(tmp, "second.zip", 3000, 3);
        LocalDirectoryStore store = new LocalDirectoryStore(out());

        store.store(first, StoreTestFiles.upload("", "app.zip", first));
        ArtifactUpload again = StoreTestFiles.upload("", "app.zip", second);
        store.store(second, again);

        assertThat(Files.readAllBytes(out().resolve("app.zip"))).isEqualTo(Files.readAllBytes(second));
        assertThat(Files.readString(out().resolve("app.zip.sha256"))).isEqualTo(again.sha256() + "  app.zip\n");
        assertThat(files()).containsExactly("app.zip", "app.zip.sha256");
    }

    @Test
    void missingZipFailsClearlyAndLeavesNothing() throws Exception {
        Path missing = tmp.resolve("missing.zip");
        LocalDirectoryStore store = new LocalDirectoryStore(out());

        assertThatThrownBy(() -> store.store(missing, new ArtifactUpload("reports", "r/reports.zip", "p:1", "00", 0)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("artifact 'reports'")
                .hasMessageContaining(out().resolve("r/reports.zip").toString())
                .hasMessageContaining(missing + " does not exist");
        assertThat(files()).isEmpty();
    }

    @Test
    void failedReplacementKeepsThePreviousArtifactAndLeavesNoTemporaryFile() throws Exception {
        Path good = StoreTestFiles.randomFile(tmp, "good.zip", 5000, 4);
        LocalDirectoryStore store = new LocalDirectoryStore(out());
        store.store(good, StoreTestFiles.upload("", "app.zip", good));

        Path changed = StoreTestFiles.randomFile(tmp, "changed.zip", 5000, 5);
        ArtifactUpload staleHash = new ArtifactUpload("", "app.zip", "p:2", StoreTestFiles.sha256(good), 5000);
        assertThatThrownBy(() -> store.store(changed, staleHash))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("checksum mismatch storing the primary artifact to ");

        assertThat(Files.readAllBytes(out().resolve("app.zip"))).isEqualTo(Files.readAllBytes(good));
        assertThat(files()).containsExactly("app.zip", "app.zip.sha256");
    }

    @Test
    void keyNamingTheDirectoryItselfIsRefused() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "src.zip", 10, 6);
        LocalDirectoryStore store = new LocalDirectoryStore(out());
        assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "./.", zip)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("leads outside");
        assertThat(files()).isEmpty();
    }

    @Test
    void aChecksumFileThatCannotBeWrittenLeavesNothingUnderTheFinalNames() throws Exception {
        // A directory where the .sha256 file goes makes its rename fail after the zip was written,
        // standing in for a disk that fills up between the zip and its checksum file.
        Path zip = StoreTestFiles.randomFile(tmp, "src.zip", 5000, 7);
        Files.createDirectories(out().resolve("app.zip.sha256"));
        Files.writeString(out().resolve("app.zip.sha256/occupied"), "x");
        LocalDirectoryStore store = new LocalDirectoryStore(out());

        assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "app.zip", zip)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot store the primary artifact to " + out().resolve("app.zip"))
                .hasMessageContaining("app.zip.sha256");

        assertThat(out().resolve("app.zip")).as("no zip without its checksum").doesNotExist();
        assertThat(files()).containsExactly("app.zip.sha256/occupied");
    }

    @Test
    void aReplacementWhoseChecksumFileFailsLeavesNoZipUnderTheFinalName() throws Exception {
        Path first = StoreTestFiles.randomFile(tmp, "first.zip", 5000, 8);
        LocalDirectoryStore store = new LocalDirectoryStore(out());
        store.store(first, StoreTestFiles.upload("", "app.zip", first));
        // the checksum file turns into something a file cannot be renamed over: the next store fails late
        Files.delete(out().resolve("app.zip.sha256"));
        Files.createDirectories(out().resolve("app.zip.sha256"));
        Files.writeString(out().resolve("app.zip.sha256/occupied"), "x");
        Path second = StoreTestFiles.randomFile(tmp, "second.zip", 3000, 9);

        assertThatThrownBy(() -> store.store(second, StoreTestFiles.upload("", "app.zip", second)))
                .isInstanceOf(IOException.class);

        assertThat(files()).containsExactly("app.zip.sha256/occupied");
    }

    @Test
    void storeErrorsAreInPlainWordsWithoutJavaClassNames() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "src.zip", 100, 10);
        Files.createDirectories(out());
        Files.writeString(out().resolve("builds"), "a file where a directory must go");
        LocalDirectoryStore store = new LocalDirectoryStore(out());

        assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "builds/app.zip", zip)))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot store the primary artifact to " + out().resolve("builds/app.zip") + ": "
                        + out().resolve("builds") + " exists and is not a directory")
                .message()
                .doesNotContain("java.", "Exception");
    }
}
