package io.portcullis.session;

/** Where a request came from, as stored with a session: empty strings when unknown. */
public record ClientInfo(String ipAddress, String userAgent) {
    static final int MAX_IP = 64;
    static final int MAX_USER_AGENT = 512;
    public static final ClientInfo UNKNOWN = new ClientInfo("", "");

    public ClientInfo {
        ipAddress = clip(ipAddress, MAX_IP);
        userAgent = clip(userAgent, MAX_USER_AGENT);
    }

    private static String clip(String value, int max) {
        if (value == null) return "";
        String printable = value.replaceAll("\\p{Cntrl}", "");
        return printable.length() <= max ? printable : printable.substring(0, max);
    }
}
