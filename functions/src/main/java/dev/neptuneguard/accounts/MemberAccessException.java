package dev.neptuneguard.accounts;

/**
 * The guard cannot act in a member account: its read role could not be assumed (not deployed there, a trust
 * policy that does not name this function, an account outside the organization, an SCP), or the account id is not
 * one. Not an AWS fault that a retry fixes: the event is reported as "cannot verify" with this reason and counted.
 */
public final class MemberAccessException extends RuntimeException {

    private final String account;
    private final String code;

    public MemberAccessException(String account, String code, String message, Throwable cause) {
        super(message, cause);
        this.account = account;
        this.code = code;
    }

    public String account() {
        return account;
    }

    /** The AWS error code ({@code AccessDenied}, ...) or a short name of what is wrong. */
    public String code() {
        return code;
    }
}
