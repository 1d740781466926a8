package dev.neptuneguard.accounts;

/** One account of the organization, as Organizations lists it; {@code name} may be null when it is not known. */
public record MemberAccount(String id, String name) {

    /** {@code 111122223333 (prod-data)}, or the id alone. */
    public String label() {
        return name == null || name.isBlank() ? id : id + " (" + name + ")";
    }
}
