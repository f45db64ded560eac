/**
 * A Stryker "ignorer": mutants that are equivalent by construction, marked Ignored with the
 * reason in every report instead of a disable comment on each line of the mock. Two classes,
 * reviewed in stryker/equivalent-mutants.md:
 *
 * 1. Message text. The description passed to an error (`new InvalidGrant('...')`, the message
 *    of a DesktopError, `fail('...')` in client authentication), an `error_description`, or the
 *    reason recorded by revokeFamily. Requirements judge error codes, statuses and state, never
 *    the wording, so '' or 'Stryker was here!' behaves the same. (A *returned* problem string,
 *    as in checkRedirectUriForRegistration, is not message text: its truthiness is the verdict;
 *    it stays mutated.)
 * 2. Defect switch names. `defects.on('name')` is false for every name in the conformant mock,
 *    so mutating the name changes nothing. (Mutating the call itself, `!defects.on(...)` to
 *    `defects.on(...)` or the condition to `true`, switches the defect on: those stay mutated and
 *    must be killed, which re-checks the defect matrix mutant by mutant.)
 * 3. Code that only shapes a defect. With D an un-negated `defects.on(...)` call (or a const
 *    holding one): D itself and `A && D` / `D && A` as a whole (false is what the conformant
 *    mock already does; true switches the defect on, which the defect matrix covers), the other
 *    operand A (the conjunction is false whatever A is), and the branch taken when D holds
 *    (`if (D ...) <this>`, `D ? <this> : ...`), which never runs with D off.
 * 4. The desktop app's event feed. The event passed to `emit(s, event)` and the reason passed to
 *    `endGrant` / `endAllGrants` (which only becomes an event's `reason`) feed the dashboard and
 *    the control plane's SSE stream, a log of what happened; no requirement reads it. (DSK-10's
 *    activity log is `record()`'s own list, read through `/activity`: it stays mutated.)
 */

/** Callee name -> index of its message argument. */
const MESSAGE_ARGUMENT = new Map([
  ...['InvalidRequest', 'InvalidClient', 'InvalidGrant', 'UnauthorizedClient', 'UnsupportedGrantType', 'InvalidScope',
    'UnsupportedResponseType', 'AccessDenied', 'InvalidToken', 'InvalidRedirectUri', 'InvalidClientMetadata',
    'ClientAuthenticationFailed', 'MethodNotAllowed', 'invalidRequest', 'fail'].map((n) => [n, 0]),
  ['DesktopError', 1],
  ['revokeFamily', 1],
]);

/** Callee name -> index of the argument that only feeds the desktop app's event feed (class 4). */
const EVENT_ARGUMENT = new Map([['emit', 1], ['endGrant', 2], ['endAllGrants', 1]]);

const MEMBER = new Set(['MemberExpression', 'OptionalMemberExpression']);
const CALL = new Set(['CallExpression', 'OptionalCallExpression', 'NewExpression']);

const calleeName = (callee) =>
  callee.type === 'Identifier' ? callee.name
    : MEMBER.has(callee.type) && callee.property.type === 'Identifier' ? callee.property.name
      : undefined;

const isDefectSet = (object) =>
  (object.type === 'Identifier' && object.name === 'defects')
  || (MEMBER.has(object.type) && object.property.type === 'Identifier' && object.property.name === 'defects');

const LITERALS = new Set(['StringLiteral', 'TemplateLiteral']);

/** An un-negated `defects.on(...)` / `ctx.defects.on(...)` / `this.defects.on(...)` call. */
const isDefectCall = (n) =>
  (n?.type === 'CallExpression' || n?.type === 'OptionalCallExpression') && MEMBER.has(n.callee.type) && n.callee.property.type === 'Identifier'
  && n.callee.property.name === 'on' && isDefectSet(n.callee.object);

/** D itself, or a const initialised with D (`const plainOk = defects.on('pkce-plain-accepted')`). */
const isDefect = (n, path) => {
  if (isDefectCall(n)) return true;
  if (n?.type !== 'Identifier') return false;
  const binding = path.scope.getBinding(n.name);
  return binding?.kind === 'const' && isDefectCall(binding.path.node.init);
};

/** True only while a defect is on: D, or a conjunction with D as an operand. */
const holdsOnlyUnderDefect = (n, path) =>
  isDefect(n, path) || (n?.type === 'LogicalExpression' && n.operator === '&&' && (holdsOnlyUnderDefect(n.left, path) || holdsOnlyUnderDefect(n.right, path)));

const DEFECT_ONLY = 'runs or matters only while a defect is on; every defect is off in the conformant mock';
const DEFECT_GATE =
  "a defect's switch: false is what the conformant mock already does; true switches the defect on, which the defect matrix covers (suites/conformant.test.ts, npm run matrix)";

const ignorer = {
  shouldIgnore(path) {
    const parent = path.parentPath?.node;
    // `D` and `A && D` as a whole (an if/?: test, or an operand).
    if (holdsOnlyUnderDefect(path.node, path)) return DEFECT_GATE;
    if (parent?.type === 'LogicalExpression' && parent.operator === '&&') {
      const other = path.key === 'left' ? parent.right : parent.left;
      if (isDefect(other, path)) return DEFECT_ONLY;
    }
    if ((parent?.type === 'IfStatement' || parent?.type === 'ConditionalExpression') && path.key === 'consequent' && holdsOnlyUnderDefect(parent.test, path))
      return DEFECT_ONLY;
    if (path.listKey === 'arguments' && parent?.type === 'CallExpression' && EVENT_ARGUMENT.get(calleeName(parent.callee)) === path.key)
      return 'the desktop event feed (dashboard, SSE): a log of what happened that no requirement reads';
    if (!LITERALS.has(path.node.type)) return undefined;
    if (!parent) return undefined;
    if (path.listKey === 'arguments' && CALL.has(parent.type)) {
      const name = calleeName(parent.callee);
      if (name === 'on' && MEMBER.has(parent.callee.type) && isDefectSet(parent.callee.object))
        return 'defect switch name: every defect is off in the conformant mock, whatever its name';
      if (name !== undefined && MESSAGE_ARGUMENT.get(name) === path.key)
        return `message text of ${name}(): requirements judge codes, statuses and state, not wording`;
    }
    if (parent.type === 'ObjectProperty' && path.key === 'value' && parent.key.type === 'Identifier' && parent.key.name === 'error_description')
      return 'error_description text: requirements judge codes, statuses and state, not wording';
    return undefined;
  },
};

export const strykerPlugins = [{ kind: 'Ignore', name: 'authprobe-equivalent', value: ignorer }];
