package io.jenkins.plugins.codebuildspec.engine.report;

/** A report file that cannot be read as its format; the message names the file and what is wrong with it. */
public class MalformedReportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    /**
     * @param file the file's name as the user knows it, such as {@code reports/TEST-x.xml}
     * @param problem what is wrong, such as {@code not a JUnit XML report: root element is <html>}
     */
    public MalformedReportException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public MalformedReportException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file's name as given to the parser. */
    public String file() {
        return file;
    }

    /** The message without the file name. */
    public String problem() {
        return problem;
    }
}
