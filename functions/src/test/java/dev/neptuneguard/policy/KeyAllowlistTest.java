package dev.neptuneguard.policy;

import static dev.neptuneguard.policy.TestFacts.CMK_ALIAS;
import static dev.neptuneguard.policy.TestFacts.CMK_ARN;
import static dev.neptuneguard.policy.TestFacts.cluster;
import static dev.neptuneguard.policy.TestFacts.cmk;
import static dev.neptuneguard.policy.TestFacts.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyAllowlistTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static List<String> keys(int n) {
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(String.format(Locale.ROOT, "arn:aws:kms:us-east-1:444455556666:key/%08x-0000-4000-8000-%012x", i,
                    i));
        }
        return keys;
    }

    @Test
    void summary_fourEntries_namesEveryOne() {
        assertThat(new KeyAllowlist(List.of("a", "b", "c", "d")).summary()).isEqualTo("a, b, c, d");
    }

    @Test
    void summary_manyEntries_namesThreeAndCountsTheRest() {
        List<String> keys = keys(100_000);

        assertThat(new KeyAllowlist(keys).summary()).isEqualTo(keys.get(0) + ", " + keys.get(1) + ", " + keys.get(2)
                + " and 99,997 more");
    }

    @Test
    void evaluateCluster_keyNotOn100kAllowlist_detailStaysSmall() {
        EncryptionRules rules = new EncryptionRules(new Policy(true, keys(100_000), Set.of(), false));
        KeyFacts key = cmk().build();

        Finding f = only(rules.evaluateCluster(cluster("graph-prod", true, CMK_ARN), key, TODAY),
                RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.detail()).endsWith("and 99,997 more).").hasSizeLessThan(600);
    }

    @Test
    void allows_lastOf100kEntries_matches() {
        List<String> keys = keys(100_000);
        keys.add(CMK_ALIAS);

        assertThat(new KeyAllowlist(keys).allows(cmk().build())).isTrue();
    }

    @Test
    void allows_aliasArnEntryKeyWithoutArn_matchesByAliasName() {
        KeyFacts noArn = new TestFacts.KeyBuilder(null, null).aliases(CMK_ALIAS).build();

        assertThat(new KeyAllowlist(List.of("arn:aws:kms:us-east-1:111122223333:" + CMK_ALIAS)).allows(noArn))
                .isTrue();
        assertThat(new KeyAllowlist(List.of("arn:aws:kms:us-east-1:111122223333:alias/other")).allows(noArn))
                .isFalse();
    }

    @Test
    void needsAliases_onlyWhenAnEntryIsAnAlias() {
        assertThat(new KeyAllowlist(List.of(CMK_ARN)).needsAliases()).isFalse();
        assertThat(new KeyAllowlist(List.of(CMK_ARN, CMK_ALIAS)).needsAliases()).isTrue();
        assertThat(new KeyAllowlist(List.of("arn:aws:kms:us-east-1:111122223333:" + CMK_ALIAS)).needsAliases())
                .isTrue();
    }
}
