package org.dqms.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses JSON text with an unpaired surrogate: a JSON escape of U+D800 to U+DFFF without its other
 * half. The parser accepts the escape and gives a Java string that is not valid Unicode; the
 * database driver's UTF-8 encoder would then store a {@code ?} in its place, so the stored text
 * would differ from the text sent without anyone being told. A pair (an emoji, say) is one
 * character and passes.
 */
final class WellFormedText extends StringDeserializer {

    /** The module Spring Boot registers with the application's JSON mapper. */
    static SimpleModule module() {
        return new SimpleModule("dqms-well-formed-text").addDeserializer(String.class, new WellFormedText());
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        String text = super.deserialize(p, ctxt);
        if (text != null && hasUnpairedSurrogate(text)) {
            throw new UnpairedSurrogateException(p, text);
        }
        return text;
    }

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The refusal, kept apart from other unreadable JSON so that the answer can name its cause. */
    static final class UnpairedSurrogateException extends InvalidFormatException {

        UnpairedSurrogateException(JsonParser p, String text) {
            // The message is logged and may be shown; it never quotes the text.
            super(p, "Text with an unpaired UTF-16 surrogate", null, String.class);
        }

        /** The JSON property that held the text, or {@code null} at the document's root. */
        String field() {
            for (int i = getPath().size() - 1; i >= 0; i--) {
                String name = getPath().get(i).getPropertyName();
                if (name != null) {
                    return name;
                }
            }
            return null;
        }
    }
}
