/**
 * DSK — desktop-app authorization (sdk-desktop-auth, cli-app-integration), probed through the
 * target's Unix socket in its protocol (channel.ts: the real envelope, or the HTTP dialect). The
 * app's side (prompts, lock, integration switch, activity log, faults) goes through the mock's
 * control plane or a prompts module (see prompts.ts).
 */
import { areaSuite } from '../runner/area.js';
import { dsk10, dsk8, dsk9 } from './app-props.js';
import { dsk1, dsk11, dsk2, dsk3, dsk7 } from './prompt-props.js';
import { dsk12, dsk4, dsk5, dsk6 } from './session-props.js';

export const DSK = areaSuite('DSK', {
  'DSK-1': dsk1,
  'DSK-2': dsk2,
  'DSK-3': dsk3,
  'DSK-4': dsk4,
  'DSK-5': dsk5,
  'DSK-6': dsk6,
  'DSK-7': dsk7,
  'DSK-8': dsk8,
  'DSK-9': dsk9,
  'DSK-10': dsk10,
  'DSK-11': dsk11,
  'DSK-12': dsk12,
});
