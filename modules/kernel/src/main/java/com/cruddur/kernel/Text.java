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
}
