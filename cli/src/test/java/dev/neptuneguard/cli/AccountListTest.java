package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neptuneguard.accounts.MemberAccount;
import dev.neptuneguard.cli.live.AccountList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account ids of {@code --accounts} / {@code --exclude-accounts}, and how they select the accounts to scan. */
class AccountListTest {

    @TempDir
    Path dir;

    @Test
    void parse_commaList_idsInOrderDuplicatesDropped() {
        assertThat(AccountList.parse("--accounts", "444455556666, 111122223333,444455556666"))
                .containsExactly("444455556666", "111122223333");
    }

    @Test
    void parse_file_commentsBlankLinesAndByteOrderMarkIgnored() throws IOException {
        Path file = dir.resolve("accounts.txt");
        Files.writeString(file, "\uFEFF# prod\n111122223333  # security\n\n\t444455556666\r\n# end\n",
                StandardCharsets.UTF_8);

        assertThat(AccountList.parse("--accounts", file.toString())).containsExactly("111122223333", "444455556666");
    }

    @Test
    void parse_fileNamedWithDigits_isAFileWhenWrittenWithAPath() throws IOException {
        Files.writeString(dir.resolve("123456789012"), "444455556666\n", StandardCharsets.UTF_8);

        assertThat(AccountList.parse("--accounts", dir.resolve("123456789012").toString()))
                .containsExactly("444455556666");
    }

    @Test
    void parse_badValues_inputErrorsSayingWhatIsExpected() throws IOException {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing yet\n\n", StandardCharsets.UTF_8);
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'1', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> AccountList.parse("--accounts", "111122223333,"))
                .isInstanceOf(InputException.class).hasMessageContaining("'' is not an AWS account id (12 digits)");
        assertThatThrownBy(() -> AccountList.parse("--exclude-accounts", "1111-2222-3333"))
                .isInstanceOf(InputException.class).hasMessageContaining("--exclude-accounts '1111-2222-3333' is "
                        + "neither a comma-separated list of 12-digit account ids nor a file");
        assertThatThrownBy(() -> AccountList.parse("--accounts", empty.toString()))
                .isInstanceOf(InputException.class).hasMessageContaining("no account id in the file");
        assertThatThrownBy(() -> AccountList.parse("--accounts", latin1.toString()))
                .isInstanceOf(InputException.class).hasMessageContaining("not UTF-8 text");
    }

    @Test
    void select_orgWithExclusions_keepsTheOrganizationsOrderAndNotesUnknownExclusions() {
        OrganizationOptions options = options(true, null, "444455556666,999988887777");
        List<String> notes = new ArrayList<>();

        List<MemberAccount> selected = options.select(() -> List.of(new MemberAccount("111122223333", "security"),
                new MemberAccount("444455556666", "prod"), new MemberAccount("555566667777", "analytics")),
                notes::add);

        assertThat(selected).extracting(MemberAccount::label)
                .containsExactly("111122223333 (security)", "555566667777 (analytics)");
        assertThat(notes).containsExactly("--exclude-accounts 999988887777: not among the accounts to scan");
    }

    @Test
    void select_everyAccountExcluded_inputError() {
        OrganizationOptions options = options(false, "111122223333", "111122223333");

        assertThatThrownBy(() -> options.select(List::of, note -> { }))
                .isInstanceOf(InputException.class)
                .hasMessage("no account left to scan: --exclude-accounts leaves out every one of the 1 accounts named "
                        + "with --accounts");
    }

    private static OrganizationOptions options(boolean org, String accounts, String excluded) {
        OrganizationOptions o = new OrganizationOptions();
        o.org = org;
        o.accounts = accounts;
        o.excludeAccounts = excluded;
        return o;
    }
}
