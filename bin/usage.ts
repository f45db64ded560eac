/** Usage errors: printed with the usage text, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `authprobe — conformance harness and mock server for OAuth 2.0 authorization servers
and a desktop-app authorization channel

Usage:
  authprobe test [--config target.json] [--profile P ...] [--only ID|AREA,...] [--runs N]
                 [--seed S] [--replay ID:SEED:PATH] [--rules all|rfc]
                 [--json FILE] [--junit FILE] [--html FILE]
      Run the conformance suites. Without --config, against the embedded mock.
      --rules rfc judges RFC and RFC 9700 (BCP) rules only; product-document rows are skipped.
  authprobe serve [--host 127.0.0.1] [--port 4010|0] [--config mock.json] [--consent page|auto]
                  [--defect NAME ...] [--desktop-socket PATH] [--control-token TOKEN]
                  [--write-target FILE]
      Start the reference authorization server and desktop channel mock; --write-target
      writes a target file for authprobe test --config (demo clients, --consent auto).
  authprobe init --issuer URL [--out FILE] [--force]
      Write a commented target file for a server, from its metadata.
  authprobe baseline --from report.json [--out FILE]
      Write a baseline (expected failures and skips) from a JSON report.
  authprobe report merge a.json b.json ... [--json FILE] [--junit FILE] [--html FILE]
      Join the JSON reports of shards into one.
  authprobe requirements [--profile P ...] [--area AREA] [--json]
      Print the requirement catalogue.
  authprobe defects [--json]
      List the mock's --defect switches and the requirement IDs each breaks.
  authprobe help COMMAND | COMMAND --help
  authprobe --help | --version

Exit codes: 0 success, 1 a MUST requirement failed, 2 usage, config or connection error,
or nothing was tested (every applicable requirement skipped).`;
