package io.portcullis.servlet;

import java.util.List;

/**
 * The paths the filter lets through untouched: {@code /health} matches that path only,
 * {@code /assets/*} matches {@code /assets} and everything under it. Paths are within the web
 * application (without its context path), decoded and normalized by the container.
 */
record PublicPaths(List<String> patterns) {
    PublicPaths {
        patterns = List.copyOf(patterns);
        for (String p : patterns) {
            if (!p.startsWith("/") || p.indexOf('*') >= 0 && !(p.endsWith("/*") && p.indexOf('*') == p.length() - 1)) {
                throw new IllegalArgumentException("a public path is /path or /prefix/*, not " + p);
            }
        }
    }

    boolean matches(String path) {
        for (String p : patterns) {
            if (p.endsWith("/*")) {
                String prefix = p.substring(0, p.length() - 2);
                if (path.equals(prefix) || path.startsWith(prefix + "/") || prefix.isEmpty()) return true;
            } else if (path.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
