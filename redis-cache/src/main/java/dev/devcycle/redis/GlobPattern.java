package dev.devcycle.redis;

/** Redis glob-style patterns (SCAN MATCH): escaping text that must match literally. */
public final class GlobPattern {

    private GlobPattern() {
    }

    /**
     * Escapes {@code * ? [ ] \} so the text matches only itself in a SCAN MATCH pattern. Use it for every part of a
     * pattern that comes from a caller and is not meant as a glob.
     */
    public static String escape(String literal) {
        StringBuilder out = null;
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                if (out == null) {
                    out = new StringBuilder(literal.length() + 8).append(literal, 0, i);
                }
                out.append('\\');
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? literal : out.toString();
    }
}
