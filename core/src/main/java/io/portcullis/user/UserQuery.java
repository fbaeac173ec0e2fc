package io.portcullis.user;

/**
 * A page of users for the admin list. {@code searchValue} null lists everyone; matching ignores
 * case. Sorting is by one whitelisted column, ties broken by id so that pages never overlap.
 */
public record UserQuery(String searchValue, Field searchField, Operator operator, Sort sortBy, boolean descending,
                        int limit, int offset) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public enum Field { EMAIL, NAME }

    public enum Operator { CONTAINS, STARTS_WITH, ENDS_WITH }

    public enum Sort {
        CREATED_AT("u.created_at"), UPDATED_AT("u.updated_at"), EMAIL("u.email"), NAME("u.name");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    /** The LIKE pattern, with {@code !} escaping the pattern characters of the search value. */
    String likePattern() {
        String escaped = searchValue.toLowerCase(java.util.Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return switch (operator) {
            case CONTAINS -> "%" + escaped + "%";
            case STARTS_WITH -> escaped + "%";
            case ENDS_WITH -> "%" + escaped;
        };
    }
}
