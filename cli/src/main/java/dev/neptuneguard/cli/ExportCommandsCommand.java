package dev.neptuneguard.cli;

import dev.neptuneguard.cli.live.RegionPlan;
import dev.neptuneguard.cli.offline.AccountExport;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.regions.Region;

/**
 * {@code export-commands}: prints a bash script of read-only AWS CLI commands that export an account's Neptune
 * clusters, cluster snapshots and their keys into the files {@code scan --offline} reads, for accounts where
 * neptune-guard itself may not hold credentials. Each region gets its own files (key files carry the region too:
 * a multi-Region key has the same id in every region). A failed key call leaves the AWS CLI's own error text in a
 * {@code .error} file beside the JSON files, so that the scan can tell KMS's NotFound from a refusal. It needs only
 * the AWS CLI (v1 or v2; key files are named after the key, so a rotation status without {@code KeyId} is still
 * attributed) and POSIX tools: no jq. It first records the time of the export ({@value #EXPORT_TIME_FILE}), which
 * {@code scan --offline} and {@code replay --offline} judge dates as of.
 */
@Command(name = "export-commands", mixinStandardHelpOptions = true,
        description = "Print the AWS CLI commands that export an account for `scan --offline`.")
final class ExportCommandsCommand implements Callable<Integer> {

    static final String DEFAULT_DIR = "neptune-guard-export";
    /** The file the script records the export's time in ({@code {"exportTime": "2026-11-23T17:10:30Z"}}). */
    static final String EXPORT_TIME_FILE = "export-time.json";
    private static final Pattern SAFE_DIR = Pattern.compile("[A-Za-z0-9._/-]+");

    @Spec
    private CommandSpec spec;

    @Option(names = "--region", paramLabel = "REGION",
            description = "A region to export (repeatable). Default: the script uses $AWS_REGION when it runs.")
    private List<String> regions;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
            description = "Folder the script writes the files to. Default: ${DEFAULT-VALUE}.")
    private String dir;

    @Override
    public Integer call() {
        if (!SAFE_DIR.matcher(dir).matches()) {
            throw new InputException("--dir may hold only letters, digits and . _ / -, not '" + dir + "'");
        }
        String regionList = regions == null
                ? "\"${AWS_REGION:?set AWS_REGION, or print the commands with --region R}\""
                : String.join(" ", RegionPlan.explicit(regions).regions().stream().map(Region::id).toList());
        spec.commandLine().getOut().print(script(dir, regionList));
        return NeptuneGuardCli.EXIT_OK;
    }

    /** The script; {@code regions} is the word list of the {@code for} loop. */
    static String script(String dir, String regions) {
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bash\n")
                .append("# Exports the Neptune clusters, cluster snapshots, Neptune Analytics graphs and graph\n")
                .append("# snapshots and their KMS keys of one account for\n")
                .append("#   neptune-guard scan --offline ").append(dir).append('\n')
                .append("# Read-only calls (rds:DescribeDBClusters, rds:DescribeDBClusterSnapshots, kms:DescribeKey,\n")
                .append("# kms:GetKeyRotationStatus, kms:ListAliases, neptune-graph:ListGraphs,\n")
                .append("# neptune-graph:ListGraphSnapshots) with the AWS CLI.\n")
                .append("# `aws rds` prints each resource's TagList, so neptune-guard:exempt tags are seen.\n")
                .append("# A key call that fails leaves the AWS CLI's error text in key-<region>-<key id>.error or\n")
                .append("# rotation-<region>-<key id>.error: only KMS's NotFoundException makes the scan call a key\n")
                .append("# deleted; AccessDenied, another account's key or any other error is \"cannot verify\".\n")
                .append("set -euo pipefail\n")
                .append("export AWS_PAGER=\"\"\n")
                .append("out=").append(dir).append('\n')
                .append("mkdir -p \"$out\"\n")
                .append("# When the export is taken: the scan counts deletion dates and exemptions from this time, not\n")
                .append("# from the day it runs (file times are no guide: a copy or an unzip changes them).\n")
                .append("printf '{\"").append(AccountExport.EXPORT_TIME)
                .append("\": \"%s\"}\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" > \"$out/")
                .append(EXPORT_TIME_FILE).append("\"\n")
                .append("for R in ").append(regions).append("; do\n")
                .append("  aws rds describe-db-clusters --region \"$R\" --filters Name=engine,Values=neptune")
                .append(" --output json > \"$out/clusters-$R.json\"\n")
                .append("  aws rds describe-db-cluster-snapshots --region \"$R\" --filters Name=engine,Values=neptune")
                .append(" --output json > \"$out/snapshots-$R.json\"\n")
                .append("  # Neptune Analytics: a region without it (or a CLI without neptune-graph) leaves no file\n")
                .append("  aws neptune-graph list-graphs --region \"$R\" --output json > \"$out/graphs-$R.json\"")
                .append(" || { echo \"cannot list the Neptune Analytics graphs of $R\" >&2;")
                .append(" rm -f \"$out/graphs-$R.json\"; }\n")
                .append("  aws neptune-graph list-graph-snapshots --region \"$R\" --output json")
                .append(" > \"$out/graph-snapshots-$R.json\"")
                .append(" || { echo \"cannot list the Neptune Analytics graph snapshots of $R\" >&2;")
                .append(" rm -f \"$out/graph-snapshots-$R.json\"; }\n")
                .append("  for k in $(grep -sohE '\"(KmsKeyId|kmsKeyIdentifier)\" *: *\"[^\"]+\"'")
                .append(" \"$out/clusters-$R.json\" \"$out/snapshots-$R.json\"")
                .append(" \"$out/graphs-$R.json\" \"$out/graph-snapshots-$R.json\"")
                .append(" | sed -E 's/.*\"([^\"]+)\"$/\\1/' | grep -v '^AWS_OWNED_KEY$' | sort -u); do\n")
                .append("    id=\"${k##*/}\"\n")
                .append("    f=\"$out/key-$R-$id\"\n")
                .append("    if aws kms describe-key --region \"$R\" --key-id \"$k\" --output json > \"$f.json\"")
                .append(" 2> \"$f.error\"; then\n")
                .append("      rm -f \"$f.error\"\n")
                .append("    else\n")
                .append("      rm -f \"$f.json\"\n")
                .append("      echo \"cannot describe $k: the error is kept in $f.error\" >&2\n")
                .append("    fi\n")
                .append("    f=\"$out/rotation-$R-$id\"\n")
                .append("    if aws kms get-key-rotation-status --region \"$R\" --key-id \"$k\" --output json")
                .append(" > \"$f.json\" 2> \"$f.error\"; then\n")
                .append("      rm -f \"$f.error\"\n")
                .append("    else\n")
                .append("      rm -f \"$f.json\"\n")
                .append("    fi\n")
                .append("  done\n")
                .append("  aws kms list-aliases --region \"$R\" --output json > \"$out/aliases-$R.json\"")
                .append(" || { echo \"cannot list the aliases of $R\" >&2; rm -f \"$out/aliases-$R.json\"; }\n")
                .append("done\n")
                .append("echo \"exported to $out; now run: neptune-guard scan --offline $out\" >&2\n");
        return s.toString();
    }
}
