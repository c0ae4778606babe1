package io.jenkins.plugins.codebuildspec.engine.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSelectorTest {
    @TempDir
    Path src;

    private void file(String relative, String content) throws Exception {
        Path p = src.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private List<SelectedFile> select(
            List<String> files, List<String> excludes, List<Path> excludedDirs, List<String> log) throws Exception {
        return new FileSelector(src, log::add)
                .select(new FileSelector.Request(Optional.empty(), files, excludes, false, false, excludedDirs));
    }

    @Test
    void entriesComeInStringOrderOfTheirWholePathsWhateverTheDirectoryOrder() throws Exception {
        // '.' and '-' sort before '/', so a sibling "a.b" comes before the files under "a/"
        for (String name : List.of("a/x", "a.b", "a-c/y", "a/b/c", "a0", "B/z", "b", "a/b.txt", "a/b/d/e", ".hidden")) {
            file(name, name);
        }
        List<String> names = select(List.of("**/*"), List.of(), List.of(), new ArrayList<>()).stream()
                .map(SelectedFile::entryName)
                .toList();
        assertThat(names).isSorted().hasSize(10);
        assertThat(names)
                .containsExactly(".hidden", "B/z", "a-c/y", "a.b", "a/b.txt", "a/b/c", "a/b/d/e", "a/x", "a0", "b");
    }

    @Test
    void sizesModesAndTimesComeFromTheWalkAndExcludedDirectoriesAreNotEntered() throws Exception {
        file("bin/run.sh", "#!/bin/sh\necho hi\n");
        file("lib/data.txt", "12345");
        file("lib/skip.tmp", "x");
        file("runner/state", "not ours");
        Path script = src.resolve("bin/run.sh");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        List<SelectedFile> files =
                select(List.of("**/*"), List.of("**/*.tmp"), List.of(src.resolve("runner")), new ArrayList<>());
        assertThat(files).extracting(SelectedFile::entryName).containsExactly("bin/run.sh", "lib/data.txt");
        SelectedFile run = files.get(0);
        assertThat(run.unixMode()).isEqualTo(0100750);
        assertThat(run.size()).isEqualTo(Files.size(script));
        assertThat(run.modifiedMillis())
                .isEqualTo(Files.getLastModifiedTime(script).toMillis());
        assertThat(files.get(1).size()).isEqualTo(5);
        assertThat(files.get(1).unixMode() & 0170000).isEqualTo(0100000);
    }

    @Test
    void aManyDirectoryTreeGivesTheSameListEveryTime() throws Exception {
        for (int i = 0; i < 300; i++) {
            file("d" + (i % 13) + "/s" + (i % 5) + "/f" + i + ".txt", "x".repeat(i));
        }
        List<String> first = select(List.of("**/*"), List.of(), List.of(), new ArrayList<>()).stream()
                .map(f -> f.entryName() + " " + f.size())
                .toList();
        assertThat(first).hasSize(300).isSortedAccordingTo(String::compareTo);
        for (int i = 0; i < 5; i++) {
            assertThat(select(List.of("**/*"), List.of(), List.of(), new ArrayList<>()).stream()
                            .map(f -> f.entryName() + " " + f.size())
                            .toList())
                    .isEqualTo(first);
        }
    }
}
