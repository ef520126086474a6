package com.cruddur.app.signin;

import com.cruddur.user.Account;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The local issuer's sign-in page: the users to sign in as, another handle, and a sign-up form, each a form that
 * POSTs the original authorization request back with the page's anti-forgery token. No script; its one
 * stylesheet is served beside it.
 */
final class SignInPage {

    static final String STYLESHEET_PATH = "/oauth2/signin.css";
    static final String STYLESHEET = load("/signin/signin.css");

    /** What was typed into the sign-up form, and the refusal codes by field ({@code handle}, {@code name}, {@code email}, or {@code ""} for the form). */
    record SignUpForm(String handle, String name, String email, Map<String, String> errors) {

        static final SignUpForm EMPTY = new SignUpForm("", "", "", Map.of());
    }

    /** The sign-in field's typed handle and its refusal (null when none). */
    record SignInForm(String handle, String error) {

        static final SignInForm EMPTY = new SignInForm("", null);
    }

    private SignInPage() {
    }

    static String render(Map<String, List<String>> request, String token, List<Account> accounts, SignInForm signIn,
                         SignUpForm signUp) {
        String hidden = hiddenFields(request, token);
        StringBuilder html = new StringBuilder(4096);
        head(html, "Sign in to Cruddur");
        html.append("<main>\n<h1>Sign in to Cruddur</h1>\n")
                .append("<p class=\"note\">Development sign-in by the local issuer: pick a user, no password. "
                        + "In production this page is Cognito's managed login.</p>\n");

        html.append("<h2 id=\"sign-in\">Sign in as</h2>\n");
        if (accounts.isEmpty()) {
            html.append("<p class=\"note\">No users yet: sign up below.</p>\n");
        } else {
            html.append("<form method=\"post\" action=\"/oauth2/authorize\" aria-labelledby=\"sign-in\">\n").append(hidden)
                    .append("<input type=\"hidden\" name=\"action\" value=\"sign_in\">\n<ul class=\"accounts\">\n");
            for (Account account : accounts) {
                html.append("<li><button type=\"submit\" name=\"handle\" value=\"").append(escape(account.handle()))
                        .append("\">").append(escape(account.displayName())).append(" <span class=\"handle\">@")
                        .append(escape(account.handle())).append("</span></button></li>\n");
            }
            html.append("</ul>\n</form>\n");
        }
        html.append("<form method=\"post\" action=\"/oauth2/authorize\" class=\"inline\">\n").append(hidden)
                .append("<input type=\"hidden\" name=\"action\" value=\"sign_in\">\n<div>");
        field(html, "sign-in-handle", "handle", "text", "Another handle", signIn.handle(), signIn.error(), "username");
        html.append("</div>\n<button type=\"submit\" class=\"primary\">Sign in</button>\n</form>\n");

        html.append("<h2 id=\"sign-up\">New here? Sign up</h2>\n")
                .append("<form method=\"post\" action=\"/oauth2/authorize\" aria-labelledby=\"sign-up\">\n").append(hidden)
                .append("<input type=\"hidden\" name=\"action\" value=\"sign_up\">\n");
        if (signUp.errors().containsKey("")) {
            html.append("<p class=\"form-error\" role=\"alert\" data-code=\"").append(escape(signUp.errors().get("")))
                    .append("\">").append(escape(SignUpMessages.message(signUp.errors().get("")))).append("</p>\n");
        }
        field(html, "sign-up-handle", "handle", "text", "Handle", signUp.handle(), signUp.errors().get("handle"), "username");
        field(html, "sign-up-name", "name", "text", "Display name", signUp.name(), signUp.errors().get("name"), "name");
        field(html, "sign-up-email", "email", "email", "Email", signUp.email(), signUp.errors().get("email"), "email");
        html.append("<button type=\"submit\" class=\"primary\">Sign up</button>\n</form>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    /** A refusal that cannot go back to the client: an unknown client or redirect URI, or a forged form. */
    static String error(String title, String message) {
        StringBuilder html = new StringBuilder(1024);
        head(html, title);
        html.append("<main>\n<h1>").append(escape(title)).append("</h1>\n<p role=\"alert\" class=\"form-error\">")
                .append(escape(message)).append("</p>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void head(StringBuilder html, String title) {
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(STYLESHEET_PATH).append("\">\n</head>\n<body>\n");
    }

    private static void field(StringBuilder html, String id, String name, String type, String label, String value,
                              String errorCode, String autocomplete) {
        html.append("<label for=\"").append(id).append("\">").append(label).append("</label>\n")
                .append("<input id=\"").append(id).append("\" name=\"").append(name).append("\" type=\"").append(type)
                .append("\" autocomplete=\"").append(autocomplete).append("\" value=\"").append(escape(value)).append('"');
        if (errorCode != null) {
            // The one refused field (refusals come one at a time) takes the focus, which scrolls it into view.
            html.append(" autofocus aria-invalid=\"true\" aria-describedby=\"").append(id).append("-error\">\n")
                    .append("<p class=\"field-error\" id=\"").append(id).append("-error\" data-code=\"")
                    .append(escape(errorCode)).append("\">").append(escape(SignUpMessages.message(errorCode))).append("</p>\n");
        } else {
            html.append(">\n");
        }
    }

    private static String hiddenFields(Map<String, List<String>> request, String token) {
        StringBuilder hidden = new StringBuilder();
        request.forEach((name, values) -> values.forEach(value -> hidden.append("<input type=\"hidden\" name=\"")
                .append(escape(name)).append("\" value=\"").append(escape(value)).append("\">\n")));
        hidden.append("<input type=\"hidden\" name=\"").append(LocalAuthorizationServer.ANTI_FORGERY_FIELD)
                .append("\" value=\"").append(escape(token)).append("\">\n");
        return hidden.toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String load(String resource) {
        try (InputStream in = SignInPage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
