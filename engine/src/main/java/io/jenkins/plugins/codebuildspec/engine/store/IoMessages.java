package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** File errors in the words a user reads: the path and what is wrong with it, no Java class names. */
final class IoMessages {
    private IoMessages() {}

    static String plain(IOException e) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() == null ? "" : fs.getFile();
            String other = fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile();
            String what;
            if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof NoSuchFileException) {
                what = "no such file or directory";
            } else if (e instanceof FileAlreadyExistsException) {
                // what Files.createDirectories says when a file stands where a directory must go
                what = "exists and is not a directory";
            } else if (e instanceof NotDirectoryException) {
                what = "not a directory";
            } else if (e instanceof DirectoryNotEmptyException) {
                what = "is a directory that is not empty";
            } else {
                String reason = fs.getReason();
                what = reason == null
                        ? "failed"
                        : reason.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + reason.substring(1);
            }
            return file.isEmpty() ? what : file + other + (e instanceof FileAlreadyExistsException ? " " : ": ") + what;
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "input/output error" : message;
    }
}
