/**
 * Per-command help: what the command does, its options, examples, and its exit codes.
 * `authprobe COMMAND --help` and `authprobe help COMMAND` print these; a usage error prints one
 * line and the hint to run `--help`.
 */

export const EXIT_CODES = `Exit codes:
  0    every applicable MUST requirement that ran passed (SHOULD failures are warnings)
  1    a MUST requirement failed, or a baseline entry is stale (it passes now)
  2    usage, target file or connection error, or nothing was tested
  70   an internal error in authprobe (please report it)
  130  interrupted (Ctrl-C); a partial report, marked interrupted, is still written`;

export const COMMAND_HELP: Record<string, string> = {
  test: `authprobe test — run the conformance suites against a target

Usage: authprobe test [--config target.json] [options]

Without --config the suites run against the embedded mock (what \`npm start\` does).

Options:
  --config FILE            the target file (JSON or JSONC); see docs/target-file.md
  --profile P              replace the claimed profiles (repeatable or comma-separated)
  --only ID|AREA,...       run only these requirement IDs or areas
  --runs N                 property runs per requirement (default: each property's own)
  --seed S                 the fast-check seed (printed with every run)
  --replay TOKEN           replay one failure: the token printed after --replay in a report
  --rules all|rfc          rfc: judge RFC and RFC 9700 rules only; product rules are skipped
  --shard I/N              run slice I of N (each requirement in exactly one slice)
  --expected-failures FILE rows listed there do not fail the run; a listed row that passes is stale
  --expected-skips FILE    skips listed there are allowed; any other skip fails the run
  --json FILE|-            write the JSON report (- for stdout; human output then goes to stderr)
  --junit FILE             write JUnit XML
  --html FILE              write one self-contained HTML page
  --quiet                  print only failures and the verdict
  --max-time DURATION      end the run after this long (90, 15m): rows not reached are 'not run', exit 2
  --concurrency N          requirements in flight at once (default 8; 1 runs them one by one).
                           Those that move the clock run alone after the others, and the desktop
                           ones one at a time; the report is the same whatever the order they
                           finish in
  -h, --help               this help

Environment: NO_COLOR, FORCE_COLOR; GITHUB_ACTIONS=true adds ::error annotations per failed row.

Examples:
  authprobe test
  authprobe test --config target.json --json report.json --junit junit.xml --html report.html
  authprobe test --config target.json --only PKCE,RED-1 --runs 200 --seed 42
  authprobe test --config target.json --rules rfc
  authprobe test --config target.json --expected-failures baseline.json
  authprobe test --config target.json --shard 1/3 --json shard-1.json

${EXIT_CODES}`,

  serve: `authprobe serve — the reference authorization server and desktop channel mock

Usage: authprobe serve [options]

Options:
  --host H                 bind address (default 127.0.0.1)
  --port N                 port (default 4010; 0 picks a free one)
  --config FILE            clients, lifetimes and accounts (JSON)
  --consent page|auto      show the consent page, or approve at once (default page)
  --defect NAME            break the mock in one named way (repeatable; see authprobe defects)
  --desktop-socket PATH    where the desktop channel's Unix socket goes
  --control-token TOKEN    require this bearer token on the control API (better: set
                           AUTHPROBE_CONTROL_TOKEN, which other users cannot read in ps)
  --issuer URL             the public issuer, when clients reach the server by another name
                           than the bind address (a wildcard bind, a proxy)
  --keys FILE              keep the signing keys in FILE (a JWK set, created 0600 when missing),
                           so the JWKS survives restarts
  --write-target FILE      write a target file for authprobe test (needs --consent auto)
  --client-report FILE     judge each client that uses the mock (CL-1..CL-20: PKCE, state,
                           redirect_uri, secrets, refresh rotation, ...) and write the verdicts
                           on exit: FILE as JSON, beside it JUnit (.xml) and HTML (.html);
                           r.json gives r.xml and r.html. Live: GET /_mock/client-report
  -h, --help               this help

The issuer URL is the first line of stdout. Ctrl-C (or SIGTERM) stops it and removes the socket.
With --client-report, stopping writes the report and prints one line with its failure count;
the exit code stays 0 (a client project's CI fails on the JUnit file or the JSON).
A --host other than loopback prints a warning naming what the network can reach.

Examples:
  authprobe serve --port 4010 --consent auto
  authprobe serve --port 0 --consent auto --write-target target.json
  authprobe serve --defect pkce-plain-accepted --defect refresh-reuse-allowed
  authprobe serve --port 0 --consent auto --client-report reports/client.json
  AUTHPROBE_CONTROL_TOKEN=s3cret authprobe serve --host 0.0.0.0 --issuer http://devbox.lan:4010 --keys keys.json

Exit codes: 0 stopped by a signal; 2 usage or config error, or the port is in use.`,

  requirements: `authprobe requirements — print the requirement catalogue

Usage: authprobe requirements [--profile P ...] [--area AREA ...] [--json]

Examples:
  authprobe requirements
  authprobe requirements --profile users-api
  authprobe requirements --area PKCE --json

Exit codes: 0 printed; 2 usage error.`,

  defects: `authprobe defects — list the mock's --defect switches and the requirement IDs each breaks

Usage: authprobe defects [--json]

Exit codes: 0 printed; 2 usage error.`,

  baseline: `authprobe baseline — write a baseline (expected failures and skips) from a JSON report

Usage: authprobe baseline --from report.json [--out baseline.json]

The file lists every FAIL and WARN row (with its rule and message) and every SKIP; use it with
authprobe test --expected-failures baseline.json (and --expected-skips baseline.json). Review
each entry: a baseline is a list of known problems, not a way to make them pass.

Examples:
  authprobe test --config target.json --json report.json; authprobe baseline --from report.json --out baseline.json

Exit codes: 0 written; 2 usage error or an unreadable report.`,

  init: `authprobe init — write a commented target file for a server, from its metadata

Usage: authprobe init --issuer URL [--out FILE] [--force]

Discovers the server (RFC 8414, then OpenID discovery), chooses the profiles its metadata
supports and writes a JSONC target file (default authprobe.target.jsonc) with the clients left
to fill in, each commented; secrets as env:NAME.

Examples:
  authprobe init --issuer https://as.example.com
  authprobe init --issuer http://127.0.0.1:4010 --out target.jsonc --force

Exit codes: 0 written; 2 usage error, the file exists (without --force), or the server cannot be discovered.`,

  report: `authprobe report merge — join the JSON reports of several shards into one report

Usage: authprobe report merge a.json b.json ... [--json FILE|-] [--junit FILE] [--html FILE]

The reports must come from one target, seed and rules mode; each requirement must appear in
exactly one of them. The merged report's exit code is what an unsharded run would return.

Examples:
  authprobe report merge shard-*.json --json report.json --junit junit.xml --html report.html

${EXIT_CODES}`,
};

export function helpFor(command: string): string | undefined {
  return COMMAND_HELP[command];
}
