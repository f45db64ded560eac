/** Every area's requirements in catalogue order; `RequirementId` is the union of their literal IDs. */
import { AZ } from './az.js';
import { CC } from './cc.js';
import { CL } from './cl.js';
import { CODE } from './code.js';
import { DG } from './dg.js';
import { DSK } from './dsk.js';
import { EXP } from './exp.js';
import { GRACE } from './grace.js';
import { INT } from './int.js';
import { META } from './meta.js';
import { PKCE } from './pkce.js';
import { RACE } from './race.js';
import { RED } from './red.js';
import { REG } from './reg.js';
import { REV } from './rev.js';
import { ROT } from './rot.js';
import { TOK } from './tok.js';

export const catalogue = [...REG, ...RED, ...PKCE, ...CODE, ...DG, ...TOK, ...CC, ...ROT, ...GRACE, ...EXP, ...REV, ...INT, ...RACE, ...AZ, ...META, ...DSK, ...CL] as const;

export type RequirementId = (typeof catalogue)[number]['id'];
