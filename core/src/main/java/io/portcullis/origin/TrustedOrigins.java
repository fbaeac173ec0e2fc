package io.portcullis.origin;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.config.PortcullisConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The origins Portcullis trusts: {@code baseUrl}'s origin plus {@code trustedOrigins}, where
 * {@code https://*.example.com} matches exactly one extra host label. Decides whether a
 * {@code callbackURL}/{@code redirectTo} may be followed.
 */
public final class TrustedOrigins {
    private static final Pattern ENTRY = Pattern.compile("https?://(\\*\\.)?[A-Za-z0-9.-]+(:\\d{1,5})?");
    private final List<String> exact = new ArrayList<>();
    /** For wildcards: scheme + "://" and the suffix after the "*" (".example.com[:port]"). */
    private final List<String[]> wildcard = new ArrayList<>();

    public TrustedOrigins(String baseOrigin, List<String> trustedOrigins) {
        exact.add(baseOrigin.toLowerCase(Locale.ROOT));
        for (String origin : trustedOrigins) {
            String o = origin.toLowerCase(Locale.ROOT);
            int star = o.indexOf("://*.");
            if (star > 0) wildcard.add(new String[] {o.substring(0, star + 3), o.substring(star + 4)});
            else exact.add(o);
        }
    }

    /** Whether {@code origin} has the form an entry takes: {@code http[s]://host[:port]} or {@code http[s]://*.domain[:port]}, no path. */
    public static boolean isWellFormed(String origin) {
        if (origin == null) return false;
        Matcher m = ENTRY.matcher(origin);
        return m.matches() && (m.group(2) == null || Integer.parseInt(m.group(2).substring(1)) <= 65535);
    }

    /**
     * The origins of a configuration: {@code baseUrl}'s, {@code trustedOrigins}, and
     * {@code cors.allowedOrigins} (a front end allowed to call with credentials from its origin must
     * also pass the CSRF origin check), plus {@code extra} (a protected application's own origin).
     */
    public static TrustedOrigins of(PortcullisConfig config, Collection<String> extra) {
        List<String> trusted = new ArrayList<>(config.trustedOrigins());
        trusted.addAll(config.cors().allowedOrigins());
        trusted.addAll(extra);
        return new TrustedOrigins(config.baseOrigin(), trusted);
    }

    public boolean isTrusted(String origin) {
        if (origin == null) return false;
        String o = origin.toLowerCase(Locale.ROOT);
        if (exact.contains(o)) return true;
        for (String[] w : wildcard) {
            if (o.startsWith(w[0]) && o.endsWith(w[1])) {
                String label = o.substring(w[0].length(), o.length() - w[1].length());
                if (!label.isEmpty() && label.matches("[a-z0-9-]+")) return true;
            }
        }
        return false;
    }

    /**
     * A redirect target is safe when it is a path on this site ({@code /x}, never {@code //x} or with a
     * backslash, which browsers read as another host) or an absolute URL on a trusted origin.
     */
    public boolean isSafeRedirect(String url) {
        if (url == null || url.isEmpty() || url.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) return false;
        if (url.startsWith("/")) return !url.startsWith("//");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getRawAuthority() == null || uri.getRawUserInfo() != null) {
                return false;
            }
            return isTrusted(scheme + "://" + uri.getRawAuthority());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * @param code what to answer for an unsafe URL ({@code INVALID_CALLBACK_URL} or {@code INVALID_REDIRECT_URL})
     * @throws PortcullisException {@code code} unless {@code url} is absent or a safe redirect
     */
    public void requireSafeRedirect(String url, ErrorCode code) {
        if (url != null && !isSafeRedirect(url)) throw new PortcullisException(code);
    }
}
