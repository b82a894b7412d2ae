package no.flyt.cli;

/** Turns an exception into the one line a user needs: the deepest message that says something. */
final class Errors {

    private Errors() {
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        Throwable cause = e.getCause();
        while (cause != null && cause != cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
            cause = cause.getCause();
        }
        return text.toString();
    }
}
