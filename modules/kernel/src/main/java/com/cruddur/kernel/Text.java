package com.cruddur.kernel;

/** Text measured the way users see it: in code points (an emoji is one), blank meaning only whitespace. */
public final class Text {

    private Text() {
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Null, empty, or nothing but whitespace (Unicode whitespace included). */
    public static boolean isBlank(String text) {
        return text == null || text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    /**
     * Whether the text holds a character that cannot be stored as sent: U+0000 (PostgreSQL's text cannot hold it)
     * or half of a UTF-16 surrogate pair (no UTF-8 encodes it: the driver would write a {@code ?} instead). Such
     * text is refused, never altered.
     */
    public static boolean hasUnstorableCharacters(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return true;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
