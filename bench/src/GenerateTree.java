import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Generates the benchmark tree: N files, about TOTAL bytes, 60% compressible text, 40% random bytes. */
public class GenerateTree {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        long total = Long.parseLong(args[2]);
        Random random = new Random(42);
        String[] words = ("the quick brown fox jumps over lazy dog build artifact deploy phase command install "
                + "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt labore")
                .split(" ");
        long perFile = total / files;
        for (int i = 0; i < files; i++) {
            Path dir = root.resolve("d" + (i % 50)).resolve("s" + (i % 7));
            Files.createDirectories(dir);
            boolean text = i % 5 < 3;
            long size = perFile / 2 + (long) (random.nextDouble() * perFile);
            Path file = dir.resolve("f" + i + (text ? ".txt" : ".bin"));
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
                if (text) {
                    long written = 0;
                    StringBuilder line = new StringBuilder();
                    while (written < size) {
                        line.setLength(0);
                        for (int w = 0; w < 12; w++) {
                            line.append(words[random.nextInt(words.length)]).append(w == 11 ? '\n' : ' ');
                        }
                        line.append(random.nextInt(1_000_000)).append('\n');
                        byte[] b = line.toString().getBytes();
                        out.write(b);
                        written += b.length;
                    }
                } else {
                    byte[] b = new byte[(int) size];
                    random.nextBytes(b);
                    out.write(b);
                }
            }
        }
    }
}
