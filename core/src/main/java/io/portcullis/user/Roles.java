package io.portcullis.user;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user's roles, stored comma-separated in {@code user.role} ({@code "user"}, {@code "admin,support"}).
 * Only {@code admin} means something to Portcullis; other names are labels for the applications.
 */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String DEFAULT = "user";
    public static final int MAX_ROLES = 16;
    /** The width of {@code user.role}. */
    public static final int MAX_STORED_LENGTH = 255;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private Roles() {}

    /** The distinct role names of a stored value, in order. */
    public static Set<String> parse(String stored) {
        Set<String> roles = new LinkedHashSet<>();
        if (stored == null) return roles;
        Arrays.stream(stored.split(",")).map(String::trim).filter(r -> !r.isEmpty()).forEach(roles::add);
        return roles;
    }

    /** The distinct names of the given roles, each of which may itself be comma-separated. */
    public static List<String> names(Collection<String> roles) {
        return List.copyOf(parse(String.join(",", roles)));
    }

    public static String join(Collection<String> roles) {
        return String.join(",", new LinkedHashSet<>(roles));
    }

    public static boolean hasAdmin(String stored) {
        return parse(stored).contains(ADMIN);
    }

    /** @return null when every name is valid, else the first problem, in words */
    public static String problem(List<String> roles) {
        if (roles.isEmpty()) return "Must name at least one role";
        if (roles.size() > MAX_ROLES) return "Must name at most " + MAX_ROLES + " roles";
        for (String role : roles) {
            if (!NAME.matcher(role).matches()) return "Role names are 1 to 32 of A-Z a-z 0-9 _ -";
        }
        if (join(roles).length() > MAX_STORED_LENGTH) return "Roles must fit in " + MAX_STORED_LENGTH + " characters, commas included";
        return null;
    }
}
