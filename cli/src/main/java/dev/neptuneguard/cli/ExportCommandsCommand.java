package dev.neptuneguard.cli;

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
 * a multi-Region key has the same id in every region). It needs only the AWS CLI v2 (2.15 or newer, whose
 * {@code get-key-rotation-status} prints the key id) and POSIX tools: no jq.
 */
@Command(name = "export-commands", mixinStandardHelpOptions = true,
        description = "Print the AWS CLI commands that export an account for `scan --offline`.")
final class ExportCommandsCommand implements Callable<Integer> {

    static final String DEFAULT_DIR = "neptune-guard-export";
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
                .append("# Exports the Neptune clusters, cluster snapshots and KMS keys of one account for\n")
                .append("#   neptune-guard scan --offline ").append(dir).append("/*.json\n")
                .append("# Read-only calls (rds:DescribeDBClusters, rds:DescribeDBClusterSnapshots, kms:DescribeKey,\n")
                .append("# kms:GetKeyRotationStatus, kms:ListAliases) with the AWS CLI v2.15 or newer.\n")
                .append("# `aws rds` prints each resource's TagList, so neptune-guard:exempt tags are seen.\n")
                .append("set -euo pipefail\n")
                .append("export AWS_PAGER=\"\"\n")
                .append("out=").append(dir).append('\n')
                .append("mkdir -p \"$out\"\n")
                .append("for R in ").append(regions).append("; do\n")
                .append("  aws rds describe-db-clusters --region \"$R\" --filters Name=engine,Values=neptune")
                .append(" --output json > \"$out/clusters-$R.json\"\n")
                .append("  aws rds describe-db-cluster-snapshots --region \"$R\" --filters Name=engine,Values=neptune")
                .append(" --output json > \"$out/snapshots-$R.json\"\n")
                .append("  for k in $(grep -ohE '\"KmsKeyId\" *: *\"[^\"]+\"'")
                .append(" \"$out/clusters-$R.json\" \"$out/snapshots-$R.json\"")
                .append(" | sed -E 's/.*\"([^\"]+)\"$/\\1/' | sort -u); do\n")
                .append("    id=\"${k##*/}\"\n")
                .append("    aws kms describe-key --region \"$R\" --key-id \"$k\" --output json")
                .append(" > \"$out/key-$R-$id.json\"")
                .append(" || { echo \"cannot describe $k: the scan reports it as unverifiable\" >&2;")
                .append(" rm -f \"$out/key-$R-$id.json\"; }\n")
                .append("    aws kms get-key-rotation-status --region \"$R\" --key-id \"$k\" --output json")
                .append(" > \"$out/rotation-$R-$id.json\" 2>/dev/null || rm -f \"$out/rotation-$R-$id.json\"\n")
                .append("  done\n")
                .append("  aws kms list-aliases --region \"$R\" --output json > \"$out/aliases-$R.json\"")
                .append(" || { echo \"cannot list the aliases of $R\" >&2; rm -f \"$out/aliases-$R.json\"; }\n")
                .append("done\n")
                .append("echo \"exported to $out: neptune-guard scan --offline $out/*.json\" >&2\n");
        return s.toString();
    }
}
