package io.merchantdesk.kernel.text;

/**
 * What the service accepts as text anywhere (path, query, body, token claims): Unicode without NUL (PostgreSQL
 * cannot store it), without unpaired surrogates (not encodable as UTF-8) and without U+FFFD, which is what an
 * invalid UTF-8 percent-encoding decodes to.
 */
public final class Text {
    private Text() {}

    /** Why the text is refused, or null when it is acceptable. */
    public static String problem(CharSequence s) {
        if (s == null) return null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') return "must not contain the NUL character";
            if (c == '\uFFFD') return "is not valid UTF-8";
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate (not valid Unicode)";
            }
            if (Character.isLowSurrogate(c)) return "contains an unpaired surrogate (not valid Unicode)";
        }
        return null;
    }

    /** The value as a problem detail may quote it: NUL made visible, cut to 40 characters. */
    public static String abbreviate(String value) {
        if (value == null) return null;
        String printable = value.replace("\u0000", "\\u0000");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
