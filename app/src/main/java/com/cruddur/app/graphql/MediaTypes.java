package com.cruddur.app.graphql;

import java.util.Locale;

/** Content negotiation for GraphQL over HTTP: which response media type an {@code Accept} header allows. */
final class MediaTypes {

    static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    static final String JSON = "application/json";

    private MediaTypes() {
    }

    /**
     * The response type for this {@code Accept} header: {@code application/graphql-response+json} when the client
     * names it and accepts it at least as much as {@code application/json}; {@code application/json} without a
     * header or for a wildcard ({@code *}{@code /*}: a client that names no type is assumed to be a legacy one, as
     * the GraphQL-over-HTTP draft recommends); null when neither is acceptable.
     */
    static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        double graphqlQuality = 0;
        double jsonQuality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            if (type.equals(GRAPHQL_RESPONSE_JSON)) {
                graphqlQuality = Math.max(graphqlQuality, quality);
            } else if (type.equals(JSON)) {
                jsonQuality = Math.max(jsonQuality, quality);
            } else if (type.equals("*/*") || type.equals("application/*")) {
                jsonQuality = Math.max(jsonQuality, quality);
            }
        }
        if (graphqlQuality == 0 && jsonQuality == 0) {
            return null;
        }
        return graphqlQuality >= jsonQuality ? GRAPHQL_RESPONSE_JSON : JSON;
    }

    /** Whether a browser is asking for a page rather than for data. */
    static boolean prefersHtml(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";")[0].strip().toLowerCase(Locale.ROOT).equals(JSON);
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
