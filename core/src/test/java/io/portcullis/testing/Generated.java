package io.portcullis.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded random inputs for fuzz tests, and the loop that runs them. Every try has its own seed, named
 * in the failure message, so one failing try replays alone:
 * {@code -Dportcullis.fuzz.seed=SEED -Dportcullis.fuzz.tries=1}. {@code portcullis.fuzz.tries} sets how
 * many tries each test runs (default 1,000; the long run in docs/testing.md uses more).
 */
public final class Generated {
    private static final String PRINTABLE = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    private static final String ODD = "\u0000\t\n\r\u007f\u00a0\u00e9\u00df\u200b\u2028\ufeff\uffff\ud83d\ude00\ud800";

    private final Random random;

    private Generated(long seed) {
        this.random = new Random(seed);
    }

    /** Runs {@code oneTry} the configured number of times, each with fresh inputs from its own seed. */
    public static void tries(Consumer<Generated> oneTry) {
        int tries = Integer.getInteger("portcullis.fuzz.tries", 1_000);
        long first = Long.getLong("portcullis.fuzz.seed", new Random().nextLong());
        for (int i = 0; i < tries; i++) {
            long seed = first + i;
            try {
                oneTry.accept(new Generated(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("try " + (i + 1) + " of " + tries + " failed; replay it with -Dportcullis.fuzz.seed=" + seed
                        + " -Dportcullis.fuzz.tries=1: " + e.getMessage(), e);
            }
        }
    }

    /** True with the given chance in percent. */
    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** An int from {@code min} to {@code max}, both included. */
    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    public long anyLong() {
        return random.nextLong();
    }

    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Some of {@code choices} (maybe none), in their order. */
    public <T> List<T> some(List<T> choices) {
        List<T> chosen = new ArrayList<>();
        for (T c : choices) if (chance(40)) chosen.add(c);
        return chosen;
    }

    /** Up to {@code maxLength} characters: printable ASCII mostly, with control, non-ASCII and broken (lone surrogate) characters. */
    public String text(int maxLength) {
        int length = between(0, maxLength);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(chance(90) ? PRINTABLE.charAt(random.nextInt(PRINTABLE.length())) : ODD.charAt(random.nextInt(ODD.length())));
        }
        return b.toString();
    }

    /** Up to {@code maxLength} characters drawn from {@code alphabet}. */
    public String text(int maxLength, String alphabet) {
        int length = between(0, maxLength);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return b.toString();
    }

    /** Up to {@code maxLength} printable ASCII characters (what an HTTP header value may hold). */
    public String printable(int maxLength) {
        return text(maxLength, PRINTABLE);
    }
}
