package dev.neptuneguard.cli.live;

import dev.neptuneguard.accounts.MemberAccessException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Why a region (or, in a scan of several accounts, a whole account) could not be scanned, sorted into what the
 * user can do about it.
 *
 * @param kind what kind of failure it is
 * @param code the AWS error code, or the exception's name when AWS did not answer
 * @param message the first line of the error, at most 300 characters
 */
public record RegionFailure(Kind kind, String code, String message) {

    /** What went wrong, as far as the user's next step is concerned. */
    public enum Kind {
        /** The account's member role could not be assumed (a scan of several accounts): nothing of it was read. */
        ROLE("deploy the member role in the account and let it trust the credentials running the scan, or pass "
                + "--role NAME, or leave the account out with --exclude-accounts"),
        /** The credentials are not valid in the region: usually an opt-in region the account has not enabled. */
        NOT_ENABLED("is the region enabled for the account? Opt-in regions must be enabled first"),
        /** IAM refused a read call. */
        ACCESS_DENIED("grant the read-only actions listed in the scan IAM policy"),
        /** AWS kept throttling after the SDK's retries. */
        THROTTLED("throttled beyond the SDK's retries: run again, or lower --parallelism"),
        /** Anything else: a server fault, the network, a timeout. */
        ERROR("run again; if it persists, check the network path to the region's endpoints");

        private final String hint;

        Kind(String hint) {
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    private static final int MAX_MESSAGE = 300;
    /** A refused AssumeRole names the caller and the role: longer, and all of it is needed. */
    private static final int MAX_ROLE_MESSAGE = 600;
    /** What AWS answers, per protocol, when the credentials' account has not enabled the region. */
    private static final Set<String> NOT_ENABLED_CODES = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "AuthFailure", "OptInRequired");

    public static RegionFailure of(RuntimeException e) {
        if (e instanceof MemberAccessException denied) {
            return new RegionFailure(Kind.ROLE, denied.code(), clean(denied.getMessage(), MAX_ROLE_MESSAGE));
        }
        if (e instanceof AwsServiceException ase) {
            AwsErrorDetails d = ase.awsErrorDetails();
            String code = d != null && d.errorCode() != null ? d.errorCode() : "HTTP " + ase.statusCode();
            String message = d != null && d.errorMessage() != null ? d.errorMessage() : ase.getMessage();
            Kind kind;
            if (NOT_ENABLED_CODES.contains(code)) {
                kind = Kind.NOT_ENABLED;
            } else if (ase.isThrottlingException()) {
                kind = Kind.THROTTLED;
            } else if (ase.statusCode() == 403 || code.startsWith("AccessDenied")
                    || code.equals("UnauthorizedOperation")) {
                kind = Kind.ACCESS_DENIED;
            } else {
                kind = Kind.ERROR;
            }
            return new RegionFailure(kind, code, clean(message, MAX_MESSAGE));
        }
        String name = e instanceof SdkClientException ? "SdkClientException" : e.getClass().getSimpleName();
        return new RegionFailure(Kind.ERROR, name, clean(e.getMessage(), MAX_MESSAGE));
    }

    private static String clean(String message, int max) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
