package io.portcullis.examples.servletapp;

/** Closes test resources in the order given, each even when an earlier one failed; null ones are skipped. */
final class Cleanup {
    private Cleanup() {}

    static void closeInOrder(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) continue;
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }
}
