package io.jenkins.plugins.codebuildspec.engine.artifacts;

import io.jenkins.plugins.codebuildspec.engine.store.ArtifactStore;
import io.jenkins.plugins.codebuildspec.engine.store.ArtifactUpload;
import io.jenkins.plugins.codebuildspec.engine.store.S3Location;
import io.jenkins.plugins.codebuildspec.engine.store.StoredArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Selects, checks, zips and stores each artifact of a build, on the machine where the files are. The
 * primary artifact matching nothing fails the build as CodeBuild does ({@code no matching artifact
 * paths found}); a store failure fails it with the store's message, and never leaves a partial object.
 */
public final class ArtifactPackager {
    private final ArtifactStore store;
    private final Path zipDirectory;
    private final Collection<Path> excludedDirectories;
    private final ZipPackager zipper;

    /**
     * @param zipDirectory where zips are written before they are stored (kept: they are the artifacts'
     *     local copies)
     * @param excludedDirectories never packaged, such as the runner's own output directory
     */
    public ArtifactPackager(ArtifactStore store, Path zipDirectory, Collection<Path> excludedDirectories) {
        this(store, zipDirectory, excludedDirectories, new ZipPackager());
    }

    public ArtifactPackager(
            ArtifactStore store, Path zipDirectory, Collection<Path> excludedDirectories, ZipPackager zipper) {
        this.store = store;
        this.zipDirectory = zipDirectory;
        this.excludedDirectories = List.copyOf(excludedDirectories);
        this.zipper = zipper;
    }

    public ArtifactOutcome run(ArtifactJob job) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        List<ArtifactResult> results = new ArrayList<>();
        try {
            FileSelector primary = new FileSelector(Path.of(job.sourceDirectory()), messages::add);
            java.util.Map<String, FileSelector> secondary = new java.util.LinkedHashMap<>();
            for (String dir : job.secondarySources()) {
                secondary.put(dir, new FileSelector(Path.of(dir), messages::add));
            }
            List<Selected> selections = new ArrayList<>();
            // Select and check everything before anything is uploaded: a bad secondary artifact must not
            // leave the primary one deployed.
            for (ArtifactJob.Artifact a : job.artifacts()) {
                java.util.Optional<String> badName = a.nameProblem();
                if (badName.isPresent()) {
                    throw new ArtifactException("CLIENT_ERROR", badName.get());
                }
            }
            for (ArtifactJob.Artifact a : job.artifacts()) {
                FileSelector selector = primary;
                String base = a.baseDirectory();
                for (var source : secondary.entrySet()) {
                    Path dir = Path.of(source.getKey());
                    if (!base.isEmpty()
                            && Path.of(base).isAbsolute()
                            && Path.of(base).normalize().startsWith(dir)) {
                        selector = source.getValue();
                        base = dir.relativize(Path.of(base).normalize()).toString();
                        break;
                    }
                }
                List<SelectedFile> files = selector.select(new FileSelector.Request(
                        base.isEmpty() ? Optional.empty() : Optional.of(base),
                        a.files(),
                        a.excludePaths(),
                        a.discardPaths(),
                        a.enableSymlinks(),
                        excludedDirectories));
                if (files.isEmpty()) {
                    throw new ArtifactException(
                            "CLIENT_ERROR",
                            "no matching artifact paths found" + (a.isPrimary() ? "" : " for " + a.describe()));
                }
                if (job.codeDeployCheck() && a.isPrimary()) {
                    messages.addAll(CodeDeployCheck.check(a.describe(), files));
                    messages.add("CodeDeploy check: appspec.yml and every file and hook script it names are in "
                            + a.describe());
                }
                selections.add(new Selected(a, files));
            }
            // Zip everything before anything is stored, for the same reason: a file that changes while a
            // secondary artifact is zipped must not leave the primary one deployed.
            List<Zipped> zipped = new ArrayList<>();
            for (Selected s : selections) {
                zipped.add(zip(s, messages));
            }
            for (Zipped z : zipped) {
                results.add(store(job, z, messages));
            }
            return new ArtifactOutcome(results, messages, "", "");
        } catch (ArtifactException e) {
            return new ArtifactOutcome(results, messages, e.code(), e.getMessage());
        } catch (IOException e) {
            return new ArtifactOutcome(results, messages, "CLIENT_ERROR", String.valueOf(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // a value a store refuses (ArtifactUpload's key check): a failed phase, never a crashed build
            return new ArtifactOutcome(results, messages, "CLIENT_ERROR", String.valueOf(e.getMessage()));
        }
    }

    private record Selected(ArtifactJob.Artifact artifact, List<SelectedFile> files) {}

    private record Zipped(ArtifactJob.Artifact artifact, Path zip, ZipPackager.Packaged packaged) {}

    private Zipped zip(Selected s, List<String> messages) throws IOException, InterruptedException {
        ArtifactJob.Artifact a = s.artifact();
        Path zip = zipDirectory
                .resolve(a.isPrimary() ? "primary" : "secondary-" + a.identifier())
                .resolve(a.key().substring(a.key().lastIndexOf('/') + 1));
        Files.createDirectories(zip.getParent());
        ZipPackager.Packaged packaged = zipper.write(s.files(), zip);
        messages.add("Packaged " + a.describe() + ": " + packaged.entries() + " file(s), " + packaged.size()
                + " bytes, sha256 " + packaged.sha256() + ", deflated with " + packaged.compressor());
        return new Zipped(a, zip, packaged);
    }

    private ArtifactResult store(ArtifactJob job, Zipped z, List<String> messages)
            throws IOException, InterruptedException {
        ArtifactJob.Artifact a = z.artifact();
        Path zip = z.zip();
        ZipPackager.Packaged packaged = z.packaged();
        StoredArtifact stored = store.store(
                zip, new ArtifactUpload(a.identifier(), a.key(), job.buildId(), packaged.sha256(), packaged.size()));
        messages.add("Uploading " + a.describe() + " to " + stored.location());
        Optional<S3Location> s3 = stored.s3();
        return new ArtifactResult(
                a.identifier(),
                a.name(),
                // the zip the build leaves: the stored copy for a local store, the packaged one for S3
                s3.isPresent() ? zip.toString() : stored.location(),
                packaged.sha256(),
                packaged.size(),
                packaged.entries(),
                stored.location(),
                s3.map(S3Location::bucket).orElse(null),
                s3.map(S3Location::key).orElse(null),
                s3.map(S3Location::eTag).orElse(null),
                s3.flatMap(S3Location::versionId).orElse(null),
                s3.map(S3Location::bundleType).orElse(null));
    }
}
