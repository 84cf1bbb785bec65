import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Candidate protocol v1 printer (docs/contracts.md): one JSON object per line on stdout, each with an
 * "sb" key and "ts" (this process's epoch-ms clock), flushed line by line. It owns the real
 * stdout; Main points System.out at stderr so that nothing else can write to it.
 */
final class Proto {
    private static final PrintStream OUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

    private Proto() {}

    /** {"sb":kind,<k1>:<v1>,...,"ts":ts}; keyValues alternate keys and values, null values are left out. */
    static synchronized void emitAt(long ts, String kind, String... keyValues) {
        StringBuilder b = new StringBuilder(96);
        b.append("{\"sb\":");
        quote(b, kind);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) continue;
            b.append(',');
            quote(b, keyValues[i]);
            b.append(':');
            quote(b, keyValues[i + 1]);
        }
        b.append(",\"ts\":").append(ts).append("}\n");
        OUT.print(b);
        OUT.flush();
    }

    static void emit(String kind, String... keyValues) {
        emitAt(System.currentTimeMillis(), kind, keyValues);
    }

    static void log(String msg) {
        emit("log", "msg", msg);
    }

    static void leader(long ts, String token) {
        emitAt(ts, "leader", "token", token);
    }

    static void follower(long ts) {
        emitAt(ts, "follower");
    }

    static void conn(String state) {
        emit("conn", "state", state);
    }

    static synchronized void flush() {
        OUT.flush();
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** s as a JSON string literal (quotes included). */
    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quote(b, s);
        return b.toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        b.append('"');
    }
}
