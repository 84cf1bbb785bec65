import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes to the witness (SB_WITNESS, docs/candidates.md "Writing effects"): POST /write with
 * {"node","token","seq"}, seq counting this node's writes from 1. java.net.http only. A write that
 * gets no answer or a status other than 200 is logged to stderr and counts as not done (a 409 is
 * the fenced witness refusing a stale token: the write did not happen); it never throws, except
 * InterruptedException when the calling thread is interrupted (the request is cancelled).
 * Which thread writes, and what it checks first, is the candidate's business (LatchCandidate,
 * SelectorCandidate).
 */
final class Witness {
    /** No answer within this is a failed write (as the latch candidate's witness client). */
    static final long TIMEOUT_MS = 2000;
    private static final Pattern BASE = Pattern.compile("^http://[^/\\s]+/?$");
    private static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern HIGHEST = Pattern.compile("\"highest\"\\s*:\\s*\"([^\"]*)\"");

    final String node;
    final String base;
    /** How often a leader writes: a twelfth of the session timeout, at least 100 ms (as latch). */
    final long intervalMs;
    private final URI uri;
    private final HttpClient http;
    private final AtomicLong seq = new AtomicLong();

    private Witness(String node, String base, long intervalMs) {
        this.node = node;
        this.base = base;
        this.intervalMs = intervalMs;
        this.uri = URI.create(base + "/write");
        // HTTP/1.1: the default (HTTP/2) would first ask the witness to upgrade the connection.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(TIMEOUT_MS))
                .build();
    }

    /** A twelfth of the session timeout (500 ms at 6 s), at least 100 ms: latch's writeIntervalOf. */
    static long intervalOf(int sessionTimeoutMs) {
        return Math.max(100, Math.round(sessionTimeoutMs / 12.0));
    }

    /**
     * The witness from SB_WITNESS, or null when it is unset or empty (then the candidate writes
     * nothing). A value that is not http://host:port throws IllegalArgumentException naming it.
     */
    static Witness fromEnv(String raw, String node, int sessionTimeoutMs) {
        String v = raw == null ? "" : raw.trim();
        if (v.isEmpty()) return null;
        if (!BASE.matcher(v).matches()) {
            throw new IllegalArgumentException("SB_WITNESS: expected http://host:port, e.g. http://witness:7070, got \"" + v + "\"");
        }
        return new Witness(node, v.endsWith("/") ? v.substring(0, v.length() - 1) : v, intervalOf(sessionTimeoutMs));
    }

    /** The number of writes sent so far. */
    long sent() {
        return seq.get();
    }

    /** Sends one write with this token; true when the witness accepted it. */
    boolean write(String token) throws InterruptedException {
        long n = seq.incrementAndGet();
        String body = "{\"node\":" + Proto.json(node) + ",\"token\":" + Proto.json(token) + ",\"seq\":" + n + "}";
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(TIMEOUT_MS))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> res;
        try {
            res = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | RuntimeException e) {
            debug("write " + n + " (token " + token + "): no answer from the witness: " + e);
            return false;
        }
        String answer = res.body() == null ? "" : res.body();
        String outcome = first(OUTCOME, answer);
        if (res.statusCode() == 200 && "accepted".equals(outcome)) return true;
        String highest = first(HIGHEST, answer);
        debug("write " + n + " (token " + token + "): " + (outcome != null ? outcome : "status " + res.statusCode() + " " + answer.trim())
                + (highest != null ? ", highest " + highest : "") + " (not done)");
        return false;
    }

    /** A line on stderr (the node's log file), like the latch candidate's debug lines. */
    void debug(String msg) {
        System.err.println(LocalTime.now() + " " + node + " witness: " + msg);
    }

    private static String first(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }
}
