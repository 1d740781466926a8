package dev.neptuneguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FindingCsvTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "graph-prod|graph-prod",
            "a,b|`\"a,b\"`",
            "say \"hi\"|`\"say \"\"hi\"\"\"`",
            "``|``",
            "=1+2|'=1+2",
            "+1|'+1",
            "-rf|'-rf",
            "@SUM(A1)|'@SUM(A1)",
            "=A1,B1|`\"'=A1,B1\"`",
            "a=b|a=b"})
    void cell_value_isQuotedAndGuardedAsRfc4180AndOwaspSay(String value, String expected) {
        assertThat(FindingCsv.cell(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"line1\nline2", "line1\r\nline2", "line1\rline2"})
    void cell_lineBreaks_areQuotedVerbatim(String value) {
        assertThat(FindingCsv.cell(value)).isEqualTo('"' + value + '"');
    }
}
