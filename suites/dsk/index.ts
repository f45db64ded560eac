/**
 * DSK — desktop-app authorization (sdk-desktop-auth, cli-app-integration), probed through the
 * target's Unix socket; the app's side (prompts, lock, integration switch, activity log, faults)
 * through the mock's control plane or a prompts module (see prompts.ts).
 */
import type { AreaSuite } from '../runner/types.js';
import { dsk10, dsk8, dsk9 } from './app-props.js';
import { dsk1, dsk11, dsk2, dsk3, dsk7 } from './prompt-props.js';
import { dsk12, dsk4, dsk5, dsk6 } from './session-props.js';

export const DSK: AreaSuite = { area: 'DSK', properties: [dsk1, dsk2, dsk3, dsk4, dsk5, dsk6, dsk7, dsk8, dsk9, dsk10, dsk11, dsk12] };
